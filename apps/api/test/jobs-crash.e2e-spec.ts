import { jest } from '@jest/globals';
import { clockEnv } from './support/child-env.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestContext } from './context.js';
import { CryptoService } from '../src/common/crypto/crypto.service.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { OutboxService } from '../src/modules/notices/outbox.service.js';

/**
 * real API processes (child processes of the built server, `dist/main.js`) work the job queue; the test kills
 * one with SIGKILL or stops it with SIGTERM in the middle of a certificate batch and of a message-delivery run, starts
 * another, and checks that every item was done exactly once.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.resolve(here, '../dist/main.js');
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Api {
  proc: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: () => string;
}

async function startApi(url: string, extra: Record<string, string> = {}): Promise<Api> {
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      ...clockEnv(),
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: '/tmp/zhicheng-test-data',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_KEY: '00112233445566778899aabbccddeeff',
      INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      JOBS_POLL_SECONDS: '0.5',
      JOBS_SUPERVISE_SECONDS: '2',
      JOBS_HEARTBEAT_SECONDS: '10',
      CERT_BATCH_LEASE_SECONDS: '120',
      DB_POOL_SIZE: '3',
      JOBS_POOL_SIZE: '2',
      // Every process writes the queue's retry settings at start, and a job keeps those of the moment it is written.
      MESSAGE_RETRY_DELAY_SECONDS: '1',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const end = Date.now() + 150_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`API process exited: ${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) throw new Error(`API process did not start: ${out}`);
    await sleep(200);
  }
  const api = { proc, port, exited, output: () => out };
  current.push(api);
  return api;
}

const current: Api[] = [];

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 90_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; children said: ${current.map((c) => c.output().slice(-3000)).join('\n----\n')}`);
    await sleep(everyMs);
  }
}

async function filed(ds: DataSource, crypto: CryptoService, tag: string, n: number, filingDocNo: string, seed: number): Promise<string[]> {
  const [batch] = await ds.query(`SELECT b.id FROM batches b JOIN organisations o ON o.id = b.committee_id WHERE o.name = '江苏省工程技术研究系列高级职称评审委员会' AND b.year = 2026 AND b.kind = 'review'`);
  const [title] = await ds.query(`SELECT id, committee_id FROM titles, (SELECT id AS committee_id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会') c WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const idCard = demoIdCard(`44010619820101${String(seed + i).padStart(3, '0')}`);
    const [u] = await ds.query(
      `INSERT INTO users (username, role, real_name, id_card_enc, id_card_hash, password_hash, version) VALUES ($1, 'applicant', $2, $3, $4, 'x', 1) RETURNING id`,
      [`${tag}_${i}`, `${tag}${i}`, crypto.encrypt(idCard), crypto.blindIndex(idCard)],
    );
    const [d] = await ds.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_nature, region_code, method,
                                 status, review_passed, filing_doc_no, filed_on, version)
       VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, 'enterprise', '320102', 'unit', 'filed', true, $5, '2026-07-01', 1) RETURNING id`,
      [u.id, batch.id, title.id, title.committee_id, filingDocNo],
    );
    ids.push(d.id);
  }
  return ids;
}

type BatchRow = { status: string; issued: number; existing: number; failed: number; total: number; lease_owner: string | null; lease_until: Date | null };

jest.setTimeout(300_000);

describe('X-06 jobs survive a killed or stopped API process', () => {
  let t: TestContext;
  let url: string;
  let admin: string;
  let issuerOrgId: string;
  const children: Api[] = [];
  beforeAll(async () => {
    void children;
    // The test's own application takes no jobs: only the child processes work.
    // Jobs keep the retry settings of the queue as it was when they were written: the test's application writes the
    // messages, so it carries the children's short retry delay.
    t = await createTestContext({ env: { JOBS_WORKER: 'false', MESSAGE_RETRY_DELAY_SECONDS: '1' } });
    url = (t.ds.options as { url: string }).url;
    admin = await t.login('admin');
    issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
  });
  afterEach(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await t?.close();
  });
  const batchRow = async (id: string) => (await t.ds.query(`SELECT status, issued, existing, failed, total, lease_owner, lease_until FROM certificate_issue_batches WHERE id = $1`, [id]))[0] as BatchRow;

  async function assertIssuedOnce(ids: string[]) {
    const rows = await t.ds.query(`SELECT certificate_no, source_declaration_id FROM certificates WHERE source_declaration_id = ANY($1::uuid[])`, [ids]);
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((r: { certificate_no: string }) => r.certificate_no)).size).toBe(ids.length);
    expect(new Set(rows.map((r: { source_declaration_id: string }) => r.source_declaration_id)).size).toBe(ids.length);
    const audits = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'certificate.issue' AND after->>'issueKey' = ANY($1::text[])`, [ids.map((i) => `decl:${i}`)]);
    expect(audits[0].n).toBe(ids.length);
  }

  it('SIGKILL in the middle of a certificate batch: a new process resumes it without waiting out the lease, nothing issued twice', async () => {
    const ids = await filed(t.ds, t.app.get(CryptoService), 'kill9', 250, '苏职称备〔2026〕91号', 100);
    const first = await startApi(url);
    children.push(first);
    const created = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: '苏职称备〔2026〕91号', issuerOrgId });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await until('the first chunk', async () => (await batchRow(id)).issued >= 100, 90_000, 20);
    first.proc.kill('SIGKILL');
    await first.exited;
    const atKill = await batchRow(id);
    expect(atKill.status).toBe('running');
    expect(atKill.issued).toBeLessThan(250);
    expect(atKill.lease_until!.getTime()).toBeGreaterThan(Date.now() + 60_000);

    const second = await startApi(url);
    children.push(second);
    const done = await until('the batch to finish', async () => {
      const b = await batchRow(id);
      return b.status === 'done' ? b : null;
    });
    // Finished long before the dead process's lease would have run out.
    expect(Date.now()).toBeLessThan(atKill.lease_until!.getTime());
    expect(done.issued + done.existing).toBe(250);
    expect(done.failed).toBe(0);
    await assertIssuedOnce(ids);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGTERM in the middle of a batch: the process hands the batch on and exits promptly; another finishes it at once', async () => {
    const ids = await filed(t.ds, t.app.get(CryptoService), 'term', 250, '苏职称备〔2026〕92号', 400);
    const first = await startApi(url);
    children.push(first);
    const created = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: '苏职称备〔2026〕92号', issuerOrgId });
    const id = created.body.id as string;
    await until('the first chunk', async () => (await batchRow(id)).issued >= 1, 90_000, 20);
    const t0 = Date.now();
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Stopped promptly, after its current chunk…
    expect(Date.now() - t0).toBeLessThan(15_000);
    const handed = await batchRow(id);
    if (handed.status === 'done') throw new Error('batch finished before the stop: make it larger');
    // …with the lease released and the batch handed on as a new queued job: nothing to wait out.
    expect(handed.lease_owner).toBeNull();
    const queued = await t.ds.query(`SELECT state::text AS state FROM pgboss.job WHERE name = 'certificate.batch' AND data->>'batchId' = $1 ORDER BY created_on`, [id]);
    expect(queued.map((j: { state: string }) => j.state)).toEqual(['completed', 'created']);
    const second = await startApi(url);
    children.push(second);
    const done = await until('the batch to finish', async () => {
      const b = await batchRow(id);
      return b.status === 'done' ? b : null;
    }, 120_000);
    expect(done.issued + done.existing).toBe(250);
    expect(done.failed).toBe(0);
    await assertIssuedOnce(ids);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGKILL in the middle of a message-delivery run: after restart every e-mail arrived exactly once', async () => {
    const accepted = new Map<string, number>();
    let hang: (() => void) | null = null;
    let hung = false;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (d: Buffer) => chunks.push(d));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID: <([^@>]+)@/im.exec(raw)?.[1] ?? 'unknown';
          // The 4th message is held without an answer: the sending process is killed while it waits.
          if (!hung && accepted.size === 3) {
            hung = true;
            hang?.();
            return;
          }
          accepted.set(id, (accepted.get(id) ?? 0) + 1);
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (server.server.address() as AddressInfo).port;
    try {
      const outbox = t.app.get(OutboxService);
      const [u] = await t.ds.query(`SELECT id, email FROM users WHERE username = 'applicant'`);
      for (let i = 0; i < 8; i++) {
        await outbox.enqueue({ channel: 'email', event: 'declaration.status', userId: u.id, recipient: u.email, subject: `职称申报状态 ${i}`, body: `第 ${i} 条状态通知。` });
      }
      const rows = (await t.ds.query(`SELECT id FROM outbox_messages WHERE subject LIKE '职称申报状态 %' AND channel = 'email'`)) as { id: string }[];
      expect(rows).toHaveLength(8);
      const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_FROM: 'noreply@zhicheng.test', SMTP_REQUIRE_TLS: 'false', MESSAGE_CONCURRENCY: '1' };
      const hanging = new Promise<void>((r) => (hang = r));
      const first = await startApi(url, env);
      children.push(first);
      await hanging;
      first.proc.kill('SIGKILL');
      await first.exited;
      expect(accepted.size).toBe(3);
      const killedAt = Date.now();
      const second = await startApi(url, env);
      children.push(second);
      await until('all sent', async () => (await t.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [rows.map((r) => r.id)]))[0].n === 8);
      const sentAt = Date.now();
      // Taken over after the lost heartbeat (10 s), the monitor pass (2 s) and one short retry delay — not after the
      // job's 120 s expiry, nor a minute-long monitor interval, nor a retry delay the job kept from another config.
      expect(sentAt - killedAt).toBeLessThan(50_000);
      expect([...accepted.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
      expect([...accepted.values()].every((n) => n === 1)).toBe(true);
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

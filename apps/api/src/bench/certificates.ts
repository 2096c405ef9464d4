import 'reflect-metadata';
import http from 'node:http';
import os from 'node:os';
import { loadSealBundle } from '../modules/certificate/seal/signer.js';
import { CertificateSealService } from '../modules/certificate/seal/certificate-seal.service.js';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory.js';
import { migrateFirst } from './migrate-first.js';
import { loadConfig } from '../config/config.js';
import { CryptoService } from '../common/crypto/crypto.service.js';
import { demoIdCard, seedDemo } from '../database/seeds/demo.seed.js';
import { CertificateBatchService } from '../modules/certificate/certificate-batch.service.js';
import { CertificateWorker } from '../modules/certificate/certificate-worker.service.js';
import { CertificateService } from '../modules/certificate/certificate.service.js';
import { Certificate } from '../modules/certificate/entities/certificate.entity.js';
import type { AuthUser } from '../common/auth/auth-user.js';

/**
 * Certificate benchmark (issue 8, docs/PERFORMANCE.md "Certificates (issue 8)").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> PORT=3520 node dist/bench/certificates.js
 *
 * (a) Issuance: creates BENCH_CERTS (10,000) applicants with a filed, passed declaration under one filing document
 *     number (SQL), starts one issuance batch by that number (the A-13 path: source resolution + items) and lets the
 *     worker issue it (number pool, Ed25519 signature, SM4, audit row per certificate); then renders BENCH_PDFS of
 *     the e-certificate PDFs (QR code + pdfkit + CJK font), sequentially, in process.
 * (b) Public verification: the QR lookup `GET /api/public/certificates/verify/:code` of the API (rate limit on,
 *     signature check, ID decryption and masking) side by side with a bare `node:http` + `pg` server doing the same
 *     indexed lookup (`WHERE verification_code = $1`), same pool size, same client, in the same run. The client is a
 *     closed loop of BENCH_CONNECTIONS keep-alive connections for BENCH_SECONDS each; codes are drawn at random from
 *     the issued certificates. The API's per-address rate limit stays on: with TRUST_PROXY the client spreads its
 *     requests over BENCH_ADDRESSES (65,536) X-Forwarded-For addresses, as many visitors would, each below the
 *     production limit of 60 per minute.
 */
const N = Number(process.env.BENCH_CERTS ?? 10_000);
const PDFS = Number(process.env.BENCH_PDFS ?? N);
const OFDS = Number(process.env.BENCH_OFDS ?? 200);
const PORT = Number(process.env.PORT ?? 3520);
const BARE_PORT = PORT + 1;
const POOL = Number(process.env.POOL ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 65536);
const FILING = '苏职称备〔2026〕BENCH号';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** Closed-loop load: `connections` workers, each sending the next request when the previous answered. */
async function load(
  port: string | number,
  path: (i: number) => string,
  headers: (i: number) => Record<string, string>,
  seconds: number,
  connections: number,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const lat: number[] = [];
  let ok = 0;
  let errors = 0;
  const statuses = new Map<number, number>();
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: '127.0.0.1', port, path: path(i), method: 'GET', agent, headers: headers(i) }, (res) => {
        res.resume();
        res.on('end', () => {
          lat.push(performance.now() - t0);
          statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          if (res.statusCode === 200) ok++;
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await one(n++);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: ok / elapsed, ok, errors, statuses: Object.fromEntries(statuses), p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  // P-05: a software seal key bundle for the run (created on first use), as production's CERT_SEAL_BUNDLE would be.
  const sealBundleFile = process.env.CERT_SEAL_BUNDLE ?? `${process.env.DATA_DIR ?? '/tmp/zhicheng-bench-cert'}/bench-seal-bundle.json`;
  loadSealBundle(sealBundleFile);
  const config = loadConfig({
    ...process.env,
    CERT_SEAL_BUNDLE: sealBundleFile,
    NODE_ENV: 'production',
    DATA_DIR: process.env.DATA_DIR ?? '/tmp/zhicheng-bench-cert',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    CERT_SIGNING_KEY:
      process.env.CERT_SIGNING_KEY ??
      (await import('node:crypto')).generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    CERT_WORKER: 'false',
    TRUST_PROXY: '1',
    RATE_PUBLIC_PER_MIN: process.env.RATE_PUBLIC_PER_MIN ?? '60',
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${PORT}`,
  });
  // Migrations before the application (its job workers poll from the start), as main.ts does.
  await migrateFirst(url);
  const app = await createApp(process.env.BENCH_NO_LOG ? { ...config, env: 'test' } : config, url, POOL);
  const ds = app.get(DataSource);
  await seedDemo(ds, config);
  const crypto = app.get(CryptoService);
  const q1 = async (sql: string, p: unknown[] = []) => ((await ds.query(sql, p)) as { id: string }[])[0]!.id;

  // ---------- (a) issuance (BENCH_SKIP_ISSUE=1: keep the certificates of an earlier run, measure (b) only) ----------
  if (!process.env.BENCH_SKIP_ISSUE) await issuance();
  async function issuance() {
    await ds.query(`DELETE FROM certificate_issue_batch_items`);
    await ds.query(`DELETE FROM certificate_issue_batches`);
    await ds.query(`DELETE FROM certificates WHERE holder_name LIKE 'bench%'`);
    await ds.query(`DELETE FROM declarations WHERE applicant_user_id IN (SELECT id FROM users WHERE username LIKE 'bench_cert_%')`);
    await ds.query(`DELETE FROM users WHERE username LIKE 'bench_cert_%'`);
    const committee = await q1(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`);
    const batch = await q1(`SELECT id FROM batches WHERE committee_id = $1 AND kind = 'review' AND year = 2026`, [committee]);
    const title = await q1(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
    const names: string[] = [];
    const usernames: string[] = [];
    const encs: string[] = [];
    const hashes: string[] = [];
    for (let i = 0; i < N; i++) {
      const id = demoIdCard(
        `4201061975${String((Math.floor(i / 900) % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`,
      );
      usernames.push(`bench_cert_${i}`);
      names.push(`bench${i}`);
      encs.push(crypto.encrypt(id));
      hashes.push(crypto.blindIndex(id));
    }
    await ds.query(
      `INSERT INTO users (username, role, real_name, id_card_enc, id_card_hash, password_hash, version)
     SELECT u, 'applicant', n, e, h, 'x', 1 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(u, n, e, h)`,
      [usernames, names, encs, hashes],
    );
    await ds.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_nature, region_code, method,
                               status, review_passed, filing_doc_no, filed_on, version)
     SELECT id, $1, 2026, 'review', 'vice_senior', 'GC', $2, 'GC01', $3, 'enterprise', '320102', 'unit', 'filed', true, $4, '2026-07-01', 1
       FROM users WHERE username LIKE 'bench_cert_%'`,
      [batch, title, committee, FILING],
    );
    const [adminRow] = (await ds.query(
      `SELECT u.id, u.username, u.role, u.organisation_id, o.region_code, o.level FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = 'admin'`,
    )) as {
      id: string;
      username: string;
      role: AuthUser['role'];
      organisation_id: string;
      region_code: string;
      level: AuthUser['orgLevel'];
    }[];
    const admin: AuthUser = {
      id: adminRow!.id,
      username: adminRow!.username,
      role: adminRow!.role,
      organisationId: adminRow!.organisation_id,
      regionCode: adminRow!.region_code,
      orgLevel: adminRow!.level,
    };
    const issuerOrgId = await q1(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`);

    const t0 = performance.now();
    const created = await app.get(CertificateBatchService).create(admin, { source: 'filing_doc', filingDocNo: FILING, issuerOrgId });
    const t1 = performance.now();
    const worker = app.get(CertificateWorker);
    await worker.runBatch(created.id, { owner: 'bench' });
    const t2 = performance.now();
    const [done] = (await ds.query(`SELECT status, issued, existing, failed, total FROM certificate_issue_batches WHERE id = $1`, [
      created.id,
    ])) as Record<string, unknown>[];
    console.log(
      `    load average after issuing ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `(a) batch of ${created.total}: create ${(t1 - t0).toFixed(0)} ms; issue ${((t2 - t1) / 1000).toFixed(1)} s = ${(N / ((t2 - t1) / 1000)).toFixed(0)} certificates/s; ${JSON.stringify(done)}`,
    );
    const dup = (await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT certificate_no)::int AS d FROM certificates WHERE holder_name LIKE 'bench%'`,
    )) as { n: number; d: number }[];
    console.log(`    certificates ${dup[0]!.n}, distinct numbers ${dup[0]!.d}`);

    const certs = app.get(CertificateService);
    const repo = ds.getRepository(Certificate);
    const pdfTimes: number[] = [];
    let bytes = 0;
    const tp = performance.now();
    for (let offset = 0; offset < PDFS; offset += 500) {
      const rows = await repo
        .createQueryBuilder('c')
        .where(`c.holder_name LIKE 'bench%'`)
        .orderBy('c.certificate_no')
        .skip(offset)
        .take(Math.min(500, PDFS - offset))
        .getMany();
      for (const c of rows) {
        const s = performance.now();
        bytes += (await certs.renderPdf(c)).length;
        pdfTimes.push(performance.now() - s);
      }
    }
    const pdfSecs = (performance.now() - tp) / 1000;
    if (pdfTimes.length)
      console.log(
        `    PDFs ${pdfTimes.length}: ${pdfSecs.toFixed(1)} s = ${(pdfTimes.length / pdfSecs).toFixed(1)} PDFs/s; p50 ${pct(pdfTimes, 50).toFixed(1)} ms p95 ${pct(pdfTimes, 95).toFixed(1)} ms; avg ${(bytes / pdfTimes.length / 1024).toFixed(0)} KiB`,
      );
    // P-05: every issued certificate is sealed; rebuild and verify a sample of the OFD packages (the download path).
    const sealed = (
      (await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE holder_name LIKE 'bench%' AND seal_signature IS NOT NULL`)) as {
        n: number;
      }[]
    )[0]!.n;
    const sample = await repo.createQueryBuilder('c').where(`c.holder_name LIKE 'bench%'`).orderBy('c.certificate_no').take(OFDS).getMany();
    const to = performance.now();
    let ofdBytes = 0;
    let ofdOk = 0;
    for (const c of sample) {
      const b = await certs.ofd(c);
      ofdBytes += b.length;
      if (app.get(CertificateSealService).verifyOfd(b).ok) ofdOk++;
    }
    const ofdSecs = (performance.now() - to) / 1000;
    console.log(
      `    sealed ${JSON.stringify(sealed)} of ${N}; OFD rebuild+verify ${sample.length}: ${ofdSecs.toFixed(1)} s = ${(sample.length / ofdSecs).toFixed(1)}/s, ${ofdOk} verified, avg ${(ofdBytes / Math.max(1, sample.length) / 1024).toFixed(0)} KiB; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  }

  // ---------- (b) public verification ----------
  await app.listen(PORT, '127.0.0.1');
  const bare = new pg.Pool({ connectionString: url, max: POOL });
  const server = http.createServer(async (req, res) => {
    const m = /^\/verify\/([0-9A-Z]{8,16})$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    try {
      const r = await bare.query(
        `SELECT certificate_no, holder_name, title_name, title_level, profession_name, qualification_date, approval_doc_no, committee_name, issuer_name, issue_date, status, revoked_at
           FROM certificates WHERE verification_code = $1`,
        [m[1]],
      );
      const body = JSON.stringify({ items: r.rows });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(BARE_PORT, '127.0.0.1', r));
  const codes = ((await ds.query(`SELECT verification_code AS c FROM certificates ORDER BY random() LIMIT 2000`)) as { c: string }[]).map(
    (r) => r.c,
  );
  const code = (i: number) => codes[(i * 7919) % codes.length]!;
  const xff = (i: number) => ({ 'x-forwarded-for': `10.${(i % ADDRESSES) >> 8}.${(i % ADDRESSES) & 255}.7` });
  // Warm-up of both (the JIT of the deeper API stack needs a few seconds).
  await load(
    BARE_PORT,
    (i) => `/verify/${code(i)}`,
    () => ({}),
    5,
    CONNECTIONS,
  );
  await load(PORT, (i) => `/api/public/certificates/verify/${code(i)}`, xff, 5, CONNECTIONS);
  const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  for (let round = 1; round <= ROUNDS; round++) {
    results[`bare#${round}`] = await load(
      BARE_PORT,
      (i) => `/verify/${code(i)}`,
      () => ({}),
      SECONDS,
      CONNECTIONS,
    );
    results[`api#${round}`] = await load(PORT, (i) => `/api/public/certificates/verify/${code(i)}`, xff, SECONDS, CONNECTIONS);
  }
  for (const [k, r] of Object.entries(results)) {
    console.log(
      `(b) ${k.padEnd(7)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ok ${r.ok} errors ${r.errors} ${JSON.stringify(r.statuses)}`,
    );
  }
  const sum = (p: string) =>
    Object.entries(results)
      .filter(([k]) => k.startsWith(p))
      .reduce((n, [, r]) => n + r.rps, 0);
  const bareRps = sum('bare#');
  const apiRps = sum('api#');
  console.log(`(b) API / bare = ${((apiRps / bareRps) * 100).toFixed(0)} % (target ≥ 60 %)`);
  // The limit is enforced: one address over its per-minute limit is refused.
  const one = await load(
    PORT,
    (i) => `/api/public/certificates/verify/${code(i)}`,
    () => ({ 'x-forwarded-for': '192.0.2.1' }),
    2,
    4,
  );
  console.log(`    one address for 2 s: ${JSON.stringify(one.statuses)} (limit ${config.rateLimit.publicPerMinute}/min)`);
  server.close();
  await bare.end();
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

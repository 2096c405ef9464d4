import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { Role } from '@zhicheng/contracts';
import { createApp } from '../app.factory.js';
import { migrateFirst } from './migrate-first.js';
import { loadConfig } from '../config/config.js';
import { seedDemo } from '../database/seeds/demo.seed.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { TokenService } from '../modules/accounts/token.service.js';
import { DeclarationFormsService } from '../modules/declaration/declaration-forms.service.js';
import { DeclarationService } from '../modules/declaration/declaration.service.js';

/**
 * Declaration benchmark (issue 5, docs/PERFORMANCE.md "Declarations").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> PORT=3500 node dist/bench/declarations.js
 *
 * Migrates and seeds the scratch database, creates N applicants directly in SQL (with their
 * attachment records), then over HTTP each applicant concurrently starts a 2026 评审 declaration,
 * saves its seven required modules (each twice, as autosave then explicit save) and submits.
 * Reports p50/p95/p99 of saves and submissions and the error count, then times form PDF renders.
 */
const N = Number(process.env.BENCH_APPLICANTS ?? 200);
const PORT = Number(process.env.PORT ?? 3500);
/** Think time between an applicant's requests (autosave cadence), uniformly 0.5×–1.5× this; 0 = closed loop. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 2000);
const think = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) =>
  `n=${xs.length} p50=${pct(xs, 50).toFixed(1)} ms p95=${pct(xs, 95).toFixed(1)} ms p99=${pct(xs, 99).toFixed(1)} ms max=${Math.max(...xs).toFixed(1)} ms`;

interface ClientJob {
  base: string;
  batch: string;
  committee: string;
  unit: string;
  dept: string;
  title: string;
  clients: { token: string; files: string[] }[];
}
interface ClientResult {
  wall: number;
  errors: number;
  starts: number[];
  saves: number[];
  submits: number[];
}

/** Applicants arrive over this window (default 10 s), not all in the same millisecond. */
const START_SPREAD_MS = Number(process.env.BENCH_START_SPREAD_MS ?? 10_000);

function runClientProcess(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as ClientResult));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load client exited with ${code}`)));
    child.send(job);
  });
}

async function clientLoad(job: ClientJob): Promise<ClientResult> {
  const saves: number[] = [];
  const submits: number[] = [];
  const starts: number[] = [];
  let errors = 0;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const t0 = performance.now();
    const { base } = job;
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    const ms = performance.now() - t0;
    if (!res.ok) {
      errors++;
      if (errors <= 5) console.error(method, path, res.status, JSON.stringify(json).slice(0, 300));
    }
    return { ms, json, ok: res.ok };
  };
  const t0 = performance.now();
  const { batch, committee, unit, dept, title, clients } = job;
  await Promise.all(
    clients.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, (START_SPREAD_MS * i) / clients.length));
      await think();
      const s = await call(c.token, 'POST', '/declarations', {
        batchId: batch,
        regionCode: '320102',
        unitNature: 'enterprise',
        supervisingDeptId: dept,
        unitOrgId: unit,
        titleLevel: 'vice_senior',
        seriesCode: 'GC',
        titleId: title,
        professionCode: 'GC01',
        method: '正常晋升',
        civilServant: false,
        committeeId: committee,
        commitmentAccepted: true,
      });
      starts.push(s.ms);
      if (!s.ok) return;
      const id = s.json.id as string;
      let version = s.json.version as number;
      const [f1, f2, f3, f4, f5] = c.files;
      const modules: [string, unknown][] = [
        [
          'basic_info',
          {
            gender: '女',
            nation: '汉族',
            politicalStatus: '群众',
            workStartDate: '2012-07-01',
            _files: { idCardFront: f1, idCardBack: f2 },
          },
        ],
        [
          'education',
          [
            {
              school: '东南大学',
              major: '电子信息工程',
              educationLevel: '本科',
              degree: '学士',
              startDate: '2008-09-01',
              endDate: '2012-07-01',
              diplomaNo: '102861201205000123',
              highest: true,
              _files: { diplomaFile: f3 },
            },
          ],
        ],
        [
          'current_title',
          {
            titleName: '工程师',
            obtainedDate: '2017-12-01',
            certificateNo: 'GC2017-001',
            issuer: '南京市人社局',
            _files: { certificateFile: f4 },
          },
        ],
        ['work_experience', [{ startDate: '2012-07-01', unit: '南京示范科技有限公司', duties: '嵌入式软件研发' }]],
        ['achievements', [{ project: '智能电表通信模块研发', startDate: '2019-01-01', endDate: '2020-06-30', role: '项目负责人' }]],
        ['work_summary', { text: '任现职以来，本人主持完成多项电子信息工程项目。'.repeat(20) }],
        ['integrity_commitment', { _files: { commitmentFile: f5 } }],
      ];
      for (let round = 0; round < 2; round++) {
        for (const [key, value] of modules) {
          await think();
          const r = await call(c.token, 'PUT', `/declarations/${id}/modules/${key}`, { value, version });
          saves.push(r.ms);
          if (r.ok) version = r.json.version as number;
        }
      }
      await think();
      const sub = await call(c.token, 'POST', `/declarations/${id}/submit`, { version });
      submits.push(sub.ms);
    }),
  );
  return { wall: performance.now() - t0, errors, starts, saves, submits };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: process.env.DATA_DIR ?? '/tmp/zhicheng-bench-decl',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  // Migrations before the application (its job workers poll from the start), as main.ts does.
  await migrateFirst(url);
  const app = await createApp(config, url, Number(process.env.POOL ?? 20));
  const ds = app.get(DataSource);
  await seedDemo(ds, config);
  await app.listen(PORT, '127.0.0.1');
  const base = `http://127.0.0.1:${PORT}/api`;
  const q1 = async (sql: string, p: unknown[] = []) => ((await ds.query(sql, p)) as { id: string }[])[0].id;
  const committee = await q1(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`);
  const batch = await q1(`SELECT id FROM batches WHERE committee_id = $1 AND kind = 'review' AND year = 2026`, [committee]);
  const unit = await q1(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`);
  const dept = await q1(`SELECT id FROM organisations WHERE name = '玄武区工业和信息化局'`);
  const title = await q1(`SELECT id FROM titles WHERE ministry_code = '0641'`);

  // Applicants and their attachment records, straight into the tables.
  await ds.query(`DELETE FROM users WHERE username LIKE 'bench_app_%'`);
  const hash = (await ds.query(`SELECT password_hash FROM users WHERE username = 'applicant'`))[0].password_hash;
  const users: { id: string; username: string }[] = await ds.query(
    `INSERT INTO users (username, role, real_name, password_hash, version)
     SELECT 'bench_app_' || g, $1, '压测申报人' || g, $2, 1 FROM generate_series(1, $3::int) g RETURNING id, username`,
    [Role.Applicant, hash, N],
  );
  const tokens = app.get(TokenService);
  const clients = await Promise.all(
    users.map(async (u) => {
      const files: { id: string }[] = await ds.query(
        `INSERT INTO stored_files (owner_user_id, purpose, original_name, mime_type, size_bytes, page_count, sha256, storage_key)
         SELECT $1, 'declaration', '材料' || g || '.pdf', 'application/pdf', 100000, 1, repeat('a', 64), 'pdf/aa/bench.pdf' FROM generate_series(1, 5) g RETURNING id`,
        [u.id],
      );
      const user = await ds.getRepository(User).findOneByOrFail({ id: u.id });
      const { sessionId } = await tokens.startSession(user.id);
      return { token: tokens.signAccess(user, sessionId), files: files.map((f) => f.id) };
    }),
  );

  // The load runs in a separate process, so the applicants' HTTP clients do not share the API's event loop.
  const job: ClientJob = { base, batch, committee, unit, dept, title, clients };
  const r = await runClientProcess(job);
  console.log(`think=${THINK_MS} ms (the hall autosaves 2 s after the last change)`);
  console.log(`applicants=${N} wall=${(r.wall / 1000).toFixed(1)} s errors=${r.errors}`);
  console.log(`start   ${fmt(r.starts)}`);
  console.log(`save    ${fmt(r.saves)}`);
  console.log(`submit  ${fmt(r.submits)}`);

  // Form PDF render (review form of a submitted declaration), in-process.
  const svc = app.get(DeclarationService);
  const forms = app.get(DeclarationFormsService);
  const u = users[0];
  const d = await q1(`SELECT id FROM declarations WHERE applicant_user_id = $1`, [u.id]);
  const authUser = { id: u.id, username: u.username, role: Role.Applicant, organisationId: null, regionCode: null, orgLevel: null };
  const renders: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < 30; i++) {
    const a = performance.now();
    const ctx = await svc.forForms(authUser, d);
    const b = performance.now();
    await forms.renderCtx(ctx, 'review-form');
    renders.push(performance.now() - b);
    loads.push(b - a);
  }
  console.log(`form render (review-form, PDF only) ${fmt(renders.slice(3))}`);
  console.log(`form data load                      ${fmt(loads.slice(3))}`);
  await ds.query(`DELETE FROM declaration_events WHERE declaration_id IN (SELECT id FROM declarations WHERE applicant_user_id = ANY($1))`, [
    users.map((x) => x.id),
  ]);
  await ds.query(`DELETE FROM education_records WHERE user_id = ANY($1)`, [users.map((x) => x.id)]);
  await ds.query(`DELETE FROM declarations WHERE applicant_user_id = ANY($1)`, [users.map((x) => x.id)]);
  await app.close();
}

if (process.argv.includes('--client')) {
  process.once('message', (job) => {
    void clientLoad(job as ClientJob).then((r) => process.send!(r, () => process.exit(0)));
  });
} else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });

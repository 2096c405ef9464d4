import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createDataSource } from '../database/data-source.js';

/**
 * Audit-queue benchmark (issue 6, docs/PERFORMANCE.md "Audit queue").
 *
 *   createdb -h 127.0.0.1 -U postgres audit_bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/audit_bench node dist/bench/audit-queue.js
 *
 * Starts the built API (dist/main.js) on BENCH_PORT against the scratch database (it migrates and
 * seeds the demo), generates 1,000,000 submitted declarations with generate_series (1,000,000
 * applicants, 2,000 units as audit nodes, statuses mixed, ~200,000 return events), signs in 50 unit
 * operators at 50 different nodes, then lets the 50 auditors request their pending list
 * (`GET /api/audit/queue?status=pending…`, random page and filters) concurrently, closed loop,
 * and reports p50 / p95 / p99 of the HTTP round trips.
 */
const DECLARATIONS = 1_000_000;
const NODES = 2_000;
const AUDITORS = Number(process.env.BENCH_AUDITORS ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const PORT = Number(process.env.BENCH_PORT ?? 3790);
const BASE = `http://127.0.0.1:${PORT}`;
const here = path.dirname(fileURLToPath(import.meta.url));

async function waitHealthy(child: ChildProcess): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('API did not start');
}

async function login(username: string): Promise<string> {
  const c = (await (await fetch(`${BASE}/api/auth/captcha`)).json()) as { captchaId: string };
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026', captchaId: c.captchaId, captchaCode: 'BENCH' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  const child = spawn(process.execPath, [path.join(here, '..', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DATA_DIR: process.env.DATA_DIR ?? '/tmp/audit-bench-data',
      SEED_DEMO: 'true',
      CAPTCHA_TEST_ANSWER: 'BENCH',
      RATE_LOGIN_PER_MIN: '100000',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitHealthy(child);
    const ds = createDataSource(url, 2);
    await ds.initialize();
    const have: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM declarations`);
    if (have[0].n < DECLARATIONS) {
      const t0 = performance.now();
      const ref: { batch: string; title: string; committee: string }[] = await ds.query(
        `SELECT b.id AS batch, t.id AS title, b.committee_id AS committee FROM batches b, titles t WHERE b.kind = 'review' AND t.ministry_code = '0641' LIMIT 1`,
      );
      const { batch, title, committee } = ref[0];
      await ds.query(`DROP TABLE IF EXISTS bench_nodes`);
      await ds.query(`CREATE TABLE bench_nodes (i int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid())`);
      await ds.query(`INSERT INTO bench_nodes (i) SELECT generate_series(0, ${NODES - 1})`);
      await ds.query(
        `INSERT INTO organisations (id, name, type, region_code, nature, permitted, version)
         SELECT id, 'bench-unit-' || i, 'unit', '3201' || lpad((1 + i % 20)::text, 2, '0'), 'enterprise', true, 1 FROM bench_nodes`,
      );
      await ds.query(
        `INSERT INTO users (id, username, role, real_name, password_hash, version)
         SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'bench-app-' || g, 'applicant',
                (ARRAY['张','王','李','赵','陈','刘','周','吴'])[1 + g % 8] || (ARRAY['伟','芳','娜','敏','静','强','磊','洋'])[1 + (g / 8) % 8], 'x', 1
           FROM generate_series(1, ${DECLARATIONS}) g`,
      );
      const snapshot = JSON.stringify({
        input: { unitOrgId: null, kind: 'review', seriesCode: 'GC', titleLevel: 'vice_senior', professionCode: 'GC01', committeeOrgId: committee },
        stages: [{ seq: 1, kind: 'unit_audit', label: '单位审核、公示' }, { seq: 2, kind: 'org_audit', label: '主管部门审核' }],
        resolvedAt: new Date().toISOString(),
      });
      await ds.query(
        `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id,
            unit_org_id, unit_nature, region_code, method, status, returned_to_applicant, current_stage, current_org_id, path_snapshot,
            submitted_at, version)
         SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $1, 2023 + g % 4, 'review',
                (ARRAY['assistant','intermediate','vice_senior','senior'])[1 + g % 4], 'GC', $2, 'GC01', $3,
                n.id, 'enterprise', '320102', '正常晋升',
                s.status, false, 0, CASE WHEN s.status = 'cancelled' THEN NULL ELSE n.id END, $4::jsonb,
                now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute', 1
           FROM generate_series(1, ${DECLARATIONS}) g
           JOIN bench_nodes n ON n.i = g % ${NODES}
           CROSS JOIN LATERAL (SELECT (ARRAY['under_audit','under_audit','under_audit','under_audit','under_audit','under_audit','unit_passed','returned','qualified','cancelled'])[1 + (g / ${NODES}) % 10] AS status) s`,
        [batch, title, committee, snapshot],
      );
      await ds.query(
        `INSERT INTO declaration_events (declaration_id, action, from_status, to_status, created_at)
         SELECT id, 'return', 'under_audit', 'returned', now() - (random() * 300) * interval '1 day' FROM declarations TABLESAMPLE SYSTEM (20)`,
      );
      await ds.query(`ANALYZE users; ANALYZE organisations; ANALYZE declarations; ANALYZE declaration_events`);
      console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    // 50 auditors at 50 nodes, with the demo password (hash copied from the seeded unit_demo account).
    const hash: { h: string }[] = await ds.query(`SELECT password_hash AS h FROM users WHERE username = 'unit_demo'`);
    await ds.query(
      `INSERT INTO users (username, role, real_name, organisation_id, password_hash, version)
       SELECT 'bench-auditor-' || n.i, 'unit_operator', '审核员' || n.i, n.id, $1, 1 FROM bench_nodes n WHERE n.i < $2
       ON CONFLICT DO NOTHING`,
      [hash[0].h, AUDITORS],
    );
    const counts: { declarations: number; events: number; pending: number }[] = await ds.query(
      `SELECT (SELECT count(*)::int FROM declarations) AS declarations, (SELECT count(*)::int FROM declaration_events) AS events,
              (SELECT count(*)::int FROM declarations WHERE current_org_id = (SELECT id FROM bench_nodes WHERE i = 0) AND status = 'under_audit') AS pending`,
    );
    await ds.destroy();
    const tokens = await Promise.all(Array.from({ length: AUDITORS }, (_, i) => login(`bench-auditor-${i}`)));
    const query = () => {
      const q = new URLSearchParams({ status: 'pending', page: String(1 + Math.floor(Math.random() * 5)), pageSize: '20' });
      const r = Math.random();
      if (r < 0.3) q.set('year', String(2023 + Math.floor(Math.random() * 4)));
      else if (r < 0.5) q.set('titleLevel', 'vice_senior');
      else if (r < 0.6) q.set('keyword', '张');
      return `${BASE}/api/audit/queue?${q}`;
    };
    const get = async (token: string) => {
      const t = performance.now();
      const res = await fetch(query(), { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: unknown[] };
      if (!res.ok || !Array.isArray(body.items)) throw new Error(`queue: ${res.status} ${JSON.stringify(body)}`);
      return performance.now() - t;
    };
    for (const tk of tokens) await get(tk); // warm-up
    const times: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      tokens.map(async (tk) => {
        while (next++ < REQUESTS) {
          times.push(await get(tk));
          if (THINK_MS) await new Promise((r) => setTimeout(r, Math.random() * 2 * THINK_MS));
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const c = counts[0];
    console.log(
      `declarations=${c.declarations} return events=${c.events} pending at one node=${c.pending} auditors=${AUDITORS} requests=${times.length} think=${THINK_MS}ms\n` +
        `throughput=${(times.length / wall).toFixed(0)} req/s  p50=${pct(times, 50).toFixed(2)} ms  p95=${pct(times, 95).toFixed(2)} ms  p99=${pct(times, 99).toFixed(2)} ms  max=${times[times.length - 1].toFixed(1)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

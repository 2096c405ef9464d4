import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';

/**
 * What the benchmarks on 1,000,000 declarations share (audit-queue.ts, dashboard.ts): the built API started as its
 * own process, sign-in, percentiles, and the generated data (made once per scratch database, with generate_series).
 */
export const DECLARATIONS = 1_000_000;
export const NODES = 2_000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the built API (dist/main.js) on the port against DATABASE_URL (it migrates and seeds the demo). */
export async function startApi(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(here, '..', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DATA_DIR: process.env.DATA_DIR ?? dataDir,
      SEED_DEMO: 'true',
      CAPTCHA_TEST_ANSWER: 'BENCH',
      RATE_LOGIN_PER_MIN: '100000',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('API did not start');
}

/** Signs in with the demo password (the API runs with CAPTCHA_TEST_ANSWER=BENCH). */
export async function login(base: string, username: string): Promise<string> {
  const c = (await (await fetch(`${base}/api/auth/captcha`)).json()) as { captchaId: string };
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026', captchaId: c.captchaId, captchaCode: 'BENCH' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** p50 / p95 / p99 / max of a list of milliseconds, as one line. */
export function summary(times: number[], wallSeconds: number): string {
  const s = [...times].sort((a, b) => a - b);
  return `throughput=${(s.length / wallSeconds).toFixed(0)} req/s  p50=${pct(s, 50).toFixed(2)} ms  p95=${pct(s, 95).toFixed(2)} ms  p99=${pct(s, 99).toFixed(2)} ms  max=${s[s.length - 1]!.toFixed(1)} ms`;
}

/** Runs `clients` loops over `once` until `requests` are done; answers the times (ms) and the wall time (s). */
export async function closedLoop(
  clients: number,
  requests: number,
  thinkMs: number,
  once: (client: number) => Promise<number>,
): Promise<{ times: number[]; wall: number }> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (next++ < requests) {
        times.push(await once(c));
        if (thinkMs) await new Promise((r) => setTimeout(r, Math.random() * 2 * thinkMs));
      }
    }),
  );
  return { times, wall: (performance.now() - t0) / 1000 };
}

/**
 * 1,000,000 applicants and submitted declarations at 2,000 units (60 % under audit, 10 % each passed-not-reported /
 * returned / qualified / cancelled, years 2023–2026, four levels), in the demo review batch of the demo committee;
 * each arrived where it waits 0–29 days after it was submitted; ~200,000 return events and ~100,000 returns with
 * their failing modules. Made once per database.
 */
export async function ensureMillion(ds: DataSource): Promise<void> {
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
      input: {
        unitOrgId: null,
        kind: 'review',
        seriesCode: 'GC',
        titleLevel: 'vice_senior',
        professionCode: 'GC01',
        committeeOrgId: committee,
      },
      stages: [
        { seq: 1, kind: 'unit_audit', label: '单位审核、公示' },
        { seq: 2, kind: 'org_audit', label: '主管部门审核' },
      ],
      resolvedAt: new Date().toISOString(),
    });
    await ds.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id,
          unit_org_id, unit_nature, region_code, method, status, returned_to_applicant, current_stage, current_org_id, path_snapshot,
          submitted_at, stage_entered_at, version)
       SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $1, 2023 + g % 4, 'review',
              (ARRAY['assistant','intermediate','vice_senior','senior'])[1 + g % 4], 'GC', $2, 'GC01', $3,
              n.id, 'enterprise', '320102', '正常晋升',
              s.status, false, 0, CASE WHEN s.status = 'cancelled' THEN NULL ELSE n.id END, $4::jsonb,
              now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute',
              least(now(), now() - (g % 365) * interval '1 day' + (g % 30) * interval '1 day'), 1
         FROM generate_series(1, ${DECLARATIONS}) g
         JOIN bench_nodes n ON n.i = g % ${NODES}
         CROSS JOIN LATERAL (SELECT (ARRAY['under_audit','under_audit','under_audit','under_audit','under_audit','under_audit','unit_passed','returned','qualified','cancelled'])[1 + (g / ${NODES}) % 10] AS status) s`,
      [batch, title, committee, snapshot],
    );
    await ds.query(
      `INSERT INTO declaration_events (declaration_id, action, from_status, to_status, created_at)
       SELECT id, 'return', 'under_audit', 'returned', now() - (random() * 300) * interval '1 day' FROM declarations TABLESAMPLE SYSTEM (20)`,
    );
    // returns: ~10 % returned once by their unit, ~2 % twice, naming a failing module or only an opinion
    for (const share of [10, 2]) {
      await ds.query(
        `INSERT INTO declaration_returns (declaration_id, kind, from_stage, from_org_id, opinion, failures, data_snapshot, created_at)
         SELECT id, 'return', 0, unit_org_id, '材料不全，请补充',
                (ARRAY['{"education":{"0.diplomaNo":"编号有误"}}', '{"current_title":{"certificateNo":"编号有误"}}', '{}'])[1 + abs(hashtext(id::text)) % 3]::jsonb,
                '{}'::jsonb, now() - (random() * 300) * interval '1 day'
           FROM declarations TABLESAMPLE SYSTEM (${share}) WHERE status <> 'cancelled'`,
      );
    }
    await ds.query(`ANALYZE users; ANALYZE organisations; ANALYZE declarations; ANALYZE declaration_events; ANALYZE declaration_returns`);
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { IN_FLOW_STATUSES, TitleLevel } from '@zhicheng/contracts';
import { createDataSource } from '../database/data-source.js';
import { closedLoop, ensureMillion, login, startApi, summary } from './million.js';

/**
 * A-30 dashboard benchmark (issue 15, docs/PERFORMANCE.md "Where-is-it-waiting dashboard").
 *
 *   createdb -h 127.0.0.1 -U postgres dashboard_bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/dashboard_bench node dist/bench/dashboard.js
 *
 * Starts the built API as its own process, generates the 1,000,000 declarations of million.ts (once per database),
 * times one rebuild of the snapshot (立即刷新), then, from this process, lets BENCH_READERS committee readers load
 * `GET /api/dashboard/waiting` (half of the views filtered by a level) and the drill-down of a random node, closed
 * loop, and reports p50 / p95 / p99 of the HTTP round trips. Baseline in the same run: the same figures computed live
 * per view — percentiles over the batch's declarations, the design the snapshot replaces — as SQL only (no HTTP, no
 * JSON), from this process through a pool of 10 connections (the API's), at the same concurrency.
 */
const READERS = Number(process.env.BENCH_READERS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const BASELINE_REQUESTS = Number(process.env.BENCH_BASELINE_REQUESTS ?? 200);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const PORT = Number(process.env.BENCH_PORT ?? 3791);
const BASE = `http://127.0.0.1:${PORT}`;
// the levels of the generated declarations
const LEVELS = [TitleLevel.Assistant, TitleLevel.Intermediate, TitleLevel.ViceSenior, TitleLevel.Senior];

/** The live computation of the node figures and the returns, as the dashboard would need it without a snapshot. */
const LIVE_NODES = `
  SELECT current_org_id, status, count(*)::int AS n,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY days) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90, max(days) AS longest
    FROM (SELECT current_org_id, status,
                 (now() AT TIME ZONE 'Asia/Shanghai')::date - (stage_entered_at AT TIME ZONE 'Asia/Shanghai')::date AS days
            FROM declarations
           WHERE batch_id = $1 AND committee_id = $2 AND status = ANY($3::text[]) AND ($4::text IS NULL OR title_level = $4)) x
   GROUP BY 1, 2`;
const LIVE_RETURNS = `
  SELECT r.from_org_id, count(DISTINCT r.declaration_id)::int AS declarations, count(*)::int AS returns
    FROM declaration_returns r JOIN declarations d ON d.id = r.declaration_id
   WHERE d.batch_id = $1 AND d.committee_id = $2 AND ($3::text IS NULL OR d.title_level = $3)
   GROUP BY 1`;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  const child = await startApi(PORT, '/tmp/dashboard-bench-data');
  const ds = createDataSource(url, 10);
  try {
    await ds.initialize();
    await ensureMillion(ds);
    const [ref] = (await ds.query(
      `SELECT d.batch_id AS batch, d.committee_id AS committee, count(*)::int AS n FROM declarations d GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
    )) as { batch: string; committee: string; n: number }[];
    const nodes = ((await ds.query(`SELECT id FROM bench_nodes ORDER BY i LIMIT 200`)) as { id: string }[]).map((x) => x.id);
    const token = await login(BASE, 'committee_demo');
    const auth = { authorization: `Bearer ${token}` };

    // the first view builds the snapshot (waiting for a scheduled rebuild already running); 11 s later 立即刷新 rebuilds it
    const first = await fetch(`${BASE}/api/dashboard/batches`, { headers: auth });
    if (!first.ok) throw new Error(`batches: ${first.status} ${await first.text()}`);
    await new Promise((r) => setTimeout(r, 11_000));
    const before = ((await ds.query('SELECT refreshed_at FROM dashboard_refresh')) as { refreshed_at: Date }[])[0]!.refreshed_at;
    const t0 = performance.now();
    const refresh = await fetch(`${BASE}/api/dashboard/waiting/refresh`, { method: 'POST', headers: auth });
    if (!refresh.ok) throw new Error(`refresh: ${refresh.status} ${await refresh.text()}`);
    const rebuild = (performance.now() - t0) / 1000;
    const rebuilt = new Date(((await refresh.json()) as { refreshedAt: string }).refreshedAt).getTime() !== new Date(before).getTime();
    const [rows] = (await ds.query(
      `SELECT (SELECT count(*) FROM dashboard_waiting)::int AS w, (SELECT count(*) FROM dashboard_returns)::int AS r`,
    )) as { w: number; r: number }[];

    const level = () => (Math.random() < 0.5 ? LEVELS[Math.floor(Math.random() * LEVELS.length)] : undefined);
    const timed = async (path: string, check: (body: Record<string, unknown>) => boolean) => {
      const t = performance.now();
      const res = await fetch(`${BASE}${path}`, { headers: auth });
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok || !check(body)) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return performance.now() - t;
    };
    const view = () => {
      const l = level();
      return timed(
        `/api/dashboard/waiting?batchId=${ref!.batch}${l ? `&titleLevel=${l}` : ''}`,
        (b) => Array.isArray(b.nodes) && (b.total as number) > 0,
      );
    };
    const drill = () => {
      const node = nodes[Math.floor(Math.random() * nodes.length)];
      const page = 1 + Math.floor(Math.random() * 5);
      return timed(
        `/api/dashboard/waiting/declarations?batchId=${ref!.batch}&orgId=${node}&status=under_audit&page=${page}&pageSize=20`,
        (b) => Array.isArray(b.items),
      );
    };
    for (let i = 0; i < READERS; i++) await view(); // warm-up
    const views = await closedLoop(READERS, REQUESTS, THINK_MS, view);
    const drills = await closedLoop(READERS, REQUESTS, THINK_MS, drill);

    const live = async () => {
      const l = level() ?? null;
      const t = performance.now();
      await ds.query(LIVE_NODES, [ref!.batch, ref!.committee, IN_FLOW_STATUSES, l]);
      await ds.query(LIVE_RETURNS, [ref!.batch, ref!.committee, l]);
      return performance.now() - t;
    };
    const baseline = await closedLoop(READERS, BASELINE_REQUESTS, THINK_MS, live);

    console.log(
      `declarations in the batch=${ref!.n} snapshot rows: waiting=${rows!.w} returns=${rows!.r}; 立即刷新 answered in ${rebuild.toFixed(1)} s (${rebuilt ? 'a full rebuild' : 'a scheduled rebuild was running'})`,
    );
    console.log(`readers=${READERS} think=${THINK_MS}ms`);
    console.log(`GET /api/dashboard/waiting (snapshot), ${views.times.length} views:        ${summary(views.times, views.wall)}`);
    console.log(`GET /api/dashboard/waiting/declarations (live drill-down), ${drills.times.length}: ${summary(drills.times, drills.wall)}`);
    console.log(`baseline: the same figures live in SQL only, ${baseline.times.length} views:   ${summary(baseline.times, baseline.wall)}`);
  } finally {
    await ds.destroy().catch(() => undefined);
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../database/data-source.js';
import { closedLoop, ensureMillion, login, startApi, summary } from './million.js';

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
const AUDITORS = Number(process.env.BENCH_AUDITORS ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const PORT = Number(process.env.BENCH_PORT ?? 3790);
const BASE = `http://127.0.0.1:${PORT}`;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  const child = await startApi(PORT, '/tmp/audit-bench-data');
  try {
    const ds = createDataSource(url, 2);
    await ds.initialize();
    await ensureMillion(ds);
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
    const tokens = await Promise.all(Array.from({ length: AUDITORS }, (_, i) => login(BASE, `bench-auditor-${i}`)));
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
    const { times, wall } = await closedLoop(AUDITORS, REQUESTS, THINK_MS, (c) => get(tokens[c]!));
    const c = counts[0];
    console.log(
      `declarations=${c.declarations} return events=${c.events} pending at one node=${c.pending} auditors=${AUDITORS} requests=${times.length} think=${THINK_MS}ms\n` +
        summary(times, wall),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DeclarationKind, TitleLevel } from '@zhicheng/contracts';
import { createDataSource } from '../database/data-source.js';
import { PathResolverService, WALK_SQL } from '../modules/audit-tree/path-resolver.service.js';

/**
 * Audit-path resolution benchmark (issue 4, docs/PERFORMANCE.md "Audit-path resolution").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> node dist/bench/resolve-paths.js
 *
 * Migrates the scratch database, generates a province of 100,000 organisations (10 committees,
 * ~1,000 departments / offices, the rest units; org i reports to org i/4, so chains are 6–8 nodes
 * before the committee) and 1,000,000 approved edges (10 scopes: 2 series × 5 levels per org),
 * then times 1,000 full resolutions (walk + committee facts + stages) of random units and scopes.
 */
const ORGS = 100_000;
const SERIES = ['engineering', 'economics'];
const LEVELS = Object.values(TitleLevel);
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch PostgreSQL database');
  const ds = createDataSource(url, 4);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const have: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM audit_edges`);
  if (have[0].n < 1_000_000) {
    const t0 = performance.now();
    await ds.query(`TRUNCATE audit_edges, committee_professions, committees`);
    await ds.query(`DELETE FROM organisations WHERE name LIKE 'bench-%'`);
    await ds.query(`DROP TABLE IF EXISTS bench_orgs`);
    await ds.query(`CREATE TABLE bench_orgs (i int PRIMARY KEY, id uuid NOT NULL DEFAULT gen_random_uuid())`);
    await ds.query(`INSERT INTO bench_orgs (i) SELECT generate_series(1, ${ORGS})`);
    await ds.query(
      `INSERT INTO organisations (id, name, type, region_code, level, version)
       SELECT b.id, 'bench-' || b.i,
              CASE WHEN b.i <= 10 THEN 'committee' WHEN b.i <= 1000 THEN (ARRAY['admin_dept','industry_dept','title_office'])[1 + b.i % 3] ELSE 'unit' END,
              CASE WHEN b.i <= 10 THEN '320000' WHEN b.i <= 1000 THEN '32' || lpad((1 + b.i % 13)::text, 2, '0') || '00' ELSE '32' || lpad((1 + b.i % 13)::text, 2, '0') || lpad((1 + b.i % 20)::text, 2, '0') END,
              CASE WHEN b.i <= 10 THEN 'province' WHEN b.i <= 1000 THEN 'city' ELSE NULL END, 1
         FROM bench_orgs b`,
    );
    await ds.query(
      `INSERT INTO committees (organisation_id, committee_class, issuing_delegated, status, version) SELECT id, 'senior', i % 2 = 0, 'active', 1 FROM bench_orgs WHERE i <= 10`,
    );
    await ds.query(
      `INSERT INTO committee_professions (committee_id, profession_code, title_level, series_code)
       SELECT b.id, '0801', l, s FROM bench_orgs b, unnest($1::text[]) l, unnest($2::text[]) s WHERE b.i <= 10`,
      [LEVELS, SERIES],
    );
    await ds.query(
      `INSERT INTO audit_edges (kind, series_code, title_level, lower_org_id, upper_org_id, status, source, version)
       SELECT 'review', s, l, lo.id, up.id, 'approved', 'config', 1
         FROM bench_orgs lo JOIN bench_orgs up ON up.i = lo.i / 4, unnest($1::text[]) s, unnest($2::text[]) l
        WHERE lo.i > 10`,
      [SERIES, LEVELS],
    );
    // top-up to exactly 1,000,000 edges with pending applications (not walked, but indexed)
    const n: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM audit_edges`);
    await ds.query(
      `INSERT INTO audit_edges (kind, series_code, title_level, lower_org_id, upper_org_id, status, source, version)
       SELECT 'review', 'engineering', 'senior', lo.id, up.id, 'pending', 'application', 1
         FROM bench_orgs lo JOIN bench_orgs up ON up.i = 1 + lo.i % 10 WHERE lo.i > 10 LIMIT $1`,
      [Math.max(0, 1_000_000 - n[0].n)],
    );
    await ds.query(`ANALYZE organisations; ANALYZE audit_edges; ANALYZE committees; ANALYZE committee_professions`);
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const counts: { orgs: number; edges: number }[] = await ds.query(
    `SELECT (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM audit_edges) AS edges`,
  );
  const units: { id: string }[] = await ds.query(`SELECT id FROM bench_orgs WHERE i > 1000 ORDER BY random() LIMIT $1`, [RUNS]);
  const resolver = new PathResolverService(ds);
  const pick = <T>(a: T[]) => a[Math.floor(Math.random() * a.length)];
  const input = (id: string) => ({
    unitOrgId: id,
    kind: DeclarationKind.Review,
    seriesCode: pick(SERIES),
    titleLevel: pick(LEVELS),
    professionCode: '0801',
  });
  for (const u of units.slice(0, 50)) await resolver.trace(input(u.id)); // warm-up
  const times: number[] = [];
  let depthSum = 0;
  for (const u of units) {
    const t = performance.now();
    const r = await resolver.trace(input(u.id));
    times.push(performance.now() - t);
    if (r.broken) throw new Error(`unexpected break: ${JSON.stringify(r.broken)}`);
    depthSum += r.nodes.length;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
  const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${WALK_SQL}`, [
    units[0].id,
    'review',
    'engineering',
    'senior',
    '0801',
  ]);
  console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
  console.log(
    JSON.stringify({
      organisations: counts[0].orgs,
      edges: counts[0].edges,
      runs: times.length,
      avgNodes: +(depthSum / times.length).toFixed(1),
      p50ms: q(50),
      p95ms: q(95),
      p99ms: q(99),
      maxms: times[times.length - 1].toFixed(2),
    }),
  );
  await ds.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.js';

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  it('answers parallel parameterised queries from several connections without mixing their statements', async () => {
    const db = await startEmbeddedDatabase({ dataDir: null, maxConnections: 8 });
    const pool = new pg.Pool({ connectionString: db.url, max: 8 });
    try {
      const jobs = Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? pool.query<{ v: number }>('SELECT $1::int + $2::int AS v', [i, 1000]).then((r) => [r.rows[0].v, i + 1000])
          : pool.query<{ v: number }>('SELECT $1::int AS v', [i]).then((r) => [r.rows[0].v, i]),
      );
      const results = await Promise.all(jobs);
      expect(results.filter(([got, want]) => got !== want)).toEqual([]);
      expect(results).toHaveLength(200);
    } finally {
      await pool.end();
      await db.stop();
    }
  }, 180_000);
});

describe('embedded PostgreSQL beyond its connection limit (issue 20)', () => {
  it('lets extra connections wait for a free one instead of refusing them', async () => {
    const db = await startEmbeddedDatabase({ dataDir: null, maxConnections: 2 });
    // Three pools of three: nine connections against a limit of two.
    const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: db.url, max: 3, idleTimeoutMillis: 50 }));
    try {
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => pools[i % 3]!.query<{ v: number }>('SELECT $1::int AS v', [i]).then((r) => r.rows[0]!.v)),
      );
      expect(results).toEqual(Array.from({ length: 60 }, (_, i) => i));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await db.stop();
    }
  }, 180_000);

  it('answers a connection that waited too long with PostgreSQL’s too-many-connections error, in Chinese', async () => {
    const db = await startEmbeddedDatabase({ dataDir: null, maxConnections: 1, waitMs: 300 });
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    const late = new pg.Client({ connectionString: db.url });
    try {
      const err = (await late.connect().then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
      expect(err?.code).toBe('53300');
      expect(err?.message).toBe('嵌入式数据库连接已满，请稍后重试');
    } finally {
      await holder.end();
      await late.end().catch(() => undefined);
      await db.stop();
    }
  }, 180_000);
});

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
  }, 60_000);
});

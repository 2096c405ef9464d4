import type { MigrationInterface, QueryRunner } from 'typeorm';
import { getConstructionPlans } from 'pg-boss';

/**
 * installs the pg-boss job queue's schema (`pgboss`) in the application's database, under the migration run
 * (so a fresh database has it before any process starts working). Later pg-boss versions migrate the schema
 * themselves at start (`migrate: true`).
 */
export class JobQueue1796161144337 implements MigrationInterface {
  name = 'JobQueue1796161144337';

  async up(q: QueryRunner): Promise<void> {
    const exists = (await q.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'pgboss' AND table_name = 'version'`)) as unknown[];
    if (exists.length) return;
    await q.query(getConstructionPlans('pgboss'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA IF EXISTS pgboss CASCADE`);
  }
}

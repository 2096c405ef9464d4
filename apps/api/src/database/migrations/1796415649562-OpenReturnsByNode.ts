import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenReturnsByNode1796415649562 implements MigrationInterface {
  name = 'OpenReturnsByNode1796415649562';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_declaration_returns_open_from" ON "declaration_returns"  ("from_org_id") WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declaration_returns_open_from"`);
  }
}

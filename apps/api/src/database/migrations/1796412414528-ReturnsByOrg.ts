import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReturnsByOrg1796412414528 implements MigrationInterface {
  name = 'ReturnsByOrg1796412414528';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_declaration_events_returns_by_org" ON "declaration_events"  ("actor_org_id", "created_at") WHERE action IN ('return', 'return_for_supplement')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declaration_events_returns_by_org"`);
  }
}

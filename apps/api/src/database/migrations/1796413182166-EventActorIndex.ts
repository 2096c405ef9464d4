import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventActorIndex1796413182166 implements MigrationInterface {
  name = 'EventActorIndex1796413182166';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_declaration_events_actor_org" ON "declaration_events"  ("actor_org_id", "created_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declaration_events_actor_org"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditWorkflow1795329629263 implements MigrationInterface {
  name = 'AuditWorkflow1795329629263';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declarations_current_org"`);
    await q.query(`CREATE TABLE "unit_publicities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "title" character varying(100) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ad03b64a75f88ac47c2fe519e78" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_unit_publicities_period" ON "unit_publicities"  ("ends_on", "starts_on") `);
    await q.query(`CREATE INDEX "idx_unit_publicities_org" ON "unit_publicities"  ("organisation_id", "created_at") `);
    await q.query(`CREATE TABLE "unit_publicity_items" ("publicity_id" uuid NOT NULL, "declaration_id" uuid NOT NULL, CONSTRAINT "PK_1c8affd1d51ac3489042733168d" PRIMARY KEY ("publicity_id", "declaration_id"))`);
    await q.query(`CREATE INDEX "idx_unit_publicity_items_declaration" ON "unit_publicity_items"  ("declaration_id") `);
    await q.query(`ALTER TABLE "declarations" ADD "entrusted" boolean`);
    await q.query(`ALTER TABLE "declarations" ADD "recommendation_rank" integer`);
    await q.query(`ALTER TABLE "declarations" ADD "reported_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "declarations" ADD "qualified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "idx_declarations_unit" ON "declarations"  ("unit_org_id", "status") `);
    await q.query(`CREATE INDEX "idx_declarations_current_org" ON "declarations"  ("current_org_id", "status", "submitted_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declarations_current_org"`);
    await q.query(`DROP INDEX "public"."idx_declarations_unit"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "qualified_at"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "reported_at"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "recommendation_rank"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "entrusted"`);
    await q.query(`DROP INDEX "public"."idx_unit_publicity_items_declaration"`);
    await q.query(`DROP TABLE "unit_publicity_items"`);
    await q.query(`DROP INDEX "public"."idx_unit_publicities_org"`);
    await q.query(`DROP INDEX "public"."idx_unit_publicities_period"`);
    await q.query(`DROP TABLE "unit_publicities"`);
    await q.query(`CREATE INDEX "idx_declarations_current_org" ON "declarations" USING btree ("current_org_id", "status") `);
  }
}

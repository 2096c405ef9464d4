import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Dashboard1796409850319 implements MigrationInterface {
  name = 'Dashboard1796409850319';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "dashboard_waiting" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "supervising_dept_id" uuid, "current_org_id" uuid, "status" character varying(32) NOT NULL, "stage" integer NOT NULL, "entered_on" date NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_5f1d35719a37f1be43dc8a66ca8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_dashboard_waiting_batch" ON "dashboard_waiting"  ("batch_id") `);
    await q.query(`CREATE TABLE "dashboard_returns" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "supervising_dept_id" uuid, "from_org_id" uuid NOT NULL, "declarations" integer NOT NULL, "repeated" integer NOT NULL, "returns" integer NOT NULL, CONSTRAINT "PK_5f58fb3b9f1ff01af4561546051" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_dashboard_returns_batch" ON "dashboard_returns"  ("batch_id") `);
    await q.query(`CREATE TABLE "dashboard_return_reasons" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "supervising_dept_id" uuid, "from_org_id" uuid NOT NULL, "module_key" character varying(64) NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_bb14d1b88cfb4e7306bab88cd13" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_dashboard_return_reasons_batch" ON "dashboard_return_reasons"  ("batch_id") `);
    await q.query(`CREATE TABLE "dashboard_flow" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "supervising_dept_id" uuid, "day" date NOT NULL, "submitted" integer NOT NULL, "passed" integer NOT NULL, CONSTRAINT "PK_996d3f385f8b6c1ec027ab696a4" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_dashboard_flow_batch" ON "dashboard_flow"  ("batch_id") `);
    await q.query(`CREATE TABLE "dashboard_refresh" ("id" smallint NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8363b43a8e79ded6ed3b1b0eecb" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "declarations" ADD "stage_entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // a declaration already on its way arrived where it waits at its last workflow event (or, with none, when filed)
    await q.query(`UPDATE "declarations" d SET "stage_entered_at" = coalesce(
      (SELECT max(e."created_at") FROM "declaration_events" e WHERE e."declaration_id" = d."id"), d."submitted_at", d."updated_at")`);
    await q.query(`CREATE INDEX "idx_declarations_waiting" ON "declarations"  ("batch_id", "current_org_id", "status", "stage_entered_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declarations_waiting"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "stage_entered_at"`);
    await q.query(`DROP TABLE "dashboard_refresh"`);
    await q.query(`DROP INDEX "public"."idx_dashboard_flow_batch"`);
    await q.query(`DROP TABLE "dashboard_flow"`);
    await q.query(`DROP INDEX "public"."idx_dashboard_return_reasons_batch"`);
    await q.query(`DROP TABLE "dashboard_return_reasons"`);
    await q.query(`DROP INDEX "public"."idx_dashboard_returns_batch"`);
    await q.query(`DROP TABLE "dashboard_returns"`);
    await q.query(`DROP INDEX "public"."idx_dashboard_waiting_batch"`);
    await q.query(`DROP TABLE "dashboard_waiting"`);
  }
}

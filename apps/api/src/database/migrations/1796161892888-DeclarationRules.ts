import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeclarationRules1796161892888 implements MigrationInterface {
  name = 'DeclarationRules1796161892888';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "batch_rules" ("batch_id" uuid NOT NULL, "unit_publicity_min_days" integer NOT NULL DEFAULT '5', "correction_days" integer NOT NULL DEFAULT '5', "max_resubmissions" integer, "resubmit_mode" character varying(16) NOT NULL DEFAULT 'direct', "qualifying_rules" jsonb NOT NULL DEFAULT '[]', "updated_by" uuid, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6c13f4c768f099bb2def5e8d012" PRIMARY KEY ("batch_id"))`);
    await q.query(`CREATE TABLE "sanctions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "real_name" character varying(64) NOT NULL, "id_card_enc" text NOT NULL, "id_card_hash" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "reason" character varying(500) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "lift_reason" character varying(500), "organisation_id" uuid NOT NULL, "created_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29bef7647676bb7ec707f29b18f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_sanctions_org" ON "sanctions"  ("organisation_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_sanctions_id_hash" ON "sanctions"  ("id_card_hash", "status") `);
    await q.query(`CREATE TABLE "declaration_returns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "declaration_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "from_stage" integer NOT NULL, "from_org_id" uuid, "returned_by" uuid, "opinion" text NOT NULL, "items" jsonb NOT NULL DEFAULT '[]', "failures" jsonb NOT NULL DEFAULT '{}', "data_snapshot" jsonb NOT NULL, "deadline" date, "reached_applicant_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" character varying(16), "route" character varying(16), "diff" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ca615d3bf4154c3fea93118417" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_declaration_returns_open_deadline" ON "declaration_returns"  ("deadline") WHERE resolved_at IS NULL AND deadline IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_declaration_returns_declaration" ON "declaration_returns"  ("declaration_id", "created_at") `);
    await q.query(`ALTER TABLE "declarations" ADD "eligibility" jsonb`);
    await q.query(`ALTER TABLE "declarations" ADD "resubmit_count" integer NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "resubmit_count"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "eligibility"`);
    await q.query(`DROP INDEX "public"."idx_declaration_returns_declaration"`);
    await q.query(`DROP INDEX "public"."idx_declaration_returns_open_deadline"`);
    await q.query(`DROP TABLE "declaration_returns"`);
    await q.query(`DROP INDEX "public"."idx_sanctions_id_hash"`);
    await q.query(`DROP INDEX "public"."idx_sanctions_org"`);
    await q.query(`DROP TABLE "sanctions"`);
    await q.query(`DROP TABLE "batch_rules"`);
  }
}

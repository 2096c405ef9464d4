import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Declarations1795328361482 implements MigrationInterface {
  name = 'Declarations1795328361482';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "declarations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "applicant_user_id" uuid NOT NULL, "batch_id" uuid NOT NULL, "year" integer NOT NULL, "kind" character varying(16) NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "title_id" uuid NOT NULL, "profession_code" character varying(32) NOT NULL, "committee_id" uuid NOT NULL, "unit_org_id" uuid, "supervising_dept_id" uuid, "unit_nature" character varying(16) NOT NULL, "region_code" character varying(6) NOT NULL, "method" character varying(16) NOT NULL, "exceptional_condition" character varying(50), "civil_servant" boolean NOT NULL DEFAULT false, "status" character varying(32) NOT NULL DEFAULT 'draft', "returned_to_applicant" boolean NOT NULL DEFAULT false, "current_stage" integer NOT NULL DEFAULT '0', "current_org_id" uuid, "path_snapshot" jsonb, "module_data" jsonb NOT NULL DEFAULT '{}', "module_failures" jsonb NOT NULL DEFAULT '{}', "last_return_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5130900b6f081acc9852743532e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_declarations_applicant_batch" ON "declarations"  ("applicant_user_id", "batch_id") WHERE status <> 'cancelled'`);
    await q.query(`CREATE INDEX "idx_declarations_batch" ON "declarations"  ("batch_id", "status") `);
    await q.query(`CREATE INDEX "idx_declarations_current_org" ON "declarations"  ("current_org_id", "status") `);
    await q.query(`CREATE INDEX "idx_declarations_applicant" ON "declarations"  ("applicant_user_id", "created_at") `);
    await q.query(`CREATE TABLE "declaration_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "declaration_id" uuid NOT NULL, "actor_user_id" uuid, "actor_org_id" uuid, "action" character varying(32) NOT NULL, "from_status" character varying(32), "to_status" character varying(32), "from_stage" integer, "to_stage" integer, "opinion" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d68bebcd4aad45c70461574329" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_declaration_events_declaration" ON "declaration_events"  ("declaration_id", "created_at") `);
    await q.query(`CREATE TABLE "education_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "source_declaration_id" uuid NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "row" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bbd101410ab2d8f8a62f6dfe4ca" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_education_records_declaration" ON "education_records"  ("source_declaration_id") `);
    await q.query(`CREATE INDEX "idx_education_records_user" ON "education_records"  ("user_id", "created_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_education_records_user"`);
    await q.query(`DROP INDEX "public"."idx_education_records_declaration"`);
    await q.query(`DROP TABLE "education_records"`);
    await q.query(`DROP INDEX "public"."idx_declaration_events_declaration"`);
    await q.query(`DROP TABLE "declaration_events"`);
    await q.query(`DROP INDEX "public"."idx_declarations_applicant"`);
    await q.query(`DROP INDEX "public"."idx_declarations_current_org"`);
    await q.query(`DROP INDEX "public"."idx_declarations_batch"`);
    await q.query(`DROP INDEX "public"."uq_declarations_applicant_batch"`);
    await q.query(`DROP TABLE "declarations"`);
  }
}

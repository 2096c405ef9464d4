import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferenceData1795325840031 implements MigrationInterface {
  name = 'ReferenceData1795325840031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "import_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "user_id" uuid NOT NULL, "total" integer NOT NULL DEFAULT '0', "succeeded" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL DEFAULT 'previewed', "committed" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d206c602f173f98e4bb85819a3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_import_jobs_created" ON "import_jobs"  ("created_at") `);
    await q.query(`CREATE TABLE "import_rows" ("job_id" uuid NOT NULL, "row_no" integer NOT NULL, "ok" boolean NOT NULL, "data" jsonb NOT NULL, "error" text, CONSTRAINT "PK_0f6f64d9f981c0a04e4b5448c9b" PRIMARY KEY ("job_id", "row_no"))`);
    await q.query(`CREATE INDEX "idx_import_rows_job_ok" ON "import_rows"  ("job_id", "ok", "row_no") `);
    await q.query(`CREATE TABLE "committees" ("organisation_id" uuid NOT NULL, "committee_class" character varying(16) NOT NULL, "issuing_delegated" boolean NOT NULL DEFAULT false, "contact_user_id" uuid, "fee_standard" text, "status" character varying(16) NOT NULL DEFAULT 'active', "deregister_reason" text, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c33f89b2116732afb6e938db9fc" PRIMARY KEY ("organisation_id"))`);
    await q.query(`CREATE INDEX "idx_committees_class" ON "committees"  ("committee_class") `);
    await q.query(`CREATE TABLE "committee_founders" ("committee_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_c69957da9333bbffc71d8c42d41" PRIMARY KEY ("committee_id", "organisation_id"))`);
    await q.query(`CREATE INDEX "idx_committee_founders_org" ON "committee_founders"  ("organisation_id") `);
    await q.query(`CREATE TABLE "committee_professions" ("committee_id" uuid NOT NULL, "profession_code" character varying(32) NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, CONSTRAINT "PK_8075aff51173c341dd07a910a6c" PRIMARY KEY ("committee_id", "profession_code", "title_level", "series_code"))`);
    await q.query(`CREATE INDEX "idx_committee_professions_lookup" ON "committee_professions"  ("profession_code", "title_level") `);
    await q.query(`CREATE TABLE "experts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid, "managed_by" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "title_level" character varying(16) NOT NULL, "title_name" character varying(100) NOT NULL, "title_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'active', "conflicts" jsonb NOT NULL DEFAULT '[]', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ecb9ec7e8b977b177fde797e6a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_experts_user" ON "experts"  ("user_id") `);
    await q.query(`CREATE INDEX "idx_experts_status_level" ON "experts"  ("status", "title_level") `);
    await q.query(`CREATE INDEX "idx_experts_managed_by" ON "experts"  ("managed_by") `);
    await q.query(`CREATE INDEX "idx_experts_region" ON "experts"  ("region_code") `);
    await q.query(`CREATE TABLE "expert_professions" ("expert_id" uuid NOT NULL, "profession_code" character varying(32) NOT NULL, CONSTRAINT "PK_ce9c97950c7b9bb4fbb27b28629" PRIMARY KEY ("expert_id", "profession_code"))`);
    await q.query(`CREATE INDEX "idx_expert_professions_code" ON "expert_professions"  ("profession_code") `);
    await q.query(`CREATE TABLE "acceptance_institutions" ("organisation_id" uuid NOT NULL, "certificate_name" character varying(200) NOT NULL, "declaration_notice" text, CONSTRAINT "PK_19e0f96a07f92869a3e25ba332d" PRIMARY KEY ("organisation_id"))`);
    await q.query(`CREATE TABLE "issuers" ("organisation_id" uuid NOT NULL, "issuer_code" character(4) NOT NULL, CONSTRAINT "PK_97b7f9c69595768e040843c54f7" PRIMARY KEY ("organisation_id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_issuers_code" ON "issuers"  ("issuer_code") `);
    await q.query(`CREATE TABLE "unit_permission_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "unit_name" character varying(200) NOT NULL, "credit_code" character varying(18) NOT NULL, "region_code" character varying(6) NOT NULL, "nature" character varying(16), "attachments" jsonb NOT NULL DEFAULT '[]', "remark" text, "auto_check" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'pending', "opinion" text, "reviewer_id" uuid, "applicant_user_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "submissions" integer NOT NULL DEFAULT '1', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1cd1b9bce3134afb6ec9edac8dc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_unit_perm_status_region" ON "unit_permission_applications"  ("status", "region_code") `);
    await q.query(`CREATE INDEX "idx_unit_perm_org" ON "unit_permission_applications"  ("organisation_id") `);
    await q.query(`CREATE TABLE "batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "year" integer NOT NULL, "kind" character varying(16) NOT NULL, "committee_id" uuid NOT NULL, "levels" text array NOT NULL DEFAULT '{}', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "commitment_text" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'draft', "created_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_55e7ff646e969b61d37eea5be7a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_batches_year" ON "batches"  ("year") `);
    await q.query(`CREATE INDEX "idx_batches_kind_window" ON "batches"  ("kind", "opens_at", "closes_at") `);
    await q.query(`CREATE INDEX "idx_batches_committee" ON "batches"  ("committee_id") `);
    await q.query(`CREATE TABLE "batch_modules" ("batch_id" uuid NOT NULL, "module_key" character varying(48) NOT NULL, "required" boolean NOT NULL DEFAULT false, "attachment_required" boolean NOT NULL DEFAULT false, "attachment_max_bytes" integer NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_bebae1053463f905a4163c4dab2" PRIMARY KEY ("batch_id", "module_key"))`);
    await q.query(`CREATE TABLE "professions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "parent_id" uuid, "depth" integer NOT NULL DEFAULT '0', "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9247c0d4b30fc6b796d59262058" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_professions_code" ON "professions"  ("code") `);
    await q.query(`CREATE INDEX "idx_professions_parent" ON "professions"  ("parent_id") `);
    await q.query(`CREATE TABLE "regions" ("code" character varying(6) NOT NULL, "name" character varying(64) NOT NULL, "level" character varying(16) NOT NULL, "parent_code" character varying(6), CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`);
    await q.query(`CREATE INDEX "idx_regions_parent" ON "regions"  ("parent_code") `);
    await q.query(`CREATE TABLE "title_series" ("code" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_d3c02c06c3ffac669bc86d8dc46" PRIMARY KEY ("code"))`);
    await q.query(`CREATE TABLE "titles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_code" character varying(32) NOT NULL, "level" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "ministry_code" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c5aeca381c331c3aaf9d50931c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_titles_ministry_code" ON "titles"  ("ministry_code") `);
    await q.query(`CREATE INDEX "idx_titles_series_level" ON "titles"  ("series_code", "level") `);
    await q.query(`ALTER TABLE "organisations" ADD "deregister_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisations" DROP COLUMN "deregister_reason"`);
    await q.query(`DROP INDEX "public"."idx_titles_series_level"`);
    await q.query(`DROP INDEX "public"."uq_titles_ministry_code"`);
    await q.query(`DROP TABLE "titles"`);
    await q.query(`DROP TABLE "title_series"`);
    await q.query(`DROP INDEX "public"."idx_regions_parent"`);
    await q.query(`DROP TABLE "regions"`);
    await q.query(`DROP INDEX "public"."idx_professions_parent"`);
    await q.query(`DROP INDEX "public"."uq_professions_code"`);
    await q.query(`DROP TABLE "professions"`);
    await q.query(`DROP TABLE "batch_modules"`);
    await q.query(`DROP INDEX "public"."idx_batches_committee"`);
    await q.query(`DROP INDEX "public"."idx_batches_kind_window"`);
    await q.query(`DROP INDEX "public"."idx_batches_year"`);
    await q.query(`DROP TABLE "batches"`);
    await q.query(`DROP INDEX "public"."idx_unit_perm_org"`);
    await q.query(`DROP INDEX "public"."idx_unit_perm_status_region"`);
    await q.query(`DROP TABLE "unit_permission_applications"`);
    await q.query(`DROP INDEX "public"."uq_issuers_code"`);
    await q.query(`DROP TABLE "issuers"`);
    await q.query(`DROP TABLE "acceptance_institutions"`);
    await q.query(`DROP INDEX "public"."idx_expert_professions_code"`);
    await q.query(`DROP TABLE "expert_professions"`);
    await q.query(`DROP INDEX "public"."idx_experts_region"`);
    await q.query(`DROP INDEX "public"."idx_experts_managed_by"`);
    await q.query(`DROP INDEX "public"."idx_experts_status_level"`);
    await q.query(`DROP INDEX "public"."uq_experts_user"`);
    await q.query(`DROP TABLE "experts"`);
    await q.query(`DROP INDEX "public"."idx_committee_professions_lookup"`);
    await q.query(`DROP TABLE "committee_professions"`);
    await q.query(`DROP INDEX "public"."idx_committee_founders_org"`);
    await q.query(`DROP TABLE "committee_founders"`);
    await q.query(`DROP INDEX "public"."idx_committees_class"`);
    await q.query(`DROP TABLE "committees"`);
    await q.query(`DROP INDEX "public"."idx_import_rows_job_ok"`);
    await q.query(`DROP TABLE "import_rows"`);
    await q.query(`DROP INDEX "public"."idx_import_jobs_created"`);
    await q.query(`DROP TABLE "import_jobs"`);
  }
}

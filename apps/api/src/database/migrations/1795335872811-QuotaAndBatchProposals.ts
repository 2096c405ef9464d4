import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuotaAndBatchProposals1795335872811 implements MigrationInterface {
  name = 'QuotaAndBatchProposals1795335872811';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "quotas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "series_code" character varying(32) NOT NULL, "title_level" character varying(16) NOT NULL, "unit_org_id" uuid NOT NULL, "supervisor_org_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "post_total" integer NOT NULL, "employed_count" integer NOT NULL, "requested_count" integer NOT NULL, "remark" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'submitted', "audit_opinion" text, "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "audited_by" uuid, "audited_at" TIMESTAMP WITH TIME ZONE, "resubmissions" integer NOT NULL DEFAULT '0', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f54877798333ca833245a100d1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_quotas_year_series_level" ON "quotas"  ("year", "series_code", "title_level", "status") `);
    await q.query(`CREATE INDEX "idx_quotas_region" ON "quotas"  ("region_code", "year") `);
    await q.query(`CREATE INDEX "idx_quotas_supervisor_status" ON "quotas"  ("supervisor_org_id", "status", "submitted_at") `);
    await q.query(`CREATE UNIQUE INDEX "uq_quotas_unit_year_series_level" ON "quotas"  ("unit_org_id", "year", "series_code", "title_level") `);
    await q.query(`CREATE TABLE "batch_proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "year" integer NOT NULL, "name" character varying(200) NOT NULL, "levels" text array NOT NULL DEFAULT '{}', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "planned_count" integer NOT NULL, "contact_name" character varying(64) NOT NULL, "contact_phone" character varying(32) NOT NULL, "remark" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'submitted', "review_opinion" text, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "batch_id" uuid, "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9caeb8e0ceb47f822d972132ca" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_batch_proposals_region_status" ON "batch_proposals"  ("region_code", "status") `);
    await q.query(`CREATE INDEX "idx_batch_proposals_committee_year" ON "batch_proposals"  ("committee_id", "year") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_batch_proposals_committee_year"`);
    await q.query(`DROP INDEX "public"."idx_batch_proposals_region_status"`);
    await q.query(`DROP TABLE "batch_proposals"`);
    await q.query(`DROP INDEX "public"."uq_quotas_unit_year_series_level"`);
    await q.query(`DROP INDEX "public"."idx_quotas_supervisor_status"`);
    await q.query(`DROP INDEX "public"."idx_quotas_region"`);
    await q.query(`DROP INDEX "public"."idx_quotas_year_series_level"`);
    await q.query(`DROP TABLE "quotas"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewPlans1795337650539 implements MigrationInterface {
  name = 'ReviewPlans1795337650539';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "review_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "batch_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "kind" character varying(16) NOT NULL, "mode" character varying(16) NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'draft', "description" text, "expert_requirement" jsonb NOT NULL, "scoring_rules" jsonb NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "submitted_at" TIMESTAMP WITH TIME ZONE, "audit_opinion" text, "audited_by" uuid, "audited_at" TIMESTAMP WITH TIME ZONE, "draw" jsonb, "interview_at" TIMESTAMP WITH TIME ZONE, "interview_place" character varying(200), "interview_notified_at" TIMESTAMP WITH TIME ZONE, "attendance" jsonb, "closed_at" TIMESTAMP WITH TIME ZONE, "publicity_days" integer, "publicity_starts_on" date, "publicity_ends_on" date, "filing_applied_at" TIMESTAMP WITH TIME ZONE, "filing_opinion" text, "filing_doc_no" character varying(64), "filed_on" date, "created_by" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e3c57efc46d0676cbfb4b51ea66" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_review_plans_publicity" ON "review_plans"  ("publicity_ends_on") `);
    await q.query(`CREATE INDEX "idx_review_plans_kind" ON "review_plans"  ("kind", "status") `);
    await q.query(`CREATE INDEX "idx_review_plans_batch" ON "review_plans"  ("batch_id") `);
    await q.query(`CREATE INDEX "idx_review_plans_region" ON "review_plans"  ("region_code", "status") `);
    await q.query(`CREATE INDEX "idx_review_plans_status" ON "review_plans"  ("status", "submitted_at") `);
    await q.query(`CREATE INDEX "idx_review_plans_committee" ON "review_plans"  ("committee_id", "status", "created_at") `);
    await q.query(`CREATE TABLE "review_plan_experts" ("plan_id" uuid NOT NULL, "expert_id" uuid NOT NULL, "user_id" uuid NOT NULL, "position" integer NOT NULL, "role" character varying(16) NOT NULL, "replaced_by" uuid, "decline_reason" text, "changed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_aa6e3f9d2953358e3d4d1cb0ee1" PRIMARY KEY ("plan_id", "expert_id"))`);
    await q.query(`CREATE INDEX "idx_review_plan_experts_user" ON "review_plan_experts"  ("user_id", "plan_id") `);
    await q.query(`CREATE TABLE "review_results" ("plan_id" uuid NOT NULL, "declaration_id" uuid NOT NULL, "present" integer NOT NULL, "agree" integer NOT NULL, "disagree" integer NOT NULL, "abstain" integer NOT NULL, "average_score" numeric(7,2), "passed" boolean NOT NULL, "remark" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d7d7d90b666581e5e34ba5a936" PRIMARY KEY ("plan_id", "declaration_id"))`);
    await q.query(`CREATE INDEX "idx_review_results_passed" ON "review_results"  ("plan_id", "passed") `);
    await q.query(`CREATE TABLE "expert_actions" ("id" BIGSERIAL NOT NULL, "plan_id" uuid NOT NULL, "declaration_id" uuid NOT NULL, "expert_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "value" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, "rolled_back_at" TIMESTAMP WITH TIME ZONE, "rolled_back_by" uuid, "rollback_reason" text, CONSTRAINT "PK_d41bfab45848317c0ef762600c8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_expert_actions_expert" ON "expert_actions"  ("plan_id", "expert_id", "id") `);
    await q.query(`CREATE UNIQUE INDEX "idx_expert_actions_live" ON "expert_actions"  ("plan_id", "declaration_id", "expert_id", "kind") WHERE "superseded_at" IS NULL AND "rolled_back_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_expert_actions_live"`);
    await q.query(`DROP INDEX "public"."idx_expert_actions_expert"`);
    await q.query(`DROP TABLE "expert_actions"`);
    await q.query(`DROP INDEX "public"."idx_review_results_passed"`);
    await q.query(`DROP TABLE "review_results"`);
    await q.query(`DROP INDEX "public"."idx_review_plan_experts_user"`);
    await q.query(`DROP TABLE "review_plan_experts"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_committee"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_status"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_region"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_batch"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_kind"`);
    await q.query(`DROP INDEX "public"."idx_review_plans_publicity"`);
    await q.query(`DROP TABLE "review_plans"`);
  }
}

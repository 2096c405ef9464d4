import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTree1795325811490 implements MigrationInterface {
  name = 'AuditTree1795325811490';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_edges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "title_level" character varying(16) NOT NULL, "lower_org_id" uuid NOT NULL, "upper_org_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "reason" character varying(500), "source" character varying(16) NOT NULL DEFAULT 'application', "applied_by" uuid, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8a5f586ec1234706f06f16b009" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_audit_edges_status_created" ON "audit_edges"  ("status", "created_at") `);
    await q.query(`CREATE INDEX "idx_audit_edges_upper" ON "audit_edges"  ("upper_org_id", "status", "kind") `);
    await q.query(`CREATE INDEX "idx_audit_edges_lower" ON "audit_edges"  ("lower_org_id", "kind", "series_code", "title_level", "status") `);
    await q.query(`CREATE UNIQUE INDEX "uq_audit_edges_approved_upper" ON "audit_edges"  ("lower_org_id", "kind", "series_code", "title_level") WHERE status = 'approved'`);
    await q.query(`CREATE TABLE "audit_level_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_org_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "title_level" character varying(16) NOT NULL, "confirmed_by" uuid NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1fa533db04605f3ab270d25c9ac" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_audit_level_confirmations_scope" ON "audit_level_confirmations"  ("committee_org_id", "kind", "series_code", "title_level") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_audit_level_confirmations_scope"`);
    await q.query(`DROP TABLE "audit_level_confirmations"`);
    await q.query(`DROP INDEX "public"."uq_audit_edges_approved_upper"`);
    await q.query(`DROP INDEX "public"."idx_audit_edges_lower"`);
    await q.query(`DROP INDEX "public"."idx_audit_edges_upper"`);
    await q.query(`DROP INDEX "public"."idx_audit_edges_status_created"`);
    await q.query(`DROP TABLE "audit_edges"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateBatchesMinistryReport1795335958621 implements MigrationInterface {
  name = 'CertificateBatchesMinistryReport1795335958621';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificate_issue_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_org_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "source" character varying(16) NOT NULL, "source_label" character varying(500) NOT NULL, "criteria" jsonb NOT NULL DEFAULT '{}', "approval_doc_no" character varying(100), "qualification_date" date, "issue_date" date, "status" character varying(16) NOT NULL DEFAULT 'pending', "total" integer NOT NULL, "issued" integer NOT NULL DEFAULT '0', "existing" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "lease_owner" character varying(100), "lease_until" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41ab4ff4fbec2f75f5f3208900f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_cert_issue_batches_issuer" ON "certificate_issue_batches"  ("issuer_org_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_cert_issue_batches_status" ON "certificate_issue_batches"  ("status", "lease_until") `);
    await q.query(`CREATE TABLE "certificate_issue_batch_items" ("batch_id" uuid NOT NULL, "seq" integer NOT NULL, "declaration_id" uuid NOT NULL, "row_no" integer, "status" character varying(16) NOT NULL DEFAULT 'pending', "certificate_id" uuid, "certificate_no" character varying(32), "error" character varying(500), CONSTRAINT "PK_995667ebc9c208e082f9ea303c4" PRIMARY KEY ("batch_id", "seq"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_cert_issue_items_declaration" ON "certificate_issue_batch_items"  ("batch_id", "declaration_id") `);
    await q.query(`CREATE INDEX "idx_cert_issue_items_status" ON "certificate_issue_batch_items"  ("batch_id", "status", "seq") `);
    await q.query(`ALTER TABLE "certificates" ADD "report_error" character varying(500)`);
    await q.query(`ALTER TABLE "certificates" ADD "reported_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "certificates" ADD "report_attempts" integer NOT NULL DEFAULT '0'`);
    await q.query(`CREATE INDEX "idx_outbox_channel_status" ON "outbox_messages"  ("channel", "status", "created_at") `);
    await q.query(`CREATE INDEX "idx_declarations_status_committee" ON "declarations"  ("status", "committee_id", "year") `);
    await q.query(`CREATE INDEX "idx_certificates_issuer_reported" ON "certificates"  ("issuer_org_id", "reported_status") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_certificates_issuer_reported"`);
    await q.query(`DROP INDEX "public"."idx_declarations_status_committee"`);
    await q.query(`DROP INDEX "public"."idx_outbox_channel_status"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "report_attempts"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "reported_at"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "report_error"`);
    await q.query(`DROP INDEX "public"."idx_cert_issue_items_status"`);
    await q.query(`DROP INDEX "public"."uq_cert_issue_items_declaration"`);
    await q.query(`DROP TABLE "certificate_issue_batch_items"`);
    await q.query(`DROP INDEX "public"."idx_cert_issue_batches_status"`);
    await q.query(`DROP INDEX "public"."idx_cert_issue_batches_issuer"`);
    await q.query(`DROP TABLE "certificate_issue_batches"`);
  }
}

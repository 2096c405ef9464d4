import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1795329644332 implements MigrationInterface {
  name = 'Certificates1795329644332';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_no" character varying(32) NOT NULL, "verification_code" character varying(16) NOT NULL, "holder_user_id" uuid, "holder_name" character varying(64) NOT NULL, "holder_id_card_enc" text NOT NULL, "holder_id_card_hash" character varying(64) NOT NULL, "title_name" character varying(100) NOT NULL, "series_code" character varying(16) NOT NULL, "profession_name" character varying(100) NOT NULL, "title_level" character varying(16) NOT NULL, "qualification_date" date NOT NULL, "approval_doc_no" character varying(100) NOT NULL, "committee_name" character varying(200) NOT NULL, "committee_org_id" uuid, "issuer_org_id" uuid NOT NULL, "issuer_name" character varying(200) NOT NULL, "issuer_code" character(4) NOT NULL, "issue_date" date NOT NULL, "kind" character varying(16) NOT NULL, "source_declaration_id" uuid, "issue_key" character varying(200), "status" character varying(16) NOT NULL DEFAULT 'valid', "revoke_reason" character varying(500), "revoked_at" TIMESTAMP WITH TIME ZONE, "has_e_certificate" boolean NOT NULL DEFAULT true, "signature" text NOT NULL, "signed_payload_version" integer NOT NULL DEFAULT '1', "reported_status" character varying(16) NOT NULL DEFAULT 'unreported', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4c7e31e2144300bea7d89eb165" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_certificates_reported" ON "certificates"  ("reported_status") `);
    await q.query(`CREATE INDEX "idx_certificates_status_issued" ON "certificates"  ("status", "issue_date") `);
    await q.query(`CREATE INDEX "idx_certificates_committee" ON "certificates"  ("committee_org_id") `);
    await q.query(`CREATE INDEX "idx_certificates_issuer_issued" ON "certificates"  ("issuer_org_id", "issue_date") `);
    await q.query(`CREATE INDEX "idx_certificates_holder_user" ON "certificates"  ("holder_user_id") `);
    await q.query(`CREATE INDEX "idx_certificates_holder_hash" ON "certificates"  ("holder_id_card_hash") `);
    await q.query(`CREATE UNIQUE INDEX "uq_certificates_issue_key" ON "certificates"  ("issue_key") WHERE issue_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_certificates_source_declaration" ON "certificates"  ("source_declaration_id") WHERE source_declaration_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_certificates_verification_code" ON "certificates"  ("verification_code") `);
    await q.query(`CREATE UNIQUE INDEX "uq_certificates_no" ON "certificates"  ("certificate_no") `);
    await q.query(`CREATE TABLE "certificate_number_pools" ("issuer_code" character(4) NOT NULL, "year" integer NOT NULL, "start_seq" integer NOT NULL DEFAULT '1', "next_seq" integer NOT NULL DEFAULT '1', "end_seq" integer NOT NULL DEFAULT '99999', "extend_by" integer NOT NULL DEFAULT '10000', CONSTRAINT "PK_eb9a94e13e45a9a823e0ba0b849" PRIMARY KEY ("issuer_code", "year"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "certificate_number_pools"`);
    await q.query(`DROP INDEX "public"."uq_certificates_no"`);
    await q.query(`DROP INDEX "public"."uq_certificates_verification_code"`);
    await q.query(`DROP INDEX "public"."uq_certificates_source_declaration"`);
    await q.query(`DROP INDEX "public"."uq_certificates_issue_key"`);
    await q.query(`DROP INDEX "public"."idx_certificates_holder_hash"`);
    await q.query(`DROP INDEX "public"."idx_certificates_holder_user"`);
    await q.query(`DROP INDEX "public"."idx_certificates_issuer_issued"`);
    await q.query(`DROP INDEX "public"."idx_certificates_committee"`);
    await q.query(`DROP INDEX "public"."idx_certificates_status_issued"`);
    await q.query(`DROP INDEX "public"."idx_certificates_reported"`);
    await q.query(`DROP TABLE "certificates"`);
  }
}

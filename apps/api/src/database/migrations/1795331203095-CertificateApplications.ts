import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateApplications1795331203095 implements MigrationInterface {
  name = 'CertificateApplications1795331203095';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificate_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "applicant_user_id" uuid NOT NULL, "holder_name" character varying(64) NOT NULL, "title_name" character varying(100) NOT NULL, "series_code" character varying(16) NOT NULL, "profession_name" character varying(100) NOT NULL, "title_level" character varying(16) NOT NULL, "qualification_date" date NOT NULL, "approval_doc_no" character varying(100) NOT NULL, "committee_name" character varying(200) NOT NULL, "original_certificate_no" character varying(32), "issuer_org_id" uuid NOT NULL, "reason" character varying(200), "file_ids" uuid array NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'submitted', "review_comment" character varying(500), "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "certificate_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_16a5c0aab76334441bf17e68923" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_cert_apps_issuer_status" ON "certificate_applications"  ("issuer_org_id", "status", "created_at") `);
    await q.query(`CREATE INDEX "idx_cert_apps_applicant" ON "certificate_applications"  ("applicant_user_id", "created_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_cert_apps_applicant"`);
    await q.query(`DROP INDEX "public"."idx_cert_apps_issuer_status"`);
    await q.query(`DROP TABLE "certificate_applications"`);
  }
}

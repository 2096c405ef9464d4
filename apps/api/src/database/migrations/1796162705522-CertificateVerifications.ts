import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateVerifications1796162705522 implements MigrationInterface {
  name = 'CertificateVerifications1796162705522';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificate_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "channel" character varying(16) NOT NULL, "requester_masked" character varying(64), "grant_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_197581a9fb85db6b48d73dfec4d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_certificate_verifications_cert_time" ON "certificate_verifications"  ("certificate_id", "created_at") `);
    await q.query(`CREATE TABLE "certificate_verification_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "holder_user_id" uuid NOT NULL, "purpose" character varying(100) NOT NULL, "code" character varying(16) NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4663db7c3e81babe2684f244d7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_certificate_verification_grants_cert" ON "certificate_verification_grants"  ("certificate_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_certificate_verification_grants_code" ON "certificate_verification_grants"  ("code") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_certificate_verification_grants_code"`);
    await q.query(`DROP INDEX "public"."idx_certificate_verification_grants_cert"`);
    await q.query(`DROP TABLE "certificate_verification_grants"`);
    await q.query(`DROP INDEX "public"."idx_certificate_verifications_cert_time"`);
    await q.query(`DROP TABLE "certificate_verifications"`);
  }
}

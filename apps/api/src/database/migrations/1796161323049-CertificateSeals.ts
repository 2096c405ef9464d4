import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateSeals1796161323049 implements MigrationInterface {
  name = 'CertificateSeals1796161323049';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certificate_seals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_code" character(4) NOT NULL, "key_id" character varying(32) NOT NULL, "authority_name" character varying(200) NOT NULL, "seal_der" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_de1e23a28fb2d9dac1d32c5dcb5" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_certificate_seals_issuer_key" ON "certificate_seals"  ("issuer_code", "key_id") `);
    await q.query(`ALTER TABLE "certificates" ADD "seal_id" uuid`);
    await q.query(`ALTER TABLE "certificates" ADD "seal_key_id" character varying(32)`);
    await q.query(`ALTER TABLE "certificates" ADD "sealed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "certificates" ADD "seal_signature" text`);
    await q.query(`ALTER TABLE "certificates" ADD "qr_payload" text`);
    await q.query(`ALTER TABLE "certificates" ADD "qr_signature" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "qr_signature"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "qr_payload"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "seal_signature"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "sealed_at"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "seal_key_id"`);
    await q.query(`ALTER TABLE "certificates" DROP COLUMN "seal_id"`);
    await q.query(`DROP INDEX "public"."uq_certificate_seals_issuer_key"`);
    await q.query(`DROP TABLE "certificate_seals"`);
  }
}

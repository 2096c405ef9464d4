import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReissueFromOwnCertificate1796410050982 implements MigrationInterface {
  name = 'ReissueFromOwnCertificate1796410050982';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "certificate_applications" ADD "source_certificate_id" uuid`);
    await q.query(`ALTER TABLE "certificate_applications" ADD "declare_type" character varying(16)`);
    await q.query(`ALTER TABLE "certificate_applications" ADD "business_type" character varying(16)`);
    await q.query(`ALTER TABLE "certificate_applications" ADD "region_code" character varying(12)`);
    await q.query(`ALTER TABLE "certificate_applications" ADD "documents" jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`CREATE UNIQUE INDEX "uq_cert_apps_pending_source" ON "certificate_applications"  ("source_certificate_id") WHERE "status" = 'submitted' AND "source_certificate_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_cert_apps_pending_source"`);
    await q.query(`ALTER TABLE "certificate_applications" DROP COLUMN "documents"`);
    await q.query(`ALTER TABLE "certificate_applications" DROP COLUMN "region_code"`);
    await q.query(`ALTER TABLE "certificate_applications" DROP COLUMN "business_type"`);
    await q.query(`ALTER TABLE "certificate_applications" DROP COLUMN "declare_type"`);
    await q.query(`ALTER TABLE "certificate_applications" DROP COLUMN "source_certificate_id"`);
  }
}

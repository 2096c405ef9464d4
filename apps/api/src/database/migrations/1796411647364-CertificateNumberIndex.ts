import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateNumberIndex1796411647364 implements MigrationInterface {
  name = 'CertificateNumberIndex1796411647364';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_certificates_issuer_no" ON "certificates"  ("issuer_code", "certificate_no") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_certificates_issuer_no"`);
  }
}

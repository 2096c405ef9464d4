import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeclarationReviewColumns1795335607768 implements MigrationInterface {
  name = 'DeclarationReviewColumns1795335607768';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "declarations" ADD "review_plan_id" uuid`);
    await q.query(`ALTER TABLE "declarations" ADD "review_passed" boolean`);
    await q.query(`ALTER TABLE "declarations" ADD "filing_doc_no" character varying(64)`);
    await q.query(`ALTER TABLE "declarations" ADD "filed_on" date`);
    await q.query(`CREATE INDEX "idx_declarations_filing_doc" ON "declarations"  ("filing_doc_no", "status") `);
    await q.query(`CREATE INDEX "idx_declarations_review_plan" ON "declarations"  ("review_plan_id", "status") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_declarations_review_plan"`);
    await q.query(`DROP INDEX "public"."idx_declarations_filing_doc"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "filed_on"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "filing_doc_no"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "review_passed"`);
    await q.query(`ALTER TABLE "declarations" DROP COLUMN "review_plan_id"`);
  }
}

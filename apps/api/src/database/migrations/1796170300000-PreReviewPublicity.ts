import type { MigrationInterface, QueryRunner } from 'typeorm';

/** C-13: the pre-review publicity (评前公示) of a plan's participants after its approval. */
export class PreReviewPublicity1796170300000 implements MigrationInterface {
  name = 'PreReviewPublicity1796170300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "review_plans" ADD "pre_publicity_days" integer`);
    await q.query(`ALTER TABLE "review_plans" ADD "pre_publicity_starts_on" date`);
    await q.query(`ALTER TABLE "review_plans" ADD "pre_publicity_ends_on" date`);
    await q.query(`CREATE INDEX "idx_review_plans_pre_publicity" ON "review_plans" ("pre_publicity_ends_on")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_review_plans_pre_publicity"`);
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "pre_publicity_ends_on"`);
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "pre_publicity_starts_on"`);
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "pre_publicity_days"`);
  }
}

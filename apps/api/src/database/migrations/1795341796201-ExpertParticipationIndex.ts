import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExpertParticipationIndex1795341796201 implements MigrationInterface {
  name = 'ExpertParticipationIndex1795341796201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_review_plan_experts_expert" ON "review_plan_experts"  ("expert_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_review_plan_experts_expert"`);
  }
}

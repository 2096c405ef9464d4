import type { MigrationInterface, QueryRunner } from 'typeorm';

/** C-16: panel minimums per committee class (office setting, national defaults), the plan's chair and the meeting's opening. */
export class PanelRules1796170200000 implements MigrationInterface {
  name = 'PanelRules1796170200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "panel_rules" ("committee_class" character varying(16) NOT NULL, "min_panel" integer NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT 1, CONSTRAINT "PK_panel_rules" PRIMARY KEY ("committee_class"), CONSTRAINT "CHK_panel_rules_odd" CHECK (min_panel >= 3 AND min_panel % 2 = 1))`,
    );
    await q.query(`INSERT INTO "panel_rules" ("committee_class", "min_panel") VALUES ('senior', 25), ('middle', 11), ('primary', 5)`);
    await q.query(`ALTER TABLE "review_plans" ADD "chair_expert_id" uuid`);
    await q.query(`ALTER TABLE "review_plans" ADD "chair_role" character varying(16)`);
    await q.query(`ALTER TABLE "review_plans" ADD "meeting_opened_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "meeting_opened_at"`);
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "chair_role"`);
    await q.query(`ALTER TABLE "review_plans" DROP COLUMN "chair_expert_id"`);
    await q.query(`DROP TABLE "panel_rules"`);
  }
}

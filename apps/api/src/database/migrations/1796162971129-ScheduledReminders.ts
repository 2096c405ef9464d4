import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledReminders1796162971129 implements MigrationInterface {
  name = 'ScheduledReminders1796162971129';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scheduled_reminders" ("key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c617e7e2bfcf177055477f72fb" PRIMARY KEY ("key"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "scheduled_reminders"`);
  }
}

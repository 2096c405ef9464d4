import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarDays1796160847292 implements MigrationInterface {
  name = 'CalendarDays1796160847292';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "calendar_days" ("date" date NOT NULL, "working" boolean NOT NULL, "name" character varying(50), "source" character varying(16) NOT NULL DEFAULT 'office', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_days"`);
  }
}

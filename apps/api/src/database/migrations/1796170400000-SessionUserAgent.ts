import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: a user sees their open sessions (where and with what they signed in) and can end the others. */
export class SessionUserAgent1796170400000 implements MigrationInterface {
  name = 'SessionUserAgent1796170400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "user_agent" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "user_agent"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: the hall's login may ask for an SMS code as the second step. */
export class LoginSms1796170800000 implements MigrationInterface {
  name = 'LoginSms1796170800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "login_sms_enabled" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "one_time_tokens" ADD "code_hash" character varying(64)`);
    await q.query(`ALTER TABLE "one_time_tokens" ADD "code_sent_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "one_time_tokens" DROP COLUMN "code_sent_at"`);
    await q.query(`ALTER TABLE "one_time_tokens" DROP COLUMN "code_hash"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "login_sms_enabled"`);
  }
}

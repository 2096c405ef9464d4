import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: a TOTP code is accepted once (the last accepted 30-second step per user); a challenge counts wrong codes. */
export class TotpReplay1796170000002 implements MigrationInterface {
  name = 'TotpReplay1796170000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "totp_last_step" bigint`);
    await q.query(`ALTER TABLE "one_time_tokens" ADD "attempts" integer NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "one_time_tokens" DROP COLUMN "attempts"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "totp_last_step"`);
  }
}

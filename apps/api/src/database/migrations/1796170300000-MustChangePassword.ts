import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: an account created by an administrator sets its own password at the first sign-in. */
export class MustChangePassword1796170300000 implements MigrationInterface {
  name = 'MustChangePassword1796170300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}

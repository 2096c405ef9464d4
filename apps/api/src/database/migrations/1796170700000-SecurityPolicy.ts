import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A-31 (issue 13): the security policy the 安全管理员 sets — login lockout and session limits (one row, id 1). */
export class SecurityPolicy1796170700000 implements MigrationInterface {
  name = 'SecurityPolicy1796170700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "security_policy" ("id" smallint NOT NULL, "login_max_failures" smallint, "login_lock_minutes" smallint, "session_idle_minutes" smallint, "session_absolute_hours" smallint, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_security_policy" PRIMARY KEY ("id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "security_policy"`);
  }
}

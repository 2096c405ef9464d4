import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: failed logins for names that belong to no account are counted (and locked) like real accounts', so the
 * answers after five tries do not tell which accounts exist. Keyed by a blind index of the login name.
 */
export class LoginFailures1796170000001 implements MigrationInterface {
  name = 'LoginFailures1796170000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "login_failures" ("key_hash" character varying(64) NOT NULL, "failures" integer NOT NULL DEFAULT 0, "locked_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_login_failures" PRIMARY KEY ("key_hash"))`,
    );
    await q.query(`CREATE INDEX "idx_login_failures_updated" ON "login_failures" ("updated_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_failures"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: a session per sign-in (the refresh-token family). Its id travels in the access token and is checked on
 * every request, so logout, a password change or reset and a lock end the access tokens already handed out at once;
 * `refreshed_at` bounds idleness and `expires_at` the absolute lifetime.
 */
export class Sessions1796170000003 implements MigrationInterface {
  name = 'Sessions1796170000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(32), "ip" character varying(64), CONSTRAINT "PK_sessions" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id") WHERE "ended_at" IS NULL`);
    // Sessions signed in before this change carry no session id: they end, their users sign in again.
    await q.query(`UPDATE "refresh_tokens" SET "revoked_at" = now() WHERE "revoked_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sessions"`);
  }
}

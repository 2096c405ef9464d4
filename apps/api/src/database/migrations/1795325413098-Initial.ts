import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795325413098 implements MigrationInterface {
  name = 'Initial1795325413098';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "rate_limits" ("key" character varying(200) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3213d6711ea80b8df2343869b0e" PRIMARY KEY ("key", "window_start"))`);
    await q.query(`CREATE TABLE "captchas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "answer_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_897703cbd18f8ee4d7ed8753adb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_captchas_expires" ON "captchas"  ("expires_at") `);
    await q.query(`CREATE TABLE "one_time_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8e470cc9ffc1b2afa054304db17" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_one_time_tokens_hash" ON "one_time_tokens"  ("token_hash") `);
    await q.query(`CREATE INDEX "idx_one_time_tokens_user" ON "one_time_tokens"  ("user_id") `);
    await q.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens"  ("token_hash") `);
    await q.query(`CREATE INDEX "idx_refresh_tokens_user" ON "refresh_tokens"  ("user_id") `);
    await q.query(`CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
    await q.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "type" character varying(32) NOT NULL, "region_code" character varying(6) NOT NULL, "level" character varying(16), "credit_code" character varying(18), "nature" character varying(16), "permitted" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'active', "contact_name" character varying(64), "contact_phone" character varying(32), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_organisations_credit_code" ON "organisations"  ("credit_code") WHERE credit_code IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_organisations_type_region" ON "organisations"  ("type", "region_code") `);
    await q.query(`CREATE INDEX "idx_organisations_region" ON "organisations"  ("region_code") `);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "role" character varying(32) NOT NULL, "organisation_id" uuid, "real_name" character varying(64) NOT NULL, "id_card_enc" text, "id_card_hash" character varying(64), "mobile_enc" text, "mobile_hash" character varying(64), "email" character varying(128), "contact_person" character varying(64), "contact_phone" character varying(32), "password_hash" character varying(200) NOT NULL, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "totp_secret_enc" text, "mfa_enabled" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'active', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users"  ("username") `);
    await q.query(`CREATE UNIQUE INDEX "uq_users_id_card_hash" ON "users"  ("id_card_hash") WHERE id_card_hash IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_users_mobile_hash" ON "users"  ("mobile_hash") `);
    await q.query(`CREATE INDEX "idx_users_organisation" ON "users"  ("organisation_id") `);
    await q.query(`CREATE TABLE "audit_logs" ("id" BIGSERIAL NOT NULL, "user_id" uuid, "organisation_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(64) NOT NULL, "target_id" character varying(64), "before" jsonb, "after" jsonb, "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bb179d048bbc581caa3b013439" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_audit_logs_user_time" ON "audit_logs"  ("user_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_audit_logs_org_time" ON "audit_logs"  ("organisation_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_audit_logs_target" ON "audit_logs"  ("target_type", "target_id") `);
    await q.query(`CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channel" character varying(16) NOT NULL, "user_id" uuid, "recipient" character varying(128) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_outbox_status" ON "outbox_messages"  ("status", "created_at") `);
    await q.query(`CREATE INDEX "idx_outbox_user_time" ON "outbox_messages"  ("user_id", "created_at") `);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await q.query(`DROP INDEX "public"."idx_outbox_user_time"`);
    await q.query(`DROP INDEX "public"."idx_outbox_status"`);
    await q.query(`DROP TABLE "outbox_messages"`);
    await q.query(`DROP INDEX "public"."idx_audit_logs_target"`);
    await q.query(`DROP INDEX "public"."idx_audit_logs_org_time"`);
    await q.query(`DROP INDEX "public"."idx_audit_logs_user_time"`);
    await q.query(`DROP TABLE "audit_logs"`);
    await q.query(`DROP INDEX "public"."idx_users_organisation"`);
    await q.query(`DROP INDEX "public"."idx_users_mobile_hash"`);
    await q.query(`DROP INDEX "public"."uq_users_id_card_hash"`);
    await q.query(`DROP INDEX "public"."uq_users_username"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP INDEX "public"."idx_organisations_region"`);
    await q.query(`DROP INDEX "public"."idx_organisations_type_region"`);
    await q.query(`DROP INDEX "public"."uq_organisations_credit_code"`);
    await q.query(`DROP TABLE "organisations"`);
    await q.query(`DROP INDEX "public"."idx_refresh_tokens_family"`);
    await q.query(`DROP INDEX "public"."idx_refresh_tokens_user"`);
    await q.query(`DROP INDEX "public"."uq_refresh_tokens_hash"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP INDEX "public"."idx_one_time_tokens_user"`);
    await q.query(`DROP INDEX "public"."uq_one_time_tokens_hash"`);
    await q.query(`DROP TABLE "one_time_tokens"`);
    await q.query(`DROP INDEX "public"."idx_captchas_expires"`);
    await q.query(`DROP TABLE "captchas"`);
    await q.query(`DROP TABLE "rate_limits"`);
  }
}

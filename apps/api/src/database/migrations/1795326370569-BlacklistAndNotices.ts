import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BlacklistAndNotices1795326370569 implements MigrationInterface {
  name = 'BlacklistAndNotices1795326370569';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "blacklist_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "real_name" character varying(64) NOT NULL, "id_card_enc" text NOT NULL, "id_card_hash" character varying(64) NOT NULL, "user_id" uuid, "reason" character varying(500) NOT NULL, "source" character varying(32) NOT NULL, "declaration_id" uuid, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "lift_reason" character varying(500), "organisation_id" uuid, "created_by" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b3b4cd52f946ff6807b9120e3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_blacklist_org" ON "blacklist_entries"  ("organisation_id") `);
    await q.query(`CREATE INDEX "idx_blacklist_status_created" ON "blacklist_entries"  ("status", "created_at") `);
    await q.query(`CREATE INDEX "idx_blacklist_id_hash_status" ON "blacklist_entries"  ("id_card_hash", "status") `);
    await q.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "audience" text array NOT NULL DEFAULT '{public}', "status" character varying(16) NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "organisation_id" uuid, "publisher_name" character varying(200), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_notices_org" ON "notices"  ("organisation_id") `);
    await q.query(`CREATE INDEX "idx_notices_type_published" ON "notices"  ("type", "status", "published_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_notices_type_published"`);
    await q.query(`DROP INDEX "public"."idx_notices_org"`);
    await q.query(`DROP TABLE "notices"`);
    await q.query(`DROP INDEX "public"."idx_blacklist_id_hash_status"`);
    await q.query(`DROP INDEX "public"."idx_blacklist_status_created"`);
    await q.query(`DROP INDEX "public"."idx_blacklist_org"`);
    await q.query(`DROP TABLE "blacklist_entries"`);
  }
}

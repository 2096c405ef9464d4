import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StoredFiles1795326040600 implements MigrationInterface {
  name = 'StoredFiles1795326040600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "stored_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_user_id" uuid NOT NULL, "purpose" character varying(32) NOT NULL, "original_name" character varying(255) NOT NULL, "mime_type" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "page_count" integer NOT NULL DEFAULT '0', "sha256" character varying(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "locked" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5d5be862bf53851c1794b4adf4e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_stored_files_owner" ON "stored_files"  ("owner_user_id", "created_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_stored_files_owner"`);
    await q.query(`DROP TABLE "stored_files"`);
  }
}

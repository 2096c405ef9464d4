import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommitteeTablesStub1795325835355 implements MigrationInterface {
  name = 'CommitteeTablesStub1795325835355';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "committees" ("organisation_id" uuid NOT NULL, "committee_class" character varying(16) NOT NULL, "issuing_delegated" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'active', CONSTRAINT "PK_c33f89b2116732afb6e938db9fc" PRIMARY KEY ("organisation_id"))`);
    await q.query(`CREATE TABLE "committee_professions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "profession_code" character varying(32) NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, CONSTRAINT "PK_3e01b2c7c4c9cd1a7f4fe51eb57" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_committee_professions_committee" ON "committee_professions"  ("committee_id", "profession_code", "title_level", "series_code") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_committee_professions_committee"`);
    await q.query(`DROP TABLE "committee_professions"`);
    await q.query(`DROP TABLE "committees"`);
  }
}

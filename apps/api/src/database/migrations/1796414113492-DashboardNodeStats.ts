import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardNodeStats1796414113492 implements MigrationInterface {
  name = 'DashboardNodeStats1796414113492';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "dashboard_node_stats" ("id" BIGSERIAL NOT NULL, "batch_id" uuid NOT NULL, "title_level" character varying(16) NOT NULL, "series_code" character varying(32) NOT NULL, "all_nodes" boolean NOT NULL, "current_org_id" uuid, "status" character varying(32) NOT NULL, "stage" integer NOT NULL, "n" integer NOT NULL, "median_days" integer NOT NULL, "p90_days" integer NOT NULL, "longest_days" integer NOT NULL, CONSTRAINT "PK_0d0b2d4c9451d1b8605ab4a634f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_dashboard_node_stats_view" ON "dashboard_node_stats"  ("batch_id", "title_level", "series_code") `);
    await q.query(`CREATE TABLE "dashboard_batch_scope" ("batch_id" uuid NOT NULL, "committee_ids" uuid array NOT NULL, "region_min" character varying(6) NOT NULL, "region_max" character varying(6) NOT NULL, CONSTRAINT "PK_3e85243ef409c037e0c30a79148" PRIMARY KEY ("batch_id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dashboard_batch_scope"`);
    await q.query(`DROP INDEX "public"."idx_dashboard_node_stats_view"`);
    await q.query(`DROP TABLE "dashboard_node_stats"`);
  }
}

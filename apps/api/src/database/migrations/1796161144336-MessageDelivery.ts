import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MessageDelivery1796161144336 implements MigrationInterface {
  name = 'MessageDelivery1796161144336';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" ADD "event" character varying(48) NOT NULL DEFAULT 'notice'`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "last_error" character varying(500)`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "delivered_via" character varying(16)`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "sent_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
    // In-app messages are delivered by being written (the message centre reads them).
    await q.query(`UPDATE "outbox_messages" SET "status" = 'sent', "delivered_via" = 'inapp', "sent_at" = "created_at", "attempts" = 1 WHERE "channel" = 'inapp'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "failed_at"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "sent_at"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "delivered_via"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "last_error"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "attempts"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "event"`);
  }
}

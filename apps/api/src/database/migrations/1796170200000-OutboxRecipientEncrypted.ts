import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an SMS or e-mail recipient is kept SM4-encrypted (`recipient_enc`); `recipient` holds it masked. E-mail
 * addresses already written in plaintext are masked here when the sender no longer needs them: the message is sent or
 * failed, or belongs to a user (the sender then reads the user's own record).
 */
export class OutboxRecipientEncrypted1796170200000 implements MigrationInterface {
  name = 'OutboxRecipientEncrypted1796170200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" ADD "recipient_enc" text`);
    await q.query(
      `UPDATE "outbox_messages" SET "recipient" = regexp_replace("recipient", '^([^@]{1,2})[^@]*(@.*)$', '\\1***\\2')
        WHERE "channel" = 'email' AND "recipient" LIKE '%@%' AND "recipient" NOT LIKE '%***@%' AND ("status" <> 'pending' OR "user_id" IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "recipient_enc"`);
  }
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageChannel, MessageEvent, MessageStatus } from '@zhicheng/contracts';

/**
 * every SMS, e-mail and in-app notification is written here in the same transaction as the
 * change that caused it; a `message.deliver` job delivers it: SMTP e-mail, SMS gateway, or — in-app — the
 * message centre itself. `attempts`/`lastError` record the delivery; `failed` is the dead-letter list.
 */
@Entity('outbox_messages')
@Index('idx_outbox_user_time', ['userId', 'createdAt'])
@Index('idx_outbox_status', ['status', 'createdAt'])
// the ministry dispatcher takes pending `ministry` messages oldest first.
@Index('idx_outbox_channel_status', ['channel', 'status', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  channel: MessageChannel;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** Masked mobile or e-mail address (in-app: the user name), for display and the lists. */
  @Column({ type: 'varchar', length: 128 })
  recipient: string;

  /** The full mobile or e-mail address the message goes to, SM4-encrypted like the rest of the personal data. */
  @Column({ type: 'text', nullable: true, select: false })
  recipientEnc: string | null;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** The business event (its Chinese name heads the e-mail subject and picks the SMS template). */
  @Column({ type: 'varchar', length: 48, default: 'notice' })
  event: MessageEvent;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: MessageStatus;

  /** Delivery attempts so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Why the last attempt failed (Chinese, for the administrator). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** `smtp`, `aliyun`, `inapp`, `dev-sink` (development without a configured channel), `ministry`. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  deliveredVia: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the last attempt failed for good (dead-lettered). */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

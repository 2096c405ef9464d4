import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageChannel } from '@zhicheng/contracts';

/**
 * every SMS, e-mail and in-app notification is written here in the same transaction as the
 * change that caused it; a sender (or, in development, the sink page) delivers it.
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

  /** Masked mobile or e-mail address, for display; the sender resolves the real one. */
  @Column({ type: 'varchar', length: 128 })
  recipient: string;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

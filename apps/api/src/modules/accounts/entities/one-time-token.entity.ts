import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Single-use tokens: password reset links and second-factor login challenges. */
@Entity('one_time_tokens')
@Index('idx_one_time_tokens_user', ['userId'])
export class OneTimeToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: 'reset' | 'mfa' | 'mfa_sms';

  @Index('uq_one_time_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Wrong codes tried against this challenge (second factor): at the fifth it is void. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** SMS second factor: the hash of the code sent (the code itself is never stored). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  codeHash: string | null;

  /** SMS second factor: when the last code was sent (a resend waits LOGIN_SMS_RESEND_SECONDS). */
  @Column({ type: 'timestamptz', nullable: true })
  codeSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** one append-only row per state change. */
@Entity('audit_logs')
@Index('idx_audit_logs_target', ['targetType', 'targetId'])
@Index('idx_audit_logs_org_time', ['organisationId', 'createdAt'])
@Index('idx_audit_logs_user_time', ['userId', 'createdAt'])
@Index('uq_audit_logs_chain_seq', ['chainSeq'], { unique: true, where: '"chain_seq" IS NOT NULL' })
@Index('idx_audit_logs_unsealed', ['id'], { where: '"chain_seq" IS NULL' })
export class AuditLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  targetType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Issue 13: the SM3 chain, set once when the row is sealed (AuditChainService); never read by the lists. */
  @Column({ type: 'bigint', nullable: true, select: false })
  chainSeq: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  prevHash: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  hash: string | null;
}

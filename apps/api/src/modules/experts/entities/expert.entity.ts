import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ExpertStatus, TitleLevel } from '@zhicheng/contracts';

export interface ExpertConflict {
  /** An organisation the expert must not review (own unit, former employer…). */
  organisationId?: string;
  name: string;
  /** A person conflict: the masked ID card only (e.g. 3201**********1234). */
  idCardMasked?: string;
  reason?: string;
}

/** The expert pool (评委库): used by the expert draw. Managed by a title office or a committee. */
@Entity('experts')
@Index('idx_experts_region', ['regionCode'])
@Index('idx_experts_managed_by', ['managedBy'])
@Index('idx_experts_status_level', ['status', 'titleLevel'])
export class Expert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_experts_user', { unique: true })
  @Column({ type: 'uuid' })
  userId: string;

  /** The expert's work unit. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The title office or committee that manages this entry. */
  @Column({ type: 'uuid' })
  managedBy: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @Column({ type: 'varchar', length: 100 })
  titleName: string;

  @Column({ type: 'uuid', nullable: true })
  titleId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: ExpertStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  conflicts: ExpertConflict[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { BatchProposalStatus, TitleLevel } from '@zhicheng/contracts';

/**
 * C-09 年度批次信息提交: a committee submits its year's review batch (name, levels, declaration window, planned
 * number of participants); the title office over the committee's region approves it (which creates a draft 申报批次,
 * A-28, linked here) or returns it with a reason; the committee corrects and resubmits a returned one.
 */
@Entity('batch_proposals')
@Index('idx_batch_proposals_committee_year', ['committeeId', 'year'])
@Index('idx_batch_proposals_region_status', ['regionCode', 'status'])
export class BatchProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  committeeId: string;

  /** The committee's region code (the title office's scope). */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  levels: TitleLevel[];

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  /** 计划评审人数 */
  @Column({ type: 'int' })
  plannedCount: number;

  /** 联系人 / 联系电话 of the committee for this batch. */
  @Column({ type: 'varchar', length: 64 })
  contactName: string;

  @Column({ type: 'varchar', length: 32 })
  contactPhone: string;

  @Column({ type: 'text', default: '' })
  remark: string;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: BatchProposalStatus;

  @Column({ type: 'text', nullable: true })
  reviewOpinion: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** The 申报批次 created on approval. */
  @Column({ type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

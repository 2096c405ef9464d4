import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ExpertRequirement, ReviewMode, ReviewPlanKind, ReviewPlanStatus, ScoringRule } from '@zhicheng/contracts';

export interface PlanAttachment {
  fileId: string;
  name: string;
}

/** The recorded draw (C-03): enough to re-run it. */
export interface PlanDraw {
  seed: string;
  /** Sorted ids of the eligible, non-avoided experts at draw time. */
  candidates: string[];
  /** Experts left out by avoidance, with the reason (shown in the draw record). */
  avoided: { expertId: string; reason: string }[];
  panel: string[];
  reserves: string[];
  drawnAt: string;
  drawnBy: string;
}

/** C-02: a committee's review plan (评审方案) for one batch. */
@Entity('review_plans')
@Index('idx_review_plans_committee', ['committeeId', 'status', 'createdAt'])
@Index('idx_review_plans_status', ['status', 'submittedAt'])
@Index('idx_review_plans_region', ['regionCode', 'status'])
@Index('idx_review_plans_batch', ['batchId'])
@Index('idx_review_plans_kind', ['kind', 'status'])
@Index('idx_review_plans_publicity', ['publicityEndsOn'])
export class ReviewPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  committeeId: string;

  /** The committee's region (scope of the title offices, A-21). */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ReviewPlanKind;

  @Column({ type: 'varchar', length: 16 })
  mode: ReviewMode;

  @Column({ type: 'varchar', length: 24, default: 'draft' })
  status: ReviewPlanStatus;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb' })
  expertRequirement: ExpertRequirement;

  @Column({ type: 'jsonb' })
  scoringRules: ScoringRule[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: PlanAttachment[];

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** the title office's last opinion. */
  @Column({ type: 'text', nullable: true })
  auditOpinion: string | null;

  @Column({ type: 'uuid', nullable: true })
  auditedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  auditedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  draw: PlanDraw | null;

  /** C-04: interview time and place (notified through the outbox). */
  @Column({ type: 'timestamptz', nullable: true })
  interviewAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  interviewPlace: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  interviewNotifiedAt: Date | null;

  /** E-04: the experts present at the meeting (recorded by the committee before closing). */
  @Column({ type: 'jsonb', nullable: true })
  attendance: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** C-06: results publicity. */
  @Column({ type: 'int', nullable: true })
  publicityDays: number | null;

  @Column({ type: 'date', nullable: true })
  publicityStartsOn: string | null;

  @Column({ type: 'date', nullable: true })
  publicityEndsOn: string | null;

  /** C-07 / A-11. */
  @Column({ type: 'timestamptz', nullable: true })
  filingAppliedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  filingOpinion: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  filingDocNo: string | null;

  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

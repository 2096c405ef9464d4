import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeclarationKind, DeclarationStatus, ModuleValue, TitleLevel, UnitNature } from '@zhicheng/contracts';
import type { ResolvedPath } from '../../audit-tree/path-resolver.service.js';

/** H-03..H-09: one declaration (申报) of an applicant in a batch. */
@Entity('declarations')
@Index('idx_declarations_applicant', ['applicantUserId', 'createdAt'])
// The audit queues (issue 6): declarations waiting at one node, oldest submission first.
@Index('idx_declarations_current_org', ['currentOrgId', 'status', 'submittedAt'])
// U-05 reported tab and U-10 unit applicant query.
@Index('idx_declarations_unit', ['unitOrgId', 'status'])
@Index('idx_declarations_batch', ['batchId', 'status'])
// Issue 7/8: the participants of a review plan; certificates issued by filing document number.
@Index('idx_declarations_review_plan', ['reviewPlanId', 'status'])
@Index('idx_declarations_filing_doc', ['filingDocNo', 'status'])
// Issue 8: the issuing screen's list of filed declarations by committee (A-13 by query condition).
@Index('idx_declarations_status_committee', ['status', 'committeeId', 'year'])
// A-30 drill-down: the declarations waiting at one node of a batch, longest first.
@Index('idx_declarations_waiting', ['batchId', 'currentOrgId', 'status', 'stageEnteredAt'])
// A person has at most one live (not cancelled) declaration per batch.
@Index('uq_declarations_applicant_batch', ['applicantUserId', 'batchId'], { unique: true, where: "status <> 'cancelled'" })
export class Declaration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicantUserId: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: DeclarationKind;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'uuid' })
  titleId: string;

  @Column({ type: 'varchar', length: 32 })
  professionCode: string;

  /** The committee (评审) or acceptance institution (初定/认定). */
  @Column({ type: 'uuid' })
  committeeId: string;

  @Column({ type: 'uuid', nullable: true })
  unitOrgId: string | null;

  @Column({ type: 'uuid', nullable: true })
  supervisingDeptId: string | null;

  @Column({ type: 'varchar', length: 16 })
  unitNature: UnitNature;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 16 })
  method: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  exceptionalCondition: string | null;

  @Column({ type: 'boolean', default: false })
  civilServant: boolean;

  @Column({ type: 'varchar', length: 32, default: 'draft' })
  status: DeclarationStatus;

  /** Returned all the way to the applicant (editable again). */
  @Column({ type: 'boolean', default: false })
  returnedToApplicant: boolean;

  /** Index (0-based) into path_snapshot.stages of the stage it waits at. */
  @Column({ type: 'int', default: 0 })
  currentStage: number;

  /** The organisation where it waits now (audit queues filter on it). */
  @Column({ type: 'uuid', nullable: true })
  currentOrgId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  pathSnapshot: ResolvedPath | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  moduleData: Record<string, ModuleValue>;

  /** Set by auditors: { moduleKey: { path: reason } }. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  moduleFailures: Record<string, Record<string, string>>;

  @Column({ type: 'text', nullable: true })
  lastReturnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** when it arrived where it waits now (set by every workflow transition; the dashboard's time at the node). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  stageEnteredAt: Date;

  /** U-05: 委托评审 chosen by the unit before report-up (null = not set yet). */
  @Column({ type: 'boolean', nullable: true })
  entrusted: boolean | null;

  /** U-05: the unit's recommendation rank (1 = first). */
  @Column({ type: 'int', nullable: true })
  recommendationRank: number | null;

  /** U-05: when the unit reported it up. */
  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  /** when the final qualification audit passed (A-22 rolls back newest first). */
  @Column({ type: 'timestamptz', nullable: true })
  qualifiedAt: Date | null;

  /** C-02: the review plan this declaration takes part in (set when it joins a plan). */
  @Column({ type: 'uuid', nullable: true })
  reviewPlanId: string | null;

  /** C-05: the committee's result (true passed, false failed, null not reviewed yet). */
  @Column({ type: 'boolean', nullable: true })
  reviewPassed: boolean | null;

  /** the title office's filing document number (备案文号) and date; ready for certificates. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  filingDocNo: string | null;

  @Column({ type: 'date', nullable: true })
  filedOn: string | null;

  /** H-14: the self-check answers and result when the declaration was started (auditors see the same). */
  @Column({ type: 'jsonb', nullable: true })
  eligibility: Record<string, unknown> | null;

  /** resubmissions after returns so far (a batch may cap them). */
  @Column({ type: 'int', default: 0 })
  resubmitCount: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeclarationKind, DeclarationStatus, ModuleValue, TitleLevel, UnitNature } from '@zhicheng/contracts';
import type { ResolvedPath } from '../../audit-tree/path-resolver.service.js';

/** H-03..H-09: one declaration (申报) of an applicant in a batch. */
@Entity('declarations')
@Index('idx_declarations_applicant', ['applicantUserId', 'createdAt'])
@Index('idx_declarations_current_org', ['currentOrgId', 'status'])
@Index('idx_declarations_batch', ['batchId', 'status'])
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

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

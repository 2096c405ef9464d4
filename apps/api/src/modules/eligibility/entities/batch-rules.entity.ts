import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { QualifyingRule, ResubmitMode } from '@zhicheng/contracts';

/**
 * The national rules a batch applies on the declaration side (人社部令第40号), each a setting the title office can
 * change; a batch without a row uses the defaults (H-14, A-34, U-14, unit publicity).
 */
@Entity('batch_rules')
export class BatchRules {
  @PrimaryColumn({ type: 'uuid' })
  batchId: string;

  /** Unit publicity must run at least this many working days before report-up (default 5). */
  @Column({ type: 'int', default: 5 })
  unitPublicityMinDays: number;

  /** working days the applicant has to correct a return (default 5). */
  @Column({ type: 'int', default: 5 })
  correctionDays: number;

  /** at most this many resubmissions per declaration; null = no cap. */
  @Column({ type: 'int', nullable: true })
  maxResubmissions: number | null;

  /** U-14: a resubmission goes straight back to the returning node (direct) or climbs again (climb). */
  @Column({ type: 'varchar', length: 16, default: 'direct' })
  resubmitMode: ResubmitMode;

  /** H-14: qualifying-years rules per series and level. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  qualifyingRules: QualifyingRule[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @VersionColumn()
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

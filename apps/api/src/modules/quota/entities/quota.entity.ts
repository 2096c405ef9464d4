import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { QuotaStatus, TitleLevel } from '@zhicheng/contracts';

/**
 * U-12: a unit's title position quota declaration (职数申报) for one year, series and level, audited by the unit's
 * supervising department (the upper organisation of the unit's approved 评审 audit edge for that series and level).
 */
@Entity('quotas')
@Index('uq_quotas_unit_year_series_level', ['unitOrgId', 'year', 'seriesCode', 'titleLevel'], { unique: true })
@Index('idx_quotas_supervisor_status', ['supervisorOrgId', 'status', 'submittedAt'])
@Index('idx_quotas_region', ['regionCode', 'year'])
@Index('idx_quotas_year_series_level', ['year', 'seriesCode', 'titleLevel', 'status'])
export class Quota {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @Column({ type: 'uuid' })
  unitOrgId: string;

  /** The auditing department, resolved when the unit submits (and again on resubmission). */
  @Column({ type: 'uuid' })
  supervisorOrgId: string;

  /** The unit's region code (A-19 region scope). */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** 岗位总数 */
  @Column({ type: 'int' })
  postTotal: number;

  /** 已聘数 */
  @Column({ type: 'int' })
  employedCount: number;

  /** 申报职数 */
  @Column({ type: 'int' })
  requestedCount: number;

  /** 说明 */
  @Column({ type: 'text', default: '' })
  remark: string;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: QuotaStatus;

  @Column({ type: 'text', nullable: true })
  auditOpinion: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  auditedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  auditedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  resubmissions: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

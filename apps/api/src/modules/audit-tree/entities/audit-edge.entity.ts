import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeclarationKind, TitleLevel } from '@zhicheng/contracts';

export type EdgeStatus = 'pending' | 'approved' | 'rejected';
export type EdgeSource = 'application' | 'config' | 'import';

/**
 * One audit edge (DOMAIN §3): for declarations of `kind`, `seriesCode` and `titleLevel`,
 * organisation `lowerOrgId` reports to `upperOrgId`. Created pending by a path application
 * (U-07, U-08) and approved / rejected by the upper (U-09), or created approved by the title
 * office's configuration or Excel import and by a committee for its subordinates (C-10).
 *
 * "The unique path": at most one approved upper per (lower, kind, series, level), enforced by
 * the partial unique index below, which is also the index the resolution walk uses.
 */
@Entity('audit_edges')
@Index('uq_audit_edges_approved_upper', ['lowerOrgId', 'kind', 'seriesCode', 'titleLevel'], {
  unique: true,
  where: `status = 'approved'`,
})
@Index('idx_audit_edges_lower', ['lowerOrgId', 'kind', 'seriesCode', 'titleLevel', 'status'])
@Index('idx_audit_edges_upper', ['upperOrgId', 'status', 'kind'])
@Index('idx_audit_edges_status_created', ['status', 'createdAt'])
export class AuditEdge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DeclarationKind;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @Column({ type: 'uuid' })
  lowerOrgId: string;

  @Column({ type: 'uuid' })
  upperOrgId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: EdgeStatus;

  /** Why the upper rejected the application (U-09). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 16, default: 'application' })
  source: EdgeSource;

  @Column({ type: 'uuid', nullable: true })
  appliedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

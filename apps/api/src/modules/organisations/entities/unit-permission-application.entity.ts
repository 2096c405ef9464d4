import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { UnitNature, UnitPermissionStatus } from '@zhicheng/contracts';

/** U-02 / A-20: a unit's application for permission to run title work, reviewed by its region's title office. */
@Entity('unit_permission_applications')
@Index('idx_unit_perm_org', ['organisationId'])
@Index('idx_unit_perm_status_region', ['status', 'regionCode'])
export class UnitPermissionApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 200 })
  unitName: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  nature: UnitNature | null;

  /** File ids of the supporting documents (the files domain stores them). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: string[];

  @Column({ type: 'text', nullable: true })
  remark: string | null;

  /** Results of the automatic checks, shown to the reviewer. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  autoCheck: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: UnitPermissionStatus;

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  applicantUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'int', default: 1 })
  submissions: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

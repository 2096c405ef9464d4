import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CommitteeClass } from '@zhicheng/contracts';

/** a review committee; its name, region and admin level live on `organisations`. */
@Entity('committees')
@Index('idx_committees_class', ['committeeClass'])
export class Committee {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 16 })
  committeeClass: CommitteeClass;

  @Column({ type: 'boolean', default: false })
  issuingDelegated: boolean;

  @Column({ type: 'uuid', nullable: true })
  contactUserId: string | null;

  @Column({ type: 'text', nullable: true })
  feeStandard: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'deregistered';

  @Column({ type: 'text', nullable: true })
  deregisterReason: string | null;

  /** C-17: the period of the filed review authority (评审权备案有效期); plans, draws and meetings only inside it. */
  @Column({ type: 'date', nullable: true })
  authorityFrom: string | null;

  @Column({ type: 'date', nullable: true })
  authorityUntil: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeclarationKind, TitleLevel } from '@zhicheng/contracts';

/**
 * C-11 审核层级配置单位确认: a committee confirms the audit-level configuration (the edges into it)
 * for one scope. The confirmation is reported as stale when an edge into the committee for that
 * scope changed after `confirmedAt` (see AuditTreeService.confirmations).
 */
@Entity('audit_level_confirmations')
@Index('uq_audit_level_confirmations_scope', ['committeeOrgId', 'kind', 'seriesCode', 'titleLevel'], { unique: true })
export class AuditLevelConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  committeeOrgId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: DeclarationKind;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @Column({ type: 'uuid' })
  confirmedBy: string;

  @Column({ type: 'timestamptz' })
  confirmedAt: Date;
}

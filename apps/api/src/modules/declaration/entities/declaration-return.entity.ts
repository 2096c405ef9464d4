import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CorrectionItem, ModuleDiff, ModuleValue, ResubmitMode } from '@zhicheng/contracts';

/**
 * A-34 / U-14: one return of a declaration, from the node that started it (a cascade down the path belongs to the
 * same return). It keeps every failing item (一次性告知), the declaration's data as returned (for the diff), the
 * correction deadline once it reaches the applicant, and how it ended: resubmitted (with the diff and the route it
 * took), abandoned (放弃申报, past the deadline) or cancelled.
 */
@Entity('declaration_returns')
@Index('idx_declaration_returns_declaration', ['declarationId', 'createdAt'])
// the overdue sweep: open returns at the applicant by deadline
@Index('idx_declaration_returns_open_deadline', ['deadline'], { where: 'resolved_at IS NULL AND deadline IS NOT NULL' })
// U-13: the open returns a node made (退回未重提交)
@Index('idx_declaration_returns_open_from', ['fromOrgId'], { where: 'resolved_at IS NULL' })
export class DeclarationReturn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  declarationId: string;

  /** 'return' (退回, walks down node by node) or 'supplement' (退回补充材料, straight to the applicant). */
  @Column({ type: 'varchar', length: 16 })
  kind: 'return' | 'supplement';

  /** The stage (index into the path snapshot) and organisation that returned it. */
  @Column({ type: 'int' })
  fromStage: number;

  @Column({ type: 'uuid', nullable: true })
  fromOrgId: string | null;

  @Column({ type: 'uuid', nullable: true })
  returnedBy: string | null;

  @Column({ type: 'text' })
  opinion: string;

  /** Every failing item at once (the item-level judgements at the returning node). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  items: CorrectionItem[];

  /** The failures as judged (module → path → reason), to highlight them in the diff. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  failures: Record<string, Record<string, string>>;

  /** module_data when it was returned. */
  @Column({ type: 'jsonb' })
  dataSnapshot: Record<string, ModuleValue>;

  /** The correction deadline (补正期限), set when the return reaches the applicant: that day plus N working days. */
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reachedApplicantAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: 'resubmitted' | 'abandoned' | 'cancelled' | null;

  /** U-14: which way the resubmission went. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  route: ResubmitMode | null;

  /** U-14: what changed since the return. */
  @Column({ type: 'jsonb', nullable: true })
  diff: ModuleDiff[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

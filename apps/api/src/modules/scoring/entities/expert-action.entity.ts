import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ExpertActionKind } from '@zhicheng/contracts';

/**
 * E-01..E-05: one expert's material review, scores, vote or opinion on one participant. A change while the
 * meeting is open supersedes the row (a new row; the old one keeps `supersededAt`); A-22 rolls rows back
 * newest first (`rolledBackAt`, reason). At most one live row per (plan, declaration, expert, kind).
 */
@Entity('expert_actions')
@Index('idx_expert_actions_live', ['planId', 'declarationId', 'expertId', 'kind'], { unique: true, where: '"superseded_at" IS NULL AND "rolled_back_at" IS NULL' })
@Index('idx_expert_actions_expert', ['planId', 'expertId', 'id'])
export class ExpertAction {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @Column({ type: 'uuid' })
  declarationId: string;

  @Column({ type: 'uuid' })
  expertId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ExpertActionKind;

  /** material_review: {passed, remark}; *_score: {scores: {ruleKey: n}}; vote: {vote}; opinion: {text}. */
  @Column({ type: 'jsonb' })
  value: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  rolledBackAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  rolledBackBy: string | null;

  @Column({ type: 'text', nullable: true })
  rollbackReason: string | null;
}

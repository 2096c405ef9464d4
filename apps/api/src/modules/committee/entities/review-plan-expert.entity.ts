import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** C-03: a drawn expert of a plan: panel member or reserve, in draw order; declines are recorded. */
@Entity('review_plan_experts')
@Index('idx_review_plan_experts_user', ['userId', 'planId'])
// C-08: an expert's participation across plans.
@Index('idx_review_plan_experts_expert', ['expertId'])
export class ReviewPlanExpert {
  @PrimaryColumn({ type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'uuid' })
  expertId: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** 0-based position in the draw (panel first, then reserves). */
  @Column({ type: 'int' })
  position: number;

  /** panel: sits on the panel; reserve: waiting; declined: declined (replaced by `replacedBy`). */
  @Column({ type: 'varchar', length: 16 })
  role: 'panel' | 'reserve' | 'declined';

  @Column({ type: 'uuid', nullable: true })
  replacedBy: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  changedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** C-05: the computed (online) or entered (offline) result of one participant, with the tallies. */
@Entity('review_results')
@Index('idx_review_results_passed', ['planId', 'passed'])
export class ReviewResult {
  @PrimaryColumn({ type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'uuid' })
  declarationId: string;

  @Column({ type: 'int' })
  present: number;

  @Column({ type: 'int' })
  agree: number;

  @Column({ type: 'int' })
  disagree: number;

  @Column({ type: 'int' })
  abstain: number;

  /** The mean weighted score of the experts who scored (0..100), null when nobody scored. */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  averageScore: string | null;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ type: 'text', nullable: true })
  remark: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

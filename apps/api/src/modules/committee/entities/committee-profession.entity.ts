import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { TitleLevel } from '@zhicheng/contracts';

/** What a committee can review: a profession at a title level within a series. */
@Entity('committee_professions')
@Index('idx_committee_professions_lookup', ['professionCode', 'titleLevel'])
export class CommitteeProfession {
  @PrimaryColumn({ type: 'uuid' })
  committeeId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  professionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  titleLevel: TitleLevel;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  seriesCode: string;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TitleLevel } from '@zhicheng/contracts';

/** a title (职称) within a series at one level, with the ministry's title code. */
@Entity('titles')
@Index('idx_titles_series_level', ['seriesCode', 'level'])
export class Title {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'varchar', length: 16 })
  level: TitleLevel;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_titles_ministry_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  ministryCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

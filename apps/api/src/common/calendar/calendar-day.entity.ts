import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** a day the title office set by hand or imported (it overrides the `chinese-days` base for that date). */
@Entity('calendar_days')
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** true: a working day (e.g. a 调休 make-up Saturday); false: a rest day (a holiday). */
  @Column({ type: 'boolean' })
  working: boolean;

  @Column({ type: 'varchar', length: 50, nullable: true })
  name: string | null;

  /** 'office' (edited on the 工作日历 screen) or 'import' (Excel). */
  @Column({ type: 'varchar', length: 16, default: 'office' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

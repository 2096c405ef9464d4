import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** one row per reminder a scheduled job has sent (`kind:object:date`), so a re-run or a second process sends none twice. */
@Entity('scheduled_reminders')
export class ScheduledReminder {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters shared by every API process. */
@Entity('rate_limits')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int', default: 0 })
  count: number;
}

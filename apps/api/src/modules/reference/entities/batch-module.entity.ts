import { Column, Entity, PrimaryColumn } from 'typeorm';

/** one module of a batch's declaration template and its attachment rules. */
@Entity('batch_modules')
export class BatchModule {
  @PrimaryColumn({ type: 'uuid' })
  batchId: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  moduleKey: string;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'boolean', default: false })
  attachmentRequired: boolean;

  @Column({ type: 'int' })
  attachmentMaxBytes: number;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeclarationKind, TitleLevel } from '@zhicheng/contracts';

/** a declaration batch (申报批次) of one committee (or acceptance institution for 初定/认定). */
@Entity('batches')
@Index('idx_batches_committee', ['committeeId'])
@Index('idx_batches_kind_window', ['kind', 'opensAt', 'closesAt'])
@Index('idx_batches_year', ['year'])
export class Batch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: DeclarationKind;

  /** The organisation id of the committee (评审) or acceptance institution (初定/认定). */
  @Column({ type: 'uuid' })
  committeeId: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  levels: TitleLevel[];

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'text', default: '' })
  commitmentText: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: 'draft' | 'published' | 'closed';

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

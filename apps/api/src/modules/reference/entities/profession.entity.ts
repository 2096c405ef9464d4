import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** the profession tree. Depth 0 rows are the fixed top-level categories; admins add below only. */
@Entity('professions')
@Index('idx_professions_parent', ['parentId'])
export class Profession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_professions_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'int', default: 0 })
  depth: number;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

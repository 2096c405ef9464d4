import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ModuleRow } from '@zhicheng/contracts';

/**
 * H-04: a person's education rows accumulate across declarations. Rows written by an earlier
 * submitted declaration are prefilled (locked) into later ones and cannot be changed there.
 */
@Entity('education_records')
@Index('idx_education_records_user', ['userId', 'createdAt'])
@Index('idx_education_records_declaration', ['sourceDeclarationId'])
export class EducationRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  sourceDeclarationId: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  /** The row as submitted (fields and `_files`), without `_locked`. */
  @Column({ type: 'jsonb' })
  row: ModuleRow;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** an uploaded workbook's validation result, kept server-side so any API process can commit it. */
@Entity('import_jobs')
@Index('idx_import_jobs_created', ['createdAt'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  succeeded: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'varchar', length: 16, default: 'previewed' })
  status: 'previewed' | 'committing' | 'committed';

  @Column({ type: 'int', default: 0 })
  committed: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One row of an import: the normalised data (ok) or the reason it failed. */
@Entity('import_rows')
@Index('idx_import_rows_job_ok', ['jobId', 'ok', 'rowNo'])
export class ImportRow {
  @PrimaryColumn({ type: 'uuid' })
  jobId: string;

  @PrimaryColumn({ type: 'int' })
  rowNo: number;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

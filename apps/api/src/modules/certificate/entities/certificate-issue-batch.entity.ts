import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type IssueBatchSource = 'selection' | 'filing_doc' | 'query' | 'import';
export type IssueBatchStatus = 'pending' | 'running' | 'done';
export type IssueItemStatus = 'pending' | 'issued' | 'existing' | 'failed';

/**
 * one issuance run (by selection, filing document number, query condition or Excel import) as a
 * persisted job. Its declarations are rows of `certificate_issue_batch_items`; any API process claims an unfinished
 * batch through the lease columns (`lease_until` in the past = free) and works through the pending items in chunks,
 * so a restart halfway only delays it. Issuance itself is idempotent per declaration (`decl:<id>`), so an item
 * issued just before a crash and not yet marked is found again as "existing", never issued twice.
 */
@Entity('certificate_issue_batches')
@Index('idx_cert_issue_batches_status', ['status', 'leaseUntil'])
@Index('idx_cert_issue_batches_issuer', ['issuerOrgId', 'createdAt'])
export class CertificateIssueBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerOrgId: string;

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'varchar', length: 16 })
  source: IssueBatchSource;

  /** Human description of the source, e.g. `备案文号：苏职称备〔2026〕1号`. */
  @Column({ type: 'varchar', length: 500 })
  sourceLabel: string;

  /** The source's parameters (filing doc no, query filters, import job id). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  criteria: Record<string, unknown>;

  /** 批准文号 for every certificate; null = each declaration's filing document number. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  approvalDocNo: string | null;

  /** 取得资格时间; null = each declaration's filing date. */
  @Column({ type: 'date', nullable: true })
  qualificationDate: string | null;

  /** 发证日期; null = the day each item is issued. */
  @Column({ type: 'date', nullable: true })
  issueDate: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: IssueBatchStatus;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int', default: 0 })
  issued: number;

  @Column({ type: 'int', default: 0 })
  existing: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  /** Which API process works on it, and until when (renewed after every chunk). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  leaseOwner: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One declaration of an issuance batch and what became of it. */
@Entity('certificate_issue_batch_items')
@Index('idx_cert_issue_items_status', ['batchId', 'status', 'seq'])
@Index('uq_cert_issue_items_declaration', ['batchId', 'declarationId'], { unique: true })
export class CertificateIssueBatchItem {
  @PrimaryColumn({ type: 'uuid' })
  batchId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'uuid' })
  declarationId: string;

  /** The Excel row it came from (import source). */
  @Column({ type: 'int', nullable: true })
  rowNo: number | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: IssueItemStatus;

  @Column({ type: 'uuid', nullable: true })
  certificateId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  certificateNo: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}

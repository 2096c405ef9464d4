import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * B-01..B-05: a person barred from declaring for a period. Identified by the ID card's blind index, so an
 * entry also covers someone who registers later; the number itself is stored encrypted.
 */
@Entity('blacklist_entries')
@Index('idx_blacklist_id_hash_status', ['idCardHash', 'status'])
@Index('idx_blacklist_status_created', ['status', 'createdAt'])
@Index('idx_blacklist_org', ['organisationId'])
export class BlacklistEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  realName: string;

  @Column({ type: 'text' })
  idCardEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idCardHash: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** Where the finding came from: 审核发现, 举报, 上级通报, … */
  @Column({ type: 'varchar', length: 32 })
  source: string;

  /** Declaration the entry was raised from (an audit page), when any. */
  @Column({ type: 'uuid', nullable: true })
  declarationId: string | null;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'lifted';

  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason: string | null;

  /** The organisation that added it (scope). */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

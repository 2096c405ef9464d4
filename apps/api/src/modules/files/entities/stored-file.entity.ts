import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded attachment (always a checked PDF); content addressed by its SHA-256. */
@Entity('stored_files')
@Index('idx_stored_files_owner', ['ownerUserId', 'createdAt'])
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ownerUserId: string;

  /** What the file is for, e.g. `declaration`, `unit-permission`; decides who else may read it. */
  @Column({ type: 'varchar', length: 32 })
  purpose: string;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column({ type: 'varchar', length: 64 })
  mimeType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'int', default: 0 })
  pageCount: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** Set when a submitted record references the file: it can no longer be deleted. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

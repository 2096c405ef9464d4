import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A-27 / P-03 / H-13: announcements (公告通知) and policy documents (政策规范), published for an audience. */
@Entity('notices')
@Index('idx_notices_type_published', ['type', 'status', 'publishedAt'])
@Index('idx_notices_org', ['organisationId'])
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  type: 'announcement' | 'policy';

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** Roles that see it after signing in; `public` means everyone including anonymous visitors. */
  @Column({ type: 'text', array: true, default: () => "'{public}'" })
  audience: string[];

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: 'draft' | 'published' | 'withdrawn';

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  publisherName: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

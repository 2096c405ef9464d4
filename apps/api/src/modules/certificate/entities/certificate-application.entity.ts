import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type CertificateApplicationKind = 'historical' | 'reissue';
export type CertificateApplicationStatus = 'submitted' | 'approved' | 'rejected';

/**
 * H-10 historical registration (a paper certificate obtained before the platform, ≥2 PDFs) and H-11 reissue /
 * replacement (3 PDFs), audited by the title office. Approval creates the certificate record through the
 * idempotent issuance core with the key `app:<id>`: historical → kind 'historical' without an e-certificate,
 * reissue → kind 'reissue' with a new number and an e-certificate.
 */
@Entity('certificate_applications')
@Index('idx_cert_apps_applicant', ['applicantUserId', 'createdAt'])
@Index('idx_cert_apps_issuer_status', ['issuerOrgId', 'status', 'createdAt'])
export class CertificateApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CertificateApplicationKind;

  @Column({ type: 'uuid' })
  applicantUserId: string;

  @Column({ type: 'varchar', length: 64 })
  holderName: string;

  @Column({ type: 'varchar', length: 100 })
  titleName: string;

  @Column({ type: 'varchar', length: 16 })
  seriesCode: string;

  @Column({ type: 'varchar', length: 100 })
  professionName: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: string;

  @Column({ type: 'date' })
  qualificationDate: string;

  @Column({ type: 'varchar', length: 100 })
  approvalDocNo: string;

  @Column({ type: 'varchar', length: 200 })
  committeeName: string;

  /** The paper certificate's number (historical) or the number being replaced (reissue). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  originalCertificateNo: string | null;

  @Column({ type: 'uuid' })
  issuerOrgId: string;

  /** Reissue: 遗失补发 / 损毁换发 / 信息变更换发. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', array: true })
  fileIds: string[];

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: CertificateApplicationStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewComment: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  certificateId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

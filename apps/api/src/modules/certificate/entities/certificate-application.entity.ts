import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CertificateApplicationKind, ReissueBusinessType, ReissueDeclareType } from '@zhicheng/contracts';

export type { CertificateApplicationKind };
export type CertificateApplicationStatus = 'submitted' | 'approved' | 'rejected';

/**
 * H-10 historical registration (a paper certificate obtained before the platform: ≥2 of 申报表/老证书/批文) and H-11
 * reissue / replacement of one of the holder's own certificates (the three named documents), audited by the title office. Approval creates the certificate record through the
 * idempotent issuance core with the key `app:<id>`: historical → kind 'historical' without an e-certificate,
 * reissue → kind 'reissue' with a new number and an e-certificate.
 */
@Entity('certificate_applications')
@Index('idx_cert_apps_applicant', ['applicantUserId', 'createdAt'])
@Index('idx_cert_apps_issuer_status', ['issuerOrgId', 'status', 'createdAt'])
@Index('uq_cert_apps_pending_source', ['sourceCertificateId'], { unique: true, where: `"status" = 'submitted' AND "source_certificate_id" IS NOT NULL` })
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

  /** Applications made before 业务类别 existed: 遗失补发 / 损毁换发 / 信息变更换发. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  /** Reissue: the holder's own certificate being replaced (an e-certificate or an approved historical record). */
  @Column({ type: 'uuid', nullable: true })
  sourceCertificateId: string | null;

  /** Reissue: 申报类型 评审 / 初定. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  declareType: ReissueDeclareType | null;

  /** Reissue: 业务类别 补办 / 换发. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  businessType: ReissueBusinessType | null;

  /** 所属行政区划 (of the issuing authority); the 申报点 is `issuerOrgId`, an issuer of that region. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  /** Every file of the application (the audit's read access looks here). */
  @Column({ type: 'uuid', array: true })
  fileIds: string[];

  /** The named documents: slot key (contracts `documentSlotsOf`) → file id. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  documents: Record<string, string>;

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

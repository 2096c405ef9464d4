import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type CertificateKind = 'review' | 'initial' | 'historical' | 'reissue';
export type CertificateStatus = 'valid' | 'revoked';
export type ReportedStatus = 'unreported' | 'pending' | 'reported' | 'failed';

/**
 * A professional title certificate (A-12..A-17, H-10..H-12, P-01). The number and the verification code are
 * unique in the database; a declaration yields at most one certificate (`uq_certificates_source_declaration`), and
 * an issuance key (holder + approval) makes re-running any batch a no-op. `signature` is an Ed25519 signature over
 * the canonical JSON of the public fields (see `CertificateSigner`), so a changed row fails verification.
 */
@Entity('certificates')
@Index('uq_certificates_no', ['certificateNo'], { unique: true })
@Index('uq_certificates_verification_code', ['verificationCode'], { unique: true })
@Index('uq_certificates_source_declaration', ['sourceDeclarationId'], { unique: true, where: 'source_declaration_id IS NOT NULL' })
@Index('uq_certificates_issue_key', ['issueKey'], { unique: true, where: 'issue_key IS NOT NULL' })
@Index('idx_certificates_holder_hash', ['holderIdCardHash'])
@Index('idx_certificates_holder_user', ['holderUserId'])
@Index('idx_certificates_issuer_issued', ['issuerOrgId', 'issueDate'])
// the certificates numbered from one issuer's pool, in number order
@Index('idx_certificates_issuer_no', ['issuerCode', 'certificateNo'])
@Index('idx_certificates_committee', ['committeeOrgId'])
@Index('idx_certificates_status_issued', ['status', 'issueDate'])
@Index('idx_certificates_reported', ['reportedStatus'])
@Index('idx_certificates_issuer_reported', ['issuerOrgId', 'reportedStatus'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  certificateNo: string;

  @Column({ type: 'varchar', length: 16 })
  verificationCode: string;

  @Column({ type: 'uuid', nullable: true })
  holderUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  holderName: string;

  @Column({ type: 'text' })
  holderIdCardEnc: string;

  @Column({ type: 'varchar', length: 64 })
  holderIdCardHash: string;

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

  /** The committee organisation (C-12 scope), when known. */
  @Column({ type: 'uuid', nullable: true })
  committeeOrgId: string | null;

  @Column({ type: 'uuid' })
  issuerOrgId: string;

  @Column({ type: 'varchar', length: 200 })
  issuerName: string;

  @Column({ type: 'char', length: 4 })
  issuerCode: string;

  @Column({ type: 'date' })
  issueDate: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CertificateKind;

  @Column({ type: 'uuid', nullable: true })
  sourceDeclarationId: string | null;

  /** Idempotency key of the issuance (e.g. `decl:<id>` or `hist:<applicationId>`); unique when set. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  issueKey: string | null;

  @Column({ type: 'varchar', length: 16, default: 'valid' })
  status: CertificateStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'boolean', default: true })
  hasECertificate: boolean;

  @Column({ type: 'text' })
  signature: string;

  @Column({ type: 'int', default: 1 })
  signedPayloadVersion: number;

  /** P-05 electronic seal: the issuing authority's seal (`certificate_seals`), key, time and the SM2 signature over TBS_Sign. */
  @Column({ type: 'uuid', nullable: true })
  sealId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sealKeyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sealedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  sealSignature: string | null;

  /** P-05 QR: the signed payload JSON (see `encodeQrPayload`) and its SM2 signature (base64 DER). */
  @Column({ type: 'text', nullable: true })
  qrPayload: string | null;

  @Column({ type: 'text', nullable: true })
  qrSignature: string | null;

  @Column({ type: 'varchar', length: 16, default: 'unreported' })
  reportedStatus: ReportedStatus;

  /** the ministry's answer to the last attempt (failed), when it was accepted, and how many attempts. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reportError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  reportAttempts: number;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

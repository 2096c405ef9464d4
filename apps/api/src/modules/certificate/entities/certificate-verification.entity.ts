import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type VerificationChannel = 'qr' | 'number' | 'name_id' | 'grant' | 'ofd';

/**
 * H-15: one verification of a certificate (who looked, how, when), shown to its holder. The requester's address is
 * stored masked only (IPv4 a.b.*.*, IPv6 the first two groups).
 */
@Entity('certificate_verifications')
@Index('idx_certificate_verifications_cert_time', ['certificateId', 'createdAt'])
export class CertificateVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  certificateId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: VerificationChannel;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requesterMasked: string | null;

  @Column({ type: 'uuid', nullable: true })
  grantId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * H-15: a verification grant the holder gives a third party (purpose, validity ≤ 90 days, revocable). Its code alone
 * lets the third party verify that one certificate while the grant is valid.
 */
@Entity('certificate_verification_grants')
@Index('uq_certificate_verification_grants_code', ['code'], { unique: true })
@Index('idx_certificate_verification_grants_cert', ['certificateId'])
export class CertificateVerificationGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  certificateId: string;

  @Column({ type: 'uuid' })
  holderUserId: string;

  @Column({ type: 'varchar', length: 100 })
  purpose: string;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

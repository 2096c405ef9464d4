import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '@zhicheng/contracts';
import { Organisation } from '../../organisations/entities/organisation.entity.js';

/**
 * A person (applicant) or a back-office account. ID card and mobile numbers are stored SM4-encrypted,
 * with an HMAC-SM3 blind index for exact lookup and uniqueness.
 */
@Entity('users')
@Index('idx_users_organisation', ['organisationId'])
@Index('idx_users_mobile_hash', ['mobileHash'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation | null;

  @Column({ type: 'varchar', length: 64 })
  realName: string;

  @Column({ type: 'text', nullable: true })
  idCardEnc: string | null;

  @Index('uq_users_id_card_hash', { unique: true, where: 'id_card_hash IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  idCardHash: string | null;

  @Column({ type: 'text', nullable: true })
  mobileEnc: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  mobileHash: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  contactPerson: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  totpSecretEnc: string | null;

  @Column({ type: 'boolean', default: false })
  mfaEnabled: boolean;

  /** The last accepted TOTP time step (30 s since the epoch): a code of that step or an earlier one is refused. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  totpLastStep: number | null;

  /** Issue 13: the hall's login asks for an SMS code to the mobile on file after the password. */
  @Column({ type: 'boolean', default: false })
  loginSmsEnabled: boolean;

  /** Issue 13: set for an account an administrator created (with a password the administrator chose). */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'disabled';

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

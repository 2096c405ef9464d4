import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * P-05: the electronic seal (SES_Seal, GB/T 38540) of an issuing authority for one signing key, made once by the seal
 * maker and then used for every certificate that authority issues with that key. Old rows stay after a key rotation,
 * so certificates sealed before still rebuild and verify.
 */
@Entity('certificate_seals')
@Index('uq_certificate_seals_issuer_key', ['issuerCode', 'keyId'], { unique: true })
export class CertificateSeal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 4 })
  issuerCode: string;

  @Column({ type: 'varchar', length: 32 })
  keyId: string;

  @Column({ type: 'varchar', length: 200 })
  authorityName: string;

  @Column({ type: 'bytea' })
  sealDer: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

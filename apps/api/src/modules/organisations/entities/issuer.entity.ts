import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A certificate issuer (发证单位) with its 4-digit issuer code. */
@Entity('issuers')
export class Issuer {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Index('uq_issuers_code', { unique: true })
  @Column({ type: 'char', length: 4 })
  issuerCode: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * the number pool per issuer code and year. `next_seq` is taken with one atomic
 * `UPDATE … SET next_seq = next_seq + 1 … RETURNING`, so concurrent issuers never get the same sequence;
 * when `next_seq` passes `end_seq` the pool is extended by `extend_by` in the same statement.
 * The unique index on `certificates.certificate_no` is the final guarantee.
 */
@Entity('certificate_number_pools')
export class CertificateNumberPool {
  @PrimaryColumn({ type: 'char', length: 4 })
  issuerCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', default: 1 })
  startSeq: number;

  @Column({ type: 'int', default: 1 })
  nextSeq: number;

  @Column({ type: 'int', default: 99999 })
  endSeq: number;

  @Column({ type: 'int', default: 10000 })
  extendBy: number;
}

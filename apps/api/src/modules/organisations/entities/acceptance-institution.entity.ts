import { Column, Entity, PrimaryColumn } from 'typeorm';

/** an acceptance institution (受理机构) for 初定/认定: the name printed on certificates and its notice. */
@Entity('acceptance_institutions')
export class AcceptanceInstitution {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 200 })
  certificateName: string;

  @Column({ type: 'text', nullable: true })
  declarationNotice: string | null;
}

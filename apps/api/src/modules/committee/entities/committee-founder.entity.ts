import { Entity, Index, PrimaryColumn } from 'typeorm';

/** A committee's founding units (组建单位). */
@Entity('committee_founders')
@Index('idx_committee_founders_org', ['organisationId'])
export class CommitteeFounder {
  @PrimaryColumn({ type: 'uuid' })
  committeeId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;
}

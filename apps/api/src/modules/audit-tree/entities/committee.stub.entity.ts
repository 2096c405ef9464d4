import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CommitteeClass } from '@zhicheng/contracts';

/*
 * TEMPORARY STUB (migration CommitteeTablesStub). The reference-data module owns `committees` and
 * `committee_professions`; these classes exist only so this branch can migrate, seed and test.
 * At merge: drop this file, the CommitteeTablesStub migration and their two ENTITIES entries.
 * The audit tree reads these tables only through CommitteeFacts (../committee-facts.ts).
 */
@Entity('committees')
export class CommitteeStub {
  @PrimaryColumn('uuid')
  organisationId: string;

  @Column({ type: 'varchar', length: 16 })
  committeeClass: CommitteeClass;

  @Column({ type: 'boolean', default: false })
  issuingDelegated: boolean;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;
}

@Entity('committee_professions')
@Index('idx_committee_professions_committee', ['committeeId', 'professionCode', 'titleLevel', 'seriesCode'])
export class CommitteeProfessionStub {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 32 })
  professionCode: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: string;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;
}

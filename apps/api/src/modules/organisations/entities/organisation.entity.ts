import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AdminLevel, OrgType, UnitNature } from '@zhicheng/contracts';

/**
 * Every organisation of DOMAIN §3: units, supervising departments, title offices, acceptance
 * institutions, committees and issuers. Scope follows the region code: a title office whose
 * region is 3201 (a city) sees every organisation whose region starts with 3201.
 */
@Entity('organisations')
@Index('idx_organisations_region', ['regionCode'])
@Index('idx_organisations_type_region', ['type', 'regionCode'])
// Fuzzy name search: a pg_trgm GIN index created by a hand-written migration (TypeORM cannot express operator classes).
@Index('idx_organisations_name_trgm', { synchronize: false })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  type: OrgType;

  /** GB/T 2260 six-digit code. */
  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** Administrative level (province / city / county) for offices, departments and committees. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  level: AdminLevel | null;

  /** Unified social credit code, for units. Unique when present. */
  @Index('uq_organisations_credit_code', { unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  nature: UnitNature | null;

  /** The unit may run title work (U-02 approved). */
  @Column({ type: 'boolean', default: false })
  permitted: boolean;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'deregistered';

  @Column({ type: 'text', nullable: true })
  deregisterReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

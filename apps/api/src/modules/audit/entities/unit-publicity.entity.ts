import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** U-04: a unit's publicity (公示) of its applicants for a period; listed publicly (P-02) while it runs. */
@Entity('unit_publicities')
@Index('idx_unit_publicities_org', ['organisationId', 'createdAt'])
@Index('idx_unit_publicities_period', ['endsOn', 'startsOn'])
export class UnitPublicity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The declarations shown in one publicity. */
@Entity('unit_publicity_items')
@Index('idx_unit_publicity_items_declaration', ['declarationId'])
export class UnitPublicityItem {
  @PrimaryColumn({ type: 'uuid' })
  publicityId: string;

  @PrimaryColumn({ type: 'uuid' })
  declarationId: string;
}

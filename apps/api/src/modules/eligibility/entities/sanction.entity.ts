import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * H-14: a disciplinary sanction (处分) of a person, recorded by their unit or a title office with its period; it
 * blocks declaring during the period. Identified by the ID card's blind index (the number is stored encrypted).
 */
@Entity('sanctions')
@Index('idx_sanctions_id_hash', ['idCardHash', 'status'])
@Index('idx_sanctions_org', ['organisationId', 'createdAt'])
export class Sanction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  realName: string;

  @Column({ type: 'text' })
  idCardEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idCardHash: string;

  /** 警告, 记过, 降低岗位等级, 撤职, 开除 … */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'lifted';

  @Column({ type: 'varchar', length: 500, nullable: true })
  liftReason: string | null;

  /** The unit or title office that recorded it (scope). */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeclarationStatus } from '@zhicheng/contracts';

/** The append-only timeline of a declaration (H-08 progress): one row per transition. */
@Entity('declaration_events')
@Index('idx_declaration_events_declaration', ['declarationId', 'createdAt'])
// U-13: what a node did and when (the usual wait at a node)
@Index('idx_declaration_events_actor_org', ['actorOrgId', 'createdAt'])
// 本年退回 (issue 15): the returns a node made this year, read with every queue page
@Index('idx_declaration_events_returns_by_org', ['actorOrgId', 'createdAt'], { where: "action IN ('return', 'return_for_supplement')" })
export class DeclarationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  declarationId: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrgId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromStatus: DeclarationStatus | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  toStatus: DeclarationStatus | null;

  @Column({ type: 'int', nullable: true })
  fromStage: number | null;

  @Column({ type: 'int', nullable: true })
  toStage: number | null;

  @Column({ type: 'text', nullable: true })
  opinion: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

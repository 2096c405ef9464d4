import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * the security policy the 安全管理员 sets (one row, id 1). A column left null falls back to the deployment's
 * default (LIMITS for the lockout, SESSION_IDLE_MINUTES / SESSION_ABSOLUTE_HOURS for sessions).
 */
@Entity('security_policy')
export class SecurityPolicy {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'smallint', nullable: true })
  loginMaxFailures: number | null;

  @Column({ type: 'smallint', nullable: true })
  loginLockMinutes: number | null;

  @Column({ type: 'smallint', nullable: true })
  sessionIdleMinutes: number | null;

  @Column({ type: 'smallint', nullable: true })
  sessionAbsoluteHours: number | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

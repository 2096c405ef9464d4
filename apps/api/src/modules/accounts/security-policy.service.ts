import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LIMITS, type SecurityPolicyView } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { SecurityPolicy } from './entities/security-policy.entity.js';
import type { UpdateSecurityPolicyDto } from './dto/security-policy.dto.js';

export type EffectiveSecurityPolicy = Omit<SecurityPolicyView, 'defaults' | 'updatedAt'>;

/**
 * the security policy of the deployment, set by the 安全管理员 in one row of the database (so every API process
 * reads the same), each value falling back to the deployment's default. Read on each sign-in and each refresh —
 * never on the access-token path.
 */
@Injectable()
export class SecurityPolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  defaults(): EffectiveSecurityPolicy {
    return {
      loginMaxFailures: LIMITS.loginMaxFailures,
      loginLockMinutes: LIMITS.loginLockMinutes,
      sessionIdleMinutes: this.config.auth.sessionIdleMinutes,
      sessionAbsoluteHours: this.config.auth.sessionAbsoluteHours,
    };
  }

  async current(manager: EntityManager = this.ds.manager): Promise<EffectiveSecurityPolicy> {
    const row = await manager.findOne(SecurityPolicy, { where: { id: 1 } });
    return this.effective(row);
  }

  private effective(row: SecurityPolicy | null): EffectiveSecurityPolicy {
    const d = this.defaults();
    return {
      loginMaxFailures: row?.loginMaxFailures ?? d.loginMaxFailures,
      loginLockMinutes: row?.loginLockMinutes ?? d.loginLockMinutes,
      sessionIdleMinutes: row?.sessionIdleMinutes ?? d.sessionIdleMinutes,
      sessionAbsoluteHours: row?.sessionAbsoluteHours ?? d.sessionAbsoluteHours,
    };
  }

  async view(): Promise<SecurityPolicyView> {
    const row = await this.ds.manager.findOne(SecurityPolicy, { where: { id: 1 } });
    return { ...this.effective(row), defaults: this.defaults(), updatedAt: row ? row.updatedAt.toISOString() : null };
  }

  /** Sets the policy (audited with the values before and after); applies from the next sign-in or refresh on. */
  async update(actor: AuthUser, dto: UpdateSecurityPolicyDto): Promise<SecurityPolicyView> {
    await this.ds.transaction(async (m) => {
      const before = await this.current(m);
      await m.upsert(
        SecurityPolicy,
        {
          id: 1,
          loginMaxFailures: dto.loginMaxFailures,
          loginLockMinutes: dto.loginLockMinutes,
          sessionIdleMinutes: dto.sessionIdleMinutes,
          sessionAbsoluteHours: dto.sessionAbsoluteHours,
          updatedBy: actor.id,
        },
        ['id'],
      );
      const after = await this.current(m);
      await this.audit.record({ actor, action: 'security_policy.update', targetType: 'security_policy', targetId: '1', before: { ...before }, after: { ...after } }, m);
    });
    return this.view();
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { requestContext } from '../../common/request-context.js';
import { AuditRecorder, type AuditEntry } from '../../common/audit/audit-recorder.js';
import { AuditLog } from './entities/audit-log.entity.js';

export type { AuditEntry };

/** writes one audit-log row per state change, inside the caller's transaction when given. */
@Injectable()
export class AuditLogService implements AuditRecorder {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  async record(entry: AuditEntry, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.insert(AuditLog, {
      userId: entry.actor?.id ?? null,
      organisationId: entry.actor?.organisationId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      // jsonb columns: TypeORM's deep-partial typing does not fit free-form records.
      before: (entry.before ?? null) as never,
      after: (entry.after ?? null) as never,
      ip: requestContext.getStore()?.ip ?? null,
    });
  }

  async list(user: AuthUser, q: { page: number; pageSize: number; action?: string; targetType?: string; targetId?: string }) {
    const qb = this.ds
      .getRepository(AuditLog)
      .createQueryBuilder('l')
      .leftJoin('organisations', 'o', 'o.id = l.organisation_id');
    this.access.scopeQuery(qb, user, { orgId: 'l.organisation_id', regionCode: 'o.region_code' });
    if (q.action) qb.andWhere('l.action = :action', { action: q.action });
    if (q.targetType) qb.andWhere('l.target_type = :tt', { tt: q.targetType });
    if (q.targetId) qb.andWhere('l.target_id = :tid', { tid: q.targetId });
    qb.orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}

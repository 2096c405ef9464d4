import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../../common/request-context.js';
import { AuditRecorder, type AuditEntry } from '../../common/audit/audit-recorder.js';
import { AuditLog } from './entities/audit-log.entity.js';

export type { AuditEntry };

/** writes one audit-log row per state change, inside the caller's transaction when given. */
@Injectable()
export class AuditLogService implements AuditRecorder {
  constructor(private readonly ds: DataSource) {}

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
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { requestContext } from '../../common/request-context.js';
import { AuditRecorder, type AuditEntry } from '../../common/audit/audit-recorder.js';
import { AuditLog } from './entities/audit-log.entity.js';
import { auditActionLabel } from '@zhicheng/contracts';

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

  /**
   * X-02 list (issue 13): every actor's rows, applicants' included. An applicant acts for no organisation: their rows
   * count under the unit of their latest declaration, and a province office also sees the rows of applicants who have
   * none yet. Each row names the actor (name, account, organisation). Paged on the server, newest first.
   */
  async list(user: AuthUser, q: { page: number; pageSize: number; action?: string; targetType?: string; targetId?: string }) {
    const prefix = this.access.regionPrefix(user);
    const params: unknown[] = [user.organisationId, prefix ? `${prefix}%` : null, prefix?.length === 2];
    const where: string[] = [
      `(e.org_id = $1 OR ($2::text IS NOT NULL AND o.region_code LIKE $2) OR ($3::boolean AND e.org_id IS NULL))`,
    ];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.action) add('l.action = ?', q.action);
    if (q.targetType) add('l.target_type = ?', q.targetType);
    if (q.targetId) add('l.target_id = ?', q.targetId);
    const from = `FROM audit_logs l
      LEFT JOIN users u ON u.id = l.user_id
      CROSS JOIN LATERAL (SELECT COALESCE(l.organisation_id,
        (SELECT d.unit_org_id FROM declarations d WHERE d.applicant_user_id = l.user_id ORDER BY d.created_at DESC LIMIT 1)) AS org_id) e
      LEFT JOIN organisations o ON o.id = e.org_id
      WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total ${from}`, params)) as { total: number }[];
    params.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT l.id, l.user_id, l.organisation_id, l.action, l.target_type, l.target_id, l.before, l.after, l.ip, l.created_at,
              u.real_name, u.username, o.name AS organisation_name
         ${from} ORDER BY l.created_at DESC, l.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const items = rows.map((r) => ({
      id: String(r.id),
      userId: r.user_id,
      organisationId: r.organisation_id,
      action: r.action,
      actionLabel: auditActionLabel(r.action as string),
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
      createdAt: new Date(r.created_at as string).toISOString(),
      actorName: r.real_name ?? null,
      actorUsername: r.username ?? null,
      organisationName: r.organisation_name ?? null,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}

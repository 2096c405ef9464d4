import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { addDays, auditActionLabel, auditFieldChanges, chinaDateTime, chinaDayStart, formatAuditChanges } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';

/** The list's filters: action, target, actor account, China calendar dates `from`..`to` (both inclusive). */
export interface AuditLogFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/**
 * X-02 (issue 13): reading the audit log — the paged list and its streamed xlsx export share one WHERE, so an export
 * holds exactly the rows the list shows. Separate from `AuditLogService` (the writer), which the Excel service needs.
 */
@Injectable()
export class AuditLogQueryService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly excel: ExcelService,
  ) {}

  /**
   * Every actor's rows, applicants' included. An applicant acts for no organisation: their rows count under the unit of
   * their latest declaration, and a province office also sees the rows of applicants who have none yet.
   */
  private from(user: AuthUser, q: AuditLogFilter): { from: string; params: unknown[] } {
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
    if (q.actor) add('u.username = ?', q.actor);
    if (q.from) add('l.created_at >= ?', chinaDayStart(q.from));
    if (q.to) add('l.created_at < ?', chinaDayStart(addDays(q.to, 1)));
    const from = `FROM audit_logs l
      LEFT JOIN users u ON u.id = l.user_id
      CROSS JOIN LATERAL (SELECT COALESCE(l.organisation_id,
        (SELECT d.unit_org_id FROM declarations d WHERE d.applicant_user_id = l.user_id ORDER BY d.created_at DESC LIMIT 1)) AS org_id) e
      LEFT JOIN organisations o ON o.id = e.org_id
      WHERE ${where.join(' AND ')}`;
    return { from, params };
  }

  private async rows(from: string, params: unknown[], limit: number, offset: number) {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT l.id, l.user_id, l.organisation_id, l.action, l.target_type, l.target_id, l.before, l.after, l.ip, l.created_at,
              u.real_name, u.username, o.name AS organisation_name
         ${from} ORDER BY l.created_at DESC, l.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return rows.map((r) => ({
      id: String(r.id),
      userId: r.user_id as string | null,
      organisationId: r.organisation_id as string | null,
      action: r.action as string,
      actionLabel: auditActionLabel(r.action as string),
      targetType: r.target_type as string,
      targetId: r.target_id as string | null,
      before: r.before,
      after: r.after,
      changes: auditFieldChanges(r.before, r.after),
      ip: r.ip as string | null,
      createdAt: new Date(r.created_at as string).toISOString(),
      actorName: (r.real_name ?? null) as string | null,
      actorUsername: (r.username ?? null) as string | null,
      organisationName: (r.organisation_name ?? null) as string | null,
    }));
  }

  /** Paged on the server, newest first; each row names the actor and lists its changed fields. */
  async list(user: AuthUser, q: AuditLogFilter & { page: number; pageSize: number }) {
    const { from, params } = this.from(user, q);
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total ${from}`, params)) as { total: number }[];
    const items = await this.rows(from, params, q.pageSize, (q.page - 1) * q.pageSize);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** The same filtered rows as the list, streamed as xlsx; values already masked by `auditFieldChanges`. */
  async export(user: AuthUser, q: AuditLogFilter, reply: FastifyReply) {
    const { from, params } = this.from(user, q);
    const rows = paged((offset, limit) => this.rows(from, params, limit, offset));
    async function* mapped() {
      for await (const r of rows) {
        yield {
          createdAt: chinaDateTime(new Date(r.createdAt)),
          actorName: r.actorName ?? '',
          actorUsername: r.actorUsername ?? '',
          organisationName: r.organisationName ?? '',
          action: r.actionLabel,
          target: r.targetId ? `${r.targetType} ${r.targetId}` : r.targetType,
          changes: formatAuditChanges(r.changes),
          ip: r.ip ?? '',
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '操作日志.xlsx',
      [
        { key: 'createdAt', header: '时间', width: 18 },
        { key: 'actorName', header: '操作人', width: 12 },
        { key: 'actorUsername', header: '账号', width: 16 },
        { key: 'organisationName', header: '所属机构', width: 28 },
        { key: 'action', header: '操作', width: 16 },
        { key: 'target', header: '对象', width: 30 },
        { key: 'changes', header: '变更内容', width: 48 },
        { key: 'ip', header: '地址', width: 16 },
      ],
      mapped(),
    );
  }
}

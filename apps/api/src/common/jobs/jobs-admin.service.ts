import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';
import { assertJobsAdmin } from '../../modules/notices/delivery/message-delivery.service.js';
import { AuditLogService } from '../../modules/audit-log/audit-log.service.js';
import { JOBS_SCHEMA, JobsService } from './jobs.service.js';

export const JOB_STATE_LABELS: Record<string, string> = {
  created: '排队中',
  retry: '等待重试',
  active: '运行中',
  completed: '已完成',
  cancelled: '已取消',
  failed: '失败',
};

/** X-06 后台任务: the administrator's view of the queues and their jobs, and retrying a failed job. */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
  ) {}

  async queues(user: AuthUser) {
    assertJobsAdmin(user);
    const defs = this.jobs.definitions();
    const counts = (await this.ds.query(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name, state`,
      [defs.map((d) => d.name)],
    )) as { name: string; state: string; n: number }[];
    const schedules = (await this.ds.query(`SELECT name, cron, timezone FROM ${JOBS_SCHEMA}.schedule`)) as { name: string; cron: string; timezone: string }[];
    return {
      items: defs.map((d) => {
        const c = (s: string) => counts.find((x) => x.name === d.name && x.state === s)?.n ?? 0;
        const sch = schedules.find((s) => s.name === d.name);
        return {
          name: d.name,
          label: d.label,
          schedule: sch ? `${sch.cron}（${sch.timezone}）` : null,
          queued: c('created') + c('retry'),
          active: c('active'),
          failed: c('failed'),
          completed: c('completed'),
        };
      }),
    };
  }

  async list(user: AuthUser, q: { page: number; pageSize: number; state?: string; queue?: string }) {
    assertJobsAdmin(user);
    const names = this.jobs.definitions().map((d) => d.name);
    const where = ['name = ANY($1::text[])'];
    const params: unknown[] = [q.queue ? [q.queue] : names];
    if (q.state) {
      params.push(q.state);
      where.push(`state::text = $${params.length}`);
    }
    const w = where.join(' AND ');
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE ${w}`, params)) as { n: number }[];
    const rows = (await this.ds.query(
      `SELECT id, name, state::text AS state, retry_count, retry_limit, data, output, created_on, started_on, completed_on, start_after
         FROM ${JOBS_SCHEMA}.job WHERE ${w} ORDER BY created_on DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, (q.page - 1) * q.pageSize, q.pageSize],
    )) as { id: string; name: string; state: string; retry_count: number; retry_limit: number; data: unknown; output: unknown; created_on: Date; started_on: Date | null; completed_on: Date | null; start_after: Date }[];
    const labels = new Map(this.jobs.definitions().map((d) => [d.name, d.label]));
    return {
      items: rows.map((r) => ({
        id: r.id,
        queue: r.name,
        queueLabel: labels.get(r.name) ?? r.name,
        state: r.state,
        stateLabel: JOB_STATE_LABELS[r.state] ?? r.state,
        attempts: r.state === 'created' ? r.retry_count : r.retry_count + 1,
        maxAttempts: r.retry_limit + 1,
        error: r.state === 'completed' ? null : errorOf(r.output),
        data: summary(r.data),
        createdAt: new Date(r.created_on).toISOString(),
        startedAt: r.started_on ? new Date(r.started_on).toISOString() : null,
        completedAt: r.completed_on ? new Date(r.completed_on).toISOString() : null,
        startAfter: new Date(r.start_after).toISOString(),
      })),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** 重试: a failed job goes back to the queue with its attempts reset. */
  async retry(user: AuthUser, id: string) {
    assertJobsAdmin(user);
    const [job] = (await this.ds.query(`SELECT name, state::text AS state FROM ${JOBS_SCHEMA}.job WHERE id = $1`, [id])) as { name: string; state: string }[];
    if (!job || !this.jobs.definitions().some((d) => d.name === job.name)) throw AppException.notFound('后台任务');
    if (job.state !== 'failed') throw AppException.conflict('只有失败的任务可以重试');
    const boss = await this.jobs.queue();
    await boss.retry(job.name, id);
    await this.audit.record({ actor: user, action: 'job.retry', targetType: 'job', targetId: id, before: { state: 'failed' }, after: { state: 'retry', queue: job.name } });
    return { id, state: 'retry', stateLabel: JOB_STATE_LABELS.retry };
  }
}

function errorOf(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  const m = typeof o.message === 'string' ? o.message : typeof o.value?.message === 'string' ? o.value.message : null;
  return m ? m.slice(0, 500) : null;
}

/** The job's parameters as a short line (ids only; jobs carry no personal data). */
function summary(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('，')
    .slice(0, 200);
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import {
  DASHBOARD_FLOW_DAYS,
  DASHBOARD_SLOWEST,
  DASHBOARD_TOP_REASONS,
  DECLARATION_STATUS_LABELS,
  IN_FLOW_STATUSES,
  MODULE_BY_KEY,
  addDays,
  daysBetween,
  returnReasonLabel,
  waitStats,
  type DeclarationStatus,
  type FlowDay,
  type Page,
  type ReturnNode,
  type TitleLevel,
  type WaitingDashboard,
  type WaitingDeclaration,
  type WaitingNode,
} from '@zhicheng/contracts';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { ExcelService } from '../../common/excel/excel.service.js';
import type { WaitingDeclarationsQueryDto, WaitingQueryDto } from './dto/dashboard.dto.js';
import { DashboardSnapshotService } from './dashboard-snapshot.service.js';

/** 立即刷新 rebuilds the snapshot at most this often, whoever asks. */
export const DASHBOARD_MANUAL_REFRESH_SECONDS = 10;

/** The applicant's "node" when a declaration is returned to them for correction. */
const AT_APPLICANT = '申报人（退回修改）';

/**
 * A-30 where-is-it-waiting: reads the per-minute snapshot (DashboardSnapshotService) within the reader's scope
 * (AccessService.declarationScopeSql) — waiting counts and days per node, the slowest nodes, returns per node with
 * their top reasons and repeat share, the daily flow — and lists the declarations behind a figure live.
 */
@Injectable()
export class WaitingDashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly clock: ClockService,
    private readonly excel: ExcelService,
    private readonly snapshot: DashboardSnapshotService,
  ) {}

  /** The snapshot rows of the query in the user's scope: `WHERE` text over alias `s`, with its parameters. */
  private where(user: AuthUser, q: WaitingQueryDto, node?: string): { sql: string; params: unknown[] } {
    const params: unknown[] = [q.batchId];
    const where = ['s.batch_id = $1'];
    if (q.titleLevel) {
      params.push(q.titleLevel);
      where.push(`s.title_level = $${params.length}`);
    }
    if (q.seriesCode) {
      params.push(q.seriesCode);
      where.push(`s.series_code = $${params.length}`);
    }
    where.push(
      this.access.declarationScopeSql(user, params, {
        regionCode: 's.region_code',
        committeeId: 's.committee_id',
        supervisingDeptId: 's.supervising_dept_id',
        ...(node ? { nodeOrgId: node } : {}),
      }),
    );
    return { sql: where.join(' AND '), params };
  }

  /** The batches with declarations on their way in the user's scope, newest first. */
  async batches(user: AuthUser): Promise<{ id: string; name: string; year: number }[]> {
    await this.ensureSnapshot();
    const params: unknown[] = [];
    const scope = this.access.declarationScopeSql(user, params, {
      regionCode: 's.region_code',
      committeeId: 's.committee_id',
      supervisingDeptId: 's.supervising_dept_id',
      nodeOrgId: 's.current_org_id',
    });
    return this.ds.query(
      `SELECT b.id, b.name, b.year FROM batches b
        WHERE EXISTS (SELECT 1 FROM dashboard_waiting s WHERE s.batch_id = b.id AND ${scope})
        ORDER BY b.year DESC, b.created_at DESC LIMIT 100`,
      params,
    );
  }

  async waiting(user: AuthUser, q: WaitingQueryDto): Promise<WaitingDashboard> {
    const today = this.clock.today();
    const refreshedAt = await this.ensureSnapshot();

    const w = this.where(user, q, 's.current_org_id');
    const waitRows = (await this.ds.query(
      `SELECT s.current_org_id AS org, s.status, min(s.stage)::int AS stage, s.entered_on::text AS entered_on, sum(s.n)::int AS n
         FROM dashboard_waiting s WHERE ${w.sql}
        GROUP BY s.current_org_id, s.status, s.entered_on`,
      w.params,
    )) as { org: string | null; status: DeclarationStatus; stage: number; entered_on: string; n: number }[];

    const r = this.where(user, q, 's.from_org_id');
    const returnRows = (await this.ds.query(
      `SELECT s.from_org_id AS org, sum(s.declarations)::int AS declarations, sum(s.repeated)::int AS repeated, sum(s.returns)::int AS returns
         FROM dashboard_returns s WHERE ${r.sql} GROUP BY s.from_org_id`,
      r.params,
    )) as { org: string; declarations: number; repeated: number; returns: number }[];
    const reasonRows = (await this.ds.query(
      `SELECT s.from_org_id AS org, s.module_key, sum(s.n)::int AS n
         FROM dashboard_return_reasons s WHERE ${r.sql} GROUP BY s.from_org_id, s.module_key`,
      r.params,
    )) as { org: string; module_key: string; n: number }[];

    const f = this.where(user, q);
    const flowRows = (await this.ds.query(
      `SELECT s.day::text AS day, sum(s.submitted)::int AS submitted, sum(s.passed)::int AS passed
         FROM dashboard_flow s WHERE ${f.sql} GROUP BY s.day`,
      f.params,
    )) as FlowDay[];

    const names = await this.orgNames([...waitRows.map((x) => x.org), ...returnRows.map((x) => x.org)]);

    const groups = new Map<string, { org: string | null; status: DeclarationStatus; stage: number; bins: { days: number; n: number }[] }>();
    for (const row of waitRows) {
      const key = `${row.org ?? ''}|${row.status}`;
      const g = groups.get(key) ?? { org: row.org, status: row.status, stage: row.stage, bins: [] };
      g.stage = Math.min(g.stage, row.stage);
      g.bins.push({ days: Math.max(0, daysBetween(row.entered_on, today)), n: row.n });
      groups.set(key, g);
    }
    const nodes: WaitingNode[] = [...groups.values()]
      .map((g) => {
        const s = waitStats(g.bins);
        return {
          orgId: g.org,
          orgName: g.org ? (names.get(g.org) ?? '') : AT_APPLICANT,
          status: g.status,
          statusLabel: DECLARATION_STATUS_LABELS[g.status],
          stage: g.stage,
          count: s.count,
          medianDays: s.medianDays,
          p90Days: s.p90Days,
          longestDays: Math.max(...g.bins.map((b) => b.days)),
        };
      })
      .sort((a, b) => a.stage - b.stage || b.count - a.count || a.orgName.localeCompare(b.orgName, 'zh'));
    const slowest = [...nodes]
      .sort((a, b) => b.medianDays - a.medianDays || b.longestDays - a.longestDays || b.count - a.count)
      .slice(0, DASHBOARD_SLOWEST);

    const reasons = new Map<string, { moduleKey: string; label: string; count: number }[]>();
    for (const row of reasonRows) {
      const list = reasons.get(row.org) ?? [];
      list.push({ moduleKey: row.module_key, label: returnReasonLabel(row.module_key, MODULE_BY_KEY[row.module_key]?.name), count: row.n });
      reasons.set(row.org, list);
    }
    const returns: ReturnNode[] = returnRows
      .map((x) => ({
        orgId: x.org,
        orgName: names.get(x.org) ?? '',
        declarations: x.declarations,
        returns: x.returns,
        repeatShare: x.declarations ? Math.round((x.repeated / x.declarations) * 1000) / 1000 : 0,
        topReasons: (reasons.get(x.org) ?? [])
          .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))
          .slice(0, DASHBOARD_TOP_REASONS),
      }))
      .sort((a, b) => b.returns - a.returns || a.orgName.localeCompare(b.orgName, 'zh'));

    const byDay = new Map(flowRows.map((x) => [x.day, x]));
    const flow: FlowDay[] = [];
    for (let i = DASHBOARD_FLOW_DAYS - 1; i >= 0; i--) {
      const day = addDays(today, -i);
      flow.push({ day, submitted: byDay.get(day)?.submitted ?? 0, passed: byDay.get(day)?.passed ?? 0 });
    }

    return {
      refreshedAt: refreshedAt.toISOString(),
      total: nodes.reduce((s, n) => s + n.count, 0),
      nodes,
      slowest,
      returns,
      flow,
    };
  }

  /** Before the first scheduled rebuild (a new installation) the first view builds the snapshot. */
  private async ensureSnapshot(): Promise<Date> {
    return (await this.snapshot.refreshedAt()) ?? (await this.snapshot.refresh());
  }

  /** 立即刷新: rebuilds the snapshot unless it is a few seconds old; answers when it was taken. */
  async refreshNow(): Promise<{ refreshedAt: string }> {
    return { refreshedAt: (await this.snapshot.refresh(DASHBOARD_MANUAL_REFRESH_SECONDS)).toISOString() };
  }

  private async orgNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows = (await this.ds.query('SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])', [unique])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((x) => [x.id, x.name]));
  }

  /** The declarations behind a figure, read live (the snapshot may be up to a minute old), longest waiting first. */
  async declarations(user: AuthUser, q: WaitingDeclarationsQueryDto): Promise<Page<WaitingDeclaration>> {
    const params: unknown[] = [q.batchId, IN_FLOW_STATUSES];
    const where = ['d.batch_id = $1', 'd.status = ANY($2::text[])'];
    if (q.titleLevel) {
      params.push(q.titleLevel);
      where.push(`d.title_level = $${params.length}`);
    }
    if (q.seriesCode) {
      params.push(q.seriesCode);
      where.push(`d.series_code = $${params.length}`);
    }
    if (q.atApplicant) where.push('d.current_org_id IS NULL');
    else if (q.orgId) {
      params.push(q.orgId);
      where.push(`d.current_org_id = $${params.length}`);
    }
    if (q.status) {
      params.push(q.status);
      where.push(`d.status = $${params.length}`);
    }
    where.push(
      this.access.declarationScopeSql(user, params, {
        regionCode: 'd.region_code',
        committeeId: 'd.committee_id',
        supervisingDeptId: 'd.supervising_dept_id',
        nodeOrgId: 'd.current_org_id',
      }),
    );
    const sql = where.join(' AND ');
    const total = ((await this.ds.query(`SELECT count(*)::int AS n FROM declarations d WHERE ${sql}`, params)) as { n: number }[])[0]!.n;
    const rows = (await this.ds.query(
      `SELECT d.id, u.real_name, uo.name AS unit_name, t.name AS title_name, d.title_level, d.series_code, d.status,
              co.name AS org_name, d.stage_entered_at
         FROM declarations d
         JOIN users u ON u.id = d.applicant_user_id
         LEFT JOIN organisations uo ON uo.id = d.unit_org_id
         LEFT JOIN titles t ON t.id = d.title_id
         LEFT JOIN organisations co ON co.id = d.current_org_id
        WHERE ${sql}
        ORDER BY d.stage_entered_at, d.id
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as {
      id: string;
      real_name: string;
      unit_name: string | null;
      title_name: string | null;
      title_level: TitleLevel;
      series_code: string;
      status: DeclarationStatus;
      org_name: string | null;
      stage_entered_at: Date;
    }[];
    const today = this.clock.today();
    return {
      items: rows.map((x) => ({
        id: x.id,
        applicantName: x.real_name,
        unitName: x.unit_name ?? '',
        titleName: x.title_name ?? '',
        titleLevel: x.title_level,
        seriesCode: x.series_code,
        status: x.status,
        statusLabel: DECLARATION_STATUS_LABELS[x.status],
        orgName: x.org_name ?? AT_APPLICANT,
        since: new Date(x.stage_entered_at).toISOString(),
        days: Math.max(0, daysBetween(this.clock.dateOf(new Date(x.stage_entered_at)), today)),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The dashboard's node table and returns as .xlsx (one row per node and state, then one per returning node). */
  async export(user: AuthUser, q: WaitingQueryDto, reply: FastifyReply): Promise<void> {
    const d = await this.waiting(user, q);
    async function* rows() {
      for (const n of d.nodes) {
        yield {
          part: '在途',
          node: n.orgName,
          status: n.statusLabel,
          count: n.count,
          median: n.medianDays,
          p90: n.p90Days,
          longest: n.longestDays,
          returns: '',
          repeat: '',
          reasons: '',
        };
      }
      for (const r of d.returns) {
        yield {
          part: '退回',
          node: r.orgName,
          status: '',
          count: r.declarations,
          median: '',
          p90: '',
          longest: '',
          returns: r.returns,
          repeat: `${Math.round(r.repeatShare * 100)}%`,
          reasons: r.topReasons.map((x) => `${x.label}（${x.count}）`).join('、'),
        };
      }
    }
    await this.excel.streamXlsx(
      reply,
      '办件在哪儿.xlsx',
      [
        { key: 'part', header: '类别', width: 8 },
        { key: 'node', header: '节点', width: 32 },
        { key: 'status', header: '状态', width: 16 },
        { key: 'count', header: '申报数', width: 10 },
        { key: 'median', header: '停留天数中位数', width: 14 },
        { key: 'p90', header: '停留天数90%分位', width: 14 },
        { key: 'longest', header: '最长停留天数', width: 12 },
        { key: 'returns', header: '退回次数', width: 10 },
        { key: 'repeat', header: '多次退回占比', width: 12 },
        { key: 'reasons', header: '主要退回原因', width: 40 },
      ],
      rows(),
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import {
  DASHBOARD_FLOW_DAYS,
  DASHBOARD_NODE_ROWS,
  DASHBOARD_RETURN_ROWS,
  DASHBOARD_SLOWEST,
  DASHBOARD_TOP_REASONS,
  DECLARATION_STATUS_LABELS,
  IN_FLOW_STATUSES,
  MODULE_BY_KEY,
  addDays,
  daysBetween,
  returnReasonLabel,
  Role,
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
/** The name of a state's row over all nodes. */
const ALL_NODES = '全部节点';

/** One node's (or, with org null in `byStatus`, all nodes') waiting figures in one state. */
interface NodeFigures {
  org: string | null;
  status: DeclarationStatus;
  stage: number;
  count: number;
  medianDays: number;
  p90Days: number;
  longestDays: number;
}

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

  /**
   * Whether the user's scope holds every declaration of the batch on its way: its committee (or acceptance
   * institution) is the only one of the batch, or its title office's region holds all of the batch's regions.
   */
  private async coversWholeBatch(user: AuthUser, batchId: string): Promise<boolean> {
    const [b] = (await this.ds.query('SELECT committee_ids, region_min, region_max FROM dashboard_batch_scope WHERE batch_id = $1', [
      batchId,
    ])) as {
      committee_ids: string[];
      region_min: string;
      region_max: string;
    }[];
    if (!b || !user.organisationId) return false;
    const prefix = this.access.regionPrefix(user);
    if (prefix !== null) return b.region_min.startsWith(prefix) && b.region_max.startsWith(prefix);
    if (user.role === Role.CommitteeOperator || user.role === Role.AcceptanceOperator)
      return b.committee_ids.every((c) => c === user.organisationId);
    return false;
  }

  /**
   * A whole batch: the per-node figures computed at the rebuild — the first `limit` nodes along the path, the
   * slowest, the per-state rows and the node count, each read in order from the view's rows (no sorting in here).
   */
  private async wholeBatchNodes(q: WaitingQueryDto, limit: number | null): Promise<{ nodes: NodeFigures[]; slowest: NodeFigures[]; byStatus: NodeFigures[]; nodeCount: number }> {
    const cols = `current_org_id AS org, status, stage, n AS count, median_days AS "medianDays", p90_days AS "p90Days", longest_days AS "longestDays"`;
    const view = `FROM dashboard_node_stats WHERE batch_id = $1 AND title_level = $2 AND series_code = $3`;
    const p = [q.batchId, q.titleLevel ?? '', q.seriesCode ?? ''];
    const nodes = (await this.ds.query(`SELECT ${cols} ${view} AND NOT all_nodes ORDER BY stage, n DESC, current_org_id ${limit ? `LIMIT ${limit}` : ''}`, p)) as NodeFigures[];
    const slowest = (await this.ds.query(
      `SELECT ${cols} ${view} AND NOT all_nodes ORDER BY median_days DESC, longest_days DESC, n DESC, current_org_id LIMIT ${DASHBOARD_SLOWEST}`,
      p,
    )) as NodeFigures[];
    const byStatus = (await this.ds.query(`SELECT ${cols} ${view} AND all_nodes`, p)) as NodeFigures[];
    const [c] = (await this.ds.query(`SELECT count(*)::int AS n ${view} AND NOT all_nodes`, p)) as { n: number }[];
    return { nodes, slowest, byStatus, nodeCount: c!.n };
  }

  /** A narrower scope (a department, a city's office of a province-wide batch): the day histograms of its rows. */
  private async scopedNodes(
    user: AuthUser,
    q: WaitingQueryDto,
    today: string,
    limit: number | null,
  ): Promise<{ nodes: NodeFigures[]; slowest: NodeFigures[]; byStatus: NodeFigures[]; nodeCount: number }> {
    const w = this.where(user, q, 's.current_org_id');
    const rows = (await this.ds.query(
      `SELECT s.current_org_id AS org, s.status, min(s.stage)::int AS stage, s.entered_on::text AS entered_on, sum(s.n)::int AS n
         FROM dashboard_waiting s WHERE ${w.sql}
        GROUP BY s.current_org_id, s.status, s.entered_on`,
      w.params,
    )) as { org: string | null; status: DeclarationStatus; stage: number; entered_on: string; n: number }[];
    const figures = (keyOf: (r: (typeof rows)[number]) => string, orgOf: (r: (typeof rows)[number]) => string | null) => {
      const groups = new Map<
        string,
        { org: string | null; status: DeclarationStatus; stage: number; bins: { days: number; n: number }[] }
      >();
      for (const r of rows) {
        const g = groups.get(keyOf(r)) ?? { org: orgOf(r), status: r.status, stage: r.stage, bins: [] };
        g.stage = Math.min(g.stage, r.stage);
        g.bins.push({ days: Math.max(0, daysBetween(r.entered_on, today)), n: r.n });
        groups.set(keyOf(r), g);
      }
      return [...groups.values()].map((g): NodeFigures => {
        const st = waitStats(g.bins);
        return {
          org: g.org,
          status: g.status,
          stage: g.stage,
          count: st.count,
          medianDays: st.medianDays,
          p90Days: st.p90Days,
          longestDays: Math.max(...g.bins.map((x) => x.days)),
        };
      });
    };
    const all = figures((r) => `${r.org ?? ''}|${r.status}`, (r) => r.org);
    const along = [...all].sort((a, b) => a.stage - b.stage || b.count - a.count || (a.org ?? '').localeCompare(b.org ?? ''));
    const slowest = [...all].sort(
      (a, b) => b.medianDays - a.medianDays || b.longestDays - a.longestDays || b.count - a.count || (a.org ?? '').localeCompare(b.org ?? ''),
    );
    return {
      nodes: limit ? along.slice(0, limit) : along,
      slowest: slowest.slice(0, DASHBOARD_SLOWEST),
      byStatus: figures(
        (r) => r.status,
        () => null,
      ),
      nodeCount: all.length,
    };
  }

  /** The figures of a batch in the user's scope; `allRows` answers every node (the export) instead of the first ones. */
  async waiting(user: AuthUser, q: WaitingQueryDto, opts: { allRows?: boolean } = {}): Promise<WaitingDashboard> {
    const today = this.clock.today();
    const refreshedAt = await this.ensureSnapshot();
    const limit = opts.allRows ? null : DASHBOARD_NODE_ROWS;
    const figures = (await this.coversWholeBatch(user, q.batchId)) ? await this.wholeBatchNodes(q, limit) : await this.scopedNodes(user, q, today, limit);

    const r = this.where(user, q, 's.from_org_id');
    const returnRows = (await this.ds.query(
      `SELECT s.from_org_id AS org, sum(s.declarations)::int AS declarations, sum(s.repeated)::int AS repeated, sum(s.returns)::int AS returns
         FROM dashboard_returns s WHERE ${r.sql} GROUP BY s.from_org_id ORDER BY 4 DESC, 1`,
      r.params,
    )) as { org: string; declarations: number; repeated: number; returns: number }[];
    const shownReturns = opts.allRows ? returnRows : returnRows.slice(0, DASHBOARD_RETURN_ROWS);
    const reasonRows = (await this.ds.query(
      `SELECT s.from_org_id AS org, s.module_key, sum(s.n)::int AS n
         FROM dashboard_return_reasons s WHERE ${r.sql} AND s.from_org_id = ANY($${r.params.length + 1}::uuid[]) GROUP BY s.from_org_id, s.module_key`,
      [...r.params, shownReturns.map((x) => x.org)],
    )) as { org: string; module_key: string; n: number }[];

    const f = this.where(user, q);
    const flowRows = (await this.ds.query(
      `SELECT s.day::text AS day, sum(s.submitted)::int AS submitted, sum(s.passed)::int AS passed
         FROM dashboard_flow s WHERE ${f.sql} GROUP BY s.day`,
      f.params,
    )) as FlowDay[];

    const along = [...figures.nodes].sort((a, b) => a.stage - b.stage || b.count - a.count || (a.org ?? '').localeCompare(b.org ?? ''));
    const shown = opts.allRows ? along : along.slice(0, DASHBOARD_NODE_ROWS);
    const slow = [...figures.nodes]
      .sort((a, b) => b.medianDays - a.medianDays || b.longestDays - a.longestDays || b.count - a.count)
      .slice(0, DASHBOARD_SLOWEST);
    const names = await this.orgNames([...shown, ...slow].map((x) => x.org).concat(shownReturns.map((x) => x.org)));
    const view = (x: NodeFigures, name?: string): WaitingNode => ({
      orgId: x.org,
      orgName: name ?? (x.org ? (names.get(x.org) ?? '') : AT_APPLICANT),
      status: x.status,
      statusLabel: DECLARATION_STATUS_LABELS[x.status],
      stage: x.stage,
      count: x.count,
      medianDays: x.medianDays,
      p90Days: x.p90Days,
      longestDays: x.longestDays,
    });

    const reasons = new Map<string, { moduleKey: string; label: string; count: number }[]>();
    for (const row of reasonRows) {
      const list = reasons.get(row.org) ?? [];
      list.push({ moduleKey: row.module_key, label: returnReasonLabel(row.module_key, MODULE_BY_KEY[row.module_key]?.name), count: row.n });
      reasons.set(row.org, list);
    }
    const returns: ReturnNode[] = shownReturns.map((x) => ({
      orgId: x.org,
      orgName: names.get(x.org) ?? '',
      declarations: x.declarations,
      returns: x.returns,
      repeatShare: x.declarations ? Math.round((x.repeated / x.declarations) * 1000) / 1000 : 0,
      topReasons: (reasons.get(x.org) ?? [])
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh'))
        .slice(0, DASHBOARD_TOP_REASONS),
    }));

    const byDay = new Map(flowRows.map((x) => [x.day, x]));
    const flow: FlowDay[] = [];
    for (let i = DASHBOARD_FLOW_DAYS - 1; i >= 0; i--) {
      const day = addDays(today, -i);
      flow.push({ day, submitted: byDay.get(day)?.submitted ?? 0, passed: byDay.get(day)?.passed ?? 0 });
    }

    return {
      refreshedAt: refreshedAt.toISOString(),
      total: figures.byStatus.reduce((sum, x) => sum + x.count, 0),
      byStatus: figures.byStatus.sort((a, b) => a.stage - b.stage || b.count - a.count).map((x) => view(x, ALL_NODES)),
      nodeCount: figures.nodeCount,
      nodes: shown.map((x) => view(x)),
      slowest: slow.map((x) => view(x)),
      returnNodeCount: returnRows.length,
      returns,
      flow,
    };
  }

  /** Before the first scheduled rebuild (a new installation) the first view builds the snapshot. */
  private async ensureSnapshot(): Promise<Date> {
    return (await this.snapshot.refreshedAt()) ?? (await this.snapshot.refresh({ wait: true }));
  }

  /** 立即刷新: rebuilds the snapshot unless it is a few seconds old; answers when it was taken. */
  async refreshNow(): Promise<{ refreshedAt: string }> {
    return { refreshedAt: (await this.snapshot.refresh({ unlessNewerThanSeconds: DASHBOARD_MANUAL_REFRESH_SECONDS })).toISOString() };
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
    const d = await this.waiting(user, q, { allRows: true });
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

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DASHBOARD_FLOW_DAYS, DeclarationAction, IN_FLOW_STATUSES, addDays, chinaDayStart } from '@zhicheng/contracts';
import { ClockService } from '../../common/clock/clock.service.js';
import { JobsService } from '../../common/jobs/jobs.service.js';

export const DASHBOARD_REFRESH_JOB = 'dashboard.refresh';

/** The keys every snapshot row carries (the declaration's), in SQL. */
const KEYS = 'd.batch_id, d.title_level, d.series_code, d.committee_id, d.region_code, d.supervising_dept_id';
const KEY_COLS = 'batch_id, title_level, series_code, committee_id, region_code, supervising_dept_id';

/**
 * rebuilds the dashboard snapshot (entities/dashboard-snapshot.entity.ts) every minute, as a recurring job, in
 * one transaction: the waiting declarations grouped by node, state and China arrival date; returns per returning
 * node with the modules judged failing; submissions and passes per day. One pass over each table per minute, instead
 * of a percentile over a province's declarations per view. An advisory lock keeps two refreshes from interleaving.
 */
@Injectable()
export class DashboardSnapshotService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly clock: ClockService,
  ) {}

  onModuleInit() {
    this.jobs.recurring({
      name: DASHBOARD_REFRESH_JOB,
      label: '办件在哪儿统计刷新',
      cron: '* * * * *',
      retryLimit: 1,
      handler: async () => void (await this.refresh()),
    });
  }

  /** When the snapshot was last rebuilt (null: never). */
  async refreshedAt(): Promise<Date | null> {
    const rows = (await this.ds.query('SELECT refreshed_at FROM dashboard_refresh WHERE id = 1')) as { refreshed_at: Date }[];
    return rows[0] ? new Date(rows[0].refreshed_at) : null;
  }

  /**
   * Rebuilds every snapshot table; answers the instant the snapshot describes. One rebuild at a time (an advisory
   * lock): with `wait` a caller waits for a running one (the first view of a new installation), otherwise it keeps
   * what the running one will leave (the scheduled job, 立即刷新). With `unlessNewerThanSeconds`, a snapshot that
   * recent is kept (立即刷新: at most one rebuild in that time, whoever asks).
   */
  async refresh(opts: { wait?: boolean; unlessNewerThanSeconds?: number } = {}): Promise<Date> {
    return this.ds.transaction(async (m) => {
      if (opts.wait) {
        await m.query(`SET LOCAL lock_timeout = '120s'`);
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('dashboard.refresh'))`);
      } else {
        const [got] = (await m.query(`SELECT pg_try_advisory_xact_lock(hashtext('dashboard.refresh')) AS ok`)) as { ok: boolean }[];
        if (!got!.ok) return (await this.refreshedAt()) ?? this.clock.now();
      }
      // one pass over a province's declarations takes seconds: more room than an ordinary statement
      await m.query(`SET LOCAL statement_timeout = '300s'`);
      const now = this.clock.now();
      if (opts.unlessNewerThanSeconds) {
        const last = (await m.query('SELECT refreshed_at FROM dashboard_refresh WHERE id = 1')) as { refreshed_at: Date }[];
        const at = last[0] ? new Date(last[0].refreshed_at) : null;
        if (at && now.getTime() - at.getTime() < opts.unlessNewerThanSeconds * 1000) return at;
      }
      const flowFrom = chinaDayStart(addDays(this.clock.today(), -(DASHBOARD_FLOW_DAYS - 1)));
      await m.query('DELETE FROM dashboard_waiting');
      await m.query('DELETE FROM dashboard_returns');
      await m.query('DELETE FROM dashboard_return_reasons');
      await m.query('DELETE FROM dashboard_flow');
      await m.query('DELETE FROM dashboard_node_stats');
      await m.query('DELETE FROM dashboard_batch_scope');
      await m.query(
        `INSERT INTO dashboard_waiting (${KEY_COLS}, current_org_id, status, stage, entered_on, n)
         SELECT ${KEYS}, d.current_org_id, d.status, min(d.current_stage), (d.stage_entered_at AT TIME ZONE 'Asia/Shanghai')::date,
                count(*)::int
           FROM declarations d
          WHERE d.status = ANY($1::text[])
          GROUP BY ${KEYS}, d.current_org_id, d.status, (d.stage_entered_at AT TIME ZONE 'Asia/Shanghai')::date`,
        [IN_FLOW_STATUSES],
      );
      // whole batches: per node and state, and per state over all nodes, for each level and series and for all ('')
      await m.query(
        `INSERT INTO dashboard_node_stats (batch_id, title_level, series_code, all_nodes, current_org_id, status, stage, n, median_days, p90_days, longest_days)
         SELECT batch_id, coalesce(title_level, ''), coalesce(series_code, ''), GROUPING(current_org_id) = 1, current_org_id, status,
                min(current_stage), count(*)::int,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY days), percentile_disc(0.9) WITHIN GROUP (ORDER BY days), max(days)
           FROM (SELECT d.batch_id, d.title_level, d.series_code, d.current_org_id, d.status, d.current_stage,
                        greatest(0, $2::date - (d.stage_entered_at AT TIME ZONE 'Asia/Shanghai')::date) AS days
                   FROM declarations d WHERE d.status = ANY($1::text[])) x
          GROUP BY GROUPING SETS (
            (batch_id, status, current_org_id), (batch_id, status, title_level, current_org_id), (batch_id, status, series_code, current_org_id),
            (batch_id, status, title_level, series_code, current_org_id),
            (batch_id, status), (batch_id, status, title_level), (batch_id, status, series_code), (batch_id, status, title_level, series_code))`,
        [IN_FLOW_STATUSES, this.clock.today()],
      );
      await m.query(
        `INSERT INTO dashboard_batch_scope (batch_id, committee_ids, region_min, region_max)
         SELECT batch_id, array_agg(DISTINCT committee_id), min(region_code), max(region_code) FROM declarations
          WHERE status = ANY($1::text[]) GROUP BY batch_id`,
        [IN_FLOW_STATUSES],
      );
      await m.query(
        `WITH per AS (
           SELECT r.declaration_id, r.from_org_id, count(*)::int AS n FROM declaration_returns r WHERE r.from_org_id IS NOT NULL GROUP BY 1, 2
         )
         INSERT INTO dashboard_returns (${KEY_COLS}, from_org_id, declarations, repeated, returns)
         SELECT ${KEYS}, per.from_org_id, count(*)::int, (count(*) FILTER (WHERE per.n > 1))::int, sum(per.n)::int
           FROM per JOIN declarations d ON d.id = per.declaration_id
          GROUP BY ${KEYS}, per.from_org_id`,
      );
      await m.query(
        `INSERT INTO dashboard_return_reasons (${KEY_COLS}, from_org_id, module_key, n)
         SELECT ${KEYS}, r.from_org_id, coalesce(k.key, 'opinion'), count(*)::int
           FROM declaration_returns r
           JOIN declarations d ON d.id = r.declaration_id
           LEFT JOIN LATERAL jsonb_object_keys(CASE WHEN r.failures = '{}'::jsonb THEN NULL ELSE r.failures END) AS k(key) ON true
          WHERE r.from_org_id IS NOT NULL
          GROUP BY ${KEYS}, r.from_org_id, coalesce(k.key, 'opinion')`,
      );
      await m.query(
        `INSERT INTO dashboard_flow (${KEY_COLS}, day, submitted, passed)
         SELECT ${KEY_COLS}, day, sum(s)::int, sum(p)::int FROM (
           SELECT ${KEYS}, (d.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, 1 AS s, 0 AS p
             FROM declarations d WHERE d.submitted_at >= $1 AND d.submitted_at <= $2
           UNION ALL
           SELECT ${KEYS}, (e.created_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1
             FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id
            WHERE e.action = $3 AND e.created_at >= $1 AND e.created_at <= $2
         ) x GROUP BY ${KEY_COLS}, day`,
        [flowFrom, now, DeclarationAction.Pass],
      );
      await m.query(
        `INSERT INTO dashboard_refresh (id, refreshed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at`,
        [now],
      );
      return now;
    });
  }
}

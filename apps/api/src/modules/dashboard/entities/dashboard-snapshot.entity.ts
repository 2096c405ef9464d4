import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * the snapshot behind the where-is-it-waiting dashboard, rebuilt every minute from the declarations in one
 * pass (DashboardSnapshotService). Every row carries the keys a viewer's scope filters on — the batch, level and
 * series, the committee, the applicant's region and supervising department — so any scope's figures are a sum over
 * its rows. Waiting times are kept per China arrival date, so medians and 90th percentiles of any union of rows are
 * exact to the day and stay right as time passes.
 */
abstract class SnapshotKeys {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: string;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'uuid' })
  committeeId: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'uuid', nullable: true })
  supervisingDeptId: string | null;
}

/** Declarations waiting at a node (an organisation, or the applicant when null) in one state, by arrival date. */
@Entity('dashboard_waiting')
@Index('idx_dashboard_waiting_batch', ['batchId'])
export class DashboardWaitingRow extends SnapshotKeys {
  @Column({ type: 'uuid', nullable: true })
  currentOrgId: string | null;

  @Column({ type: 'varchar', length: 32 })
  status: string;

  @Column({ type: 'int' })
  stage: number;

  @Column({ type: 'date' })
  enteredOn: string;

  @Column({ type: 'int' })
  n: number;
}

/** Returns by a node: declarations it returned, those returned more than once, return events. */
@Entity('dashboard_returns')
@Index('idx_dashboard_returns_batch', ['batchId'])
export class DashboardReturnRow extends SnapshotKeys {
  @Column({ type: 'uuid' })
  fromOrgId: string;

  @Column({ type: 'int' })
  declarations: number;

  @Column({ type: 'int' })
  repeated: number;

  @Column({ type: 'int' })
  returns: number;
}

/** The modules a node judged failing when it returned (`opinion` when a return named none). */
@Entity('dashboard_return_reasons')
@Index('idx_dashboard_return_reasons_batch', ['batchId'])
export class DashboardReturnReasonRow extends SnapshotKeys {
  @Column({ type: 'uuid' })
  fromOrgId: string;

  @Column({ type: 'varchar', length: 64 })
  moduleKey: string;

  @Column({ type: 'int' })
  n: number;
}

/** Submissions and passes per China date (the last DASHBOARD_FLOW_DAYS days). */
@Entity('dashboard_flow')
@Index('idx_dashboard_flow_batch', ['batchId'])
export class DashboardFlowRow extends SnapshotKeys {
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'int' })
  submitted: number;

  @Column({ type: 'int' })
  passed: number;
}

/** One row: when the snapshot was last rebuilt. */
@Entity('dashboard_refresh')
export class DashboardRefresh {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'timestamptz' })
  refreshedAt: Date;
}

/**
 * The waiting figures of whole batches, computed at each rebuild: per node and state (and per state over all nodes,
 * `allNodes`), for every level and series and for all of them ('' = all). A reader whose scope covers the whole
 * batch (its committee, a title office of a region holding all of it) reads these rows directly instead of
 * summing the day histograms of `dashboard_waiting`.
 */
@Entity('dashboard_node_stats')
@Index('idx_dashboard_node_stats_view', ['batchId', 'titleLevel', 'seriesCode'])
export class DashboardNodeStat {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'varchar', length: 16 })
  titleLevel: string;

  @Column({ type: 'varchar', length: 32 })
  seriesCode: string;

  @Column({ type: 'boolean' })
  allNodes: boolean;

  @Column({ type: 'uuid', nullable: true })
  currentOrgId: string | null;

  @Column({ type: 'varchar', length: 32 })
  status: string;

  @Column({ type: 'int' })
  stage: number;

  @Column({ type: 'int' })
  n: number;

  @Column({ type: 'int' })
  medianDays: number;

  @Column({ type: 'int' })
  p90Days: number;

  @Column({ type: 'int' })
  longestDays: number;
}

/** What a batch's declarations on their way span: their committees and the range of their region codes. */
@Entity('dashboard_batch_scope')
export class DashboardBatchScope {
  @PrimaryColumn({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'uuid', array: true })
  committeeIds: string[];

  @Column({ type: 'varchar', length: 6 })
  regionMin: string;

  @Column({ type: 'varchar', length: 6 })
  regionMax: string;
}

export const DASHBOARD_ENTITIES = [
  DashboardWaitingRow,
  DashboardReturnRow,
  DashboardReturnReasonRow,
  DashboardFlowRow,
  DashboardRefresh,
  DashboardNodeStat,
  DashboardBatchScope,
];

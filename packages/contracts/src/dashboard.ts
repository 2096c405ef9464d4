import { DeclarationStatus } from './declaration-state.js';
import type { TitleLevel } from './enums.js';
import type { PathStageView } from './declaration.js';

/**
 * A-30 where-is-it-waiting dashboard (办件在哪儿): for a batch (and optionally a level and a series), how many
 * declarations wait at each node of the path and for how long, where they are returned and why, and the daily flow.
 * The figures come from a snapshot the API refreshes every minute (one pass over the declarations, not a scan per
 * view); each figure drills down to the declarations behind it, read live.
 */

/** The states in which a declaration is somewhere on its way (not a draft, not finished, not withdrawn). */
export const IN_FLOW_STATUSES: readonly DeclarationStatus[] = [
  DeclarationStatus.UnderAudit,
  DeclarationStatus.UnitPassed,
  DeclarationStatus.Returned,
  DeclarationStatus.Qualified,
  DeclarationStatus.OfficeAudit,
  DeclarationStatus.PreReviewPublicity,
  DeclarationStatus.InReview,
  DeclarationStatus.Reviewed,
  DeclarationStatus.PostReviewPublicity,
  DeclarationStatus.Filed,
];

/** How many of the slowest nodes the dashboard names. */
export const DASHBOARD_SLOWEST = 5;
/** How many return reasons it names per node. */
export const DASHBOARD_TOP_REASONS = 3;
/** The node rows a view answers (those with the most waiting along the path first); the export holds them all. */
export const DASHBOARD_NODE_ROWS = 200;
/** The returning nodes a view answers (most returns first). */
export const DASHBOARD_RETURN_ROWS = 50;
/** Days of submissions and passes in the flow chart. */
export const DASHBOARD_FLOW_DAYS = 30;

export interface WaitingQuery {
  batchId: string;
  titleLevel?: TitleLevel;
  seriesCode?: string;
}

/** One node (an organisation, or the applicant when returned for correction) in one state. */
export interface WaitingNode {
  /** null: waiting at the applicant (退回修改). */
  orgId: string | null;
  orgName: string;
  status: DeclarationStatus;
  statusLabel: string;
  /** The lowest path stage among them, to order nodes along the path. */
  stage: number;
  count: number;
  /** Days at the node (China calendar days since it arrived there). */
  medianDays: number;
  p90Days: number;
  longestDays: number;
}

export interface ReturnReason {
  /** the declaration module judged failing, or `opinion` when the return named no module */
  moduleKey: string;
  label: string;
  count: number;
}

export interface ReturnNode {
  orgId: string;
  orgName: string;
  /** declarations this node returned at least once */
  declarations: number;
  /** return events at this node */
  returns: number;
  /** share (0..1) of those declarations returned more than once by this node */
  repeatShare: number;
  topReasons: ReturnReason[];
}

export interface FlowDay {
  /** YYYY-MM-DD, China date */
  day: string;
  submitted: number;
  passed: number;
}

export interface WaitingDashboard {
  /** when the snapshot behind the figures was taken (ISO; the first view of a new installation takes it) */
  refreshedAt: string;
  total: number;
  /** per state over all nodes of the scope (orgId null, orgName 全部节点) */
  byStatus: WaitingNode[];
  /** node rows in all; `nodes` holds the first DASHBOARD_NODE_ROWS along the path */
  nodeCount: number;
  nodes: WaitingNode[];
  slowest: WaitingNode[];
  /** returning nodes in all; `returns` holds the DASHBOARD_RETURN_ROWS with the most returns */
  returnNodeCount: number;
  returns: ReturnNode[];
  flow: FlowDay[];
}

/** A declaration behind a figure (drill-down), masked as every list. */
export interface WaitingDeclaration {
  id: string;
  applicantName: string;
  unitName: string;
  titleName: string;
  titleLevel: TitleLevel;
  seriesCode: string;
  status: DeclarationStatus;
  statusLabel: string;
  orgName: string;
  /** when it arrived at the node (ISO) */
  since: string;
  days: number;
}

export interface WaitingDeclarationsQuery extends WaitingQuery {
  /** the node; omitted or empty with `atApplicant` for the applicant */
  orgId?: string;
  atApplicant?: boolean;
  status?: DeclarationStatus;
  page: number;
  pageSize: number;
}

/** The label of a return reason key: the module's name, or the opinion when the return named no module. */
export function returnReasonLabel(moduleKey: string, moduleName?: string): string {
  if (moduleKey === 'opinion') return '审核意见（未指明模块）';
  return moduleName ?? moduleKey;
}

/**
 * Count, median and 90th percentile of waiting days from a histogram (days at the node → declarations), as
 * PostgreSQL's `percentile_disc`: the smallest value whose cumulative share reaches the fraction.
 */
export function waitStats(histogram: readonly { days: number; n: number }[]): { count: number; medianDays: number; p90Days: number } {
  const bins = [...histogram].filter((b) => b.n > 0).sort((a, b) => a.days - b.days);
  const count = bins.reduce((s, b) => s + b.n, 0);
  const at = (fraction: number) => {
    if (count === 0) return 0;
    const need = fraction * count;
    let seen = 0;
    for (const b of bins) {
      seen += b.n;
      if (seen >= need) return b.days;
    }
    return bins[bins.length - 1]!.days;
  };
  return { count, medianDays: at(0.5), p90Days: at(0.9) };
}

/**
 * U-13 the applicant's home (申报进度): where the current declaration waits, since when, how long that node usually
 * takes (the median of the last batch of the same committee and kind, or of this batch when there is none yet) and
 * what the applicant does next.
 */
export interface ApplicantHome {
  current: ApplicantProgress | null;
}

export interface ApplicantProgress {
  declarationId: string;
  batchName: string;
  titleName: string;
  titleLevel: TitleLevel;
  status: DeclarationStatus;
  statusLabel: string;
  /** where it waits: the organisation, or 本人 when it is with the applicant (draft, returned for correction) */
  nodeName: string;
  atApplicant: boolean;
  /** when it arrived there (ISO) and the China calendar days since */
  since: string;
  waitedDays: number;
  /** the usual days at that node (median), the batch it was measured on and how many declarations it counts; null: no data yet */
  usualDays: number | null;
  usualFrom: string | null;
  usualSample: number;
  path: PathStageView[] | null;
  /** what to do next, one sentence */
  nextStep: string;
  /** whether the applicant has something to do now (a draft to finish, a return to correct) */
  actionNeeded: boolean;
}

/** The applicant's next step for a declaration in a state (U-13, H-08). */
export function applicantNextStep(status: DeclarationStatus, nodeName: string): { text: string; actionNeeded: boolean } {
  switch (status) {
    case DeclarationStatus.Draft:
      return { text: '申报尚未提交：请补全各模块后提交，截止前均可修改。', actionNeeded: true };
    case DeclarationStatus.Returned:
      return nodeName === '本人'
        ? { text: '申报已退回给您：请按退回意见修改后重新提交。', actionNeeded: true }
        : { text: `申报已退回至“${nodeName}”处理，请留意消息通知。`, actionNeeded: false };
    case DeclarationStatus.UnderAudit:
    case DeclarationStatus.OfficeAudit:
      return { text: `等待“${nodeName}”审核，您无需操作；审核结果会通过消息通知您。`, actionNeeded: false };
    case DeclarationStatus.UnitPassed:
      return { text: `单位已审核通过，等待“${nodeName}”推荐上报。`, actionNeeded: false };
    case DeclarationStatus.Qualified:
    case DeclarationStatus.PreReviewPublicity:
      return { text: '资格审核已通过，等待评委会组织评审。', actionNeeded: false };
    case DeclarationStatus.InReview:
      return { text: '评审进行中，请等待评审结果。', actionNeeded: false };
    case DeclarationStatus.Reviewed:
    case DeclarationStatus.PostReviewPublicity:
      return { text: '评审已结束，结果公示后报职称管理部门备案。', actionNeeded: false };
    case DeclarationStatus.Filed:
      return { text: '评审结果已备案，等待发放电子证书。', actionNeeded: false };
    case DeclarationStatus.Certified:
      return { text: '证书已发放：可在“我的证书”中查看和下载。', actionNeeded: false };
    default:
      return { text: '本次申报已结束。', actionNeeded: false };
  }
}

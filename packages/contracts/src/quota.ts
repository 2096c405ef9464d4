import type { TitleLevel } from './enums.js';

/** U-12: a quota declaration (职数申报) moves submitted → passed, or submitted → returned → (resubmitted) submitted. */
export const QuotaStatus = { Submitted: 'submitted', Returned: 'returned', Passed: 'passed' } as const;
export type QuotaStatus = (typeof QuotaStatus)[keyof typeof QuotaStatus];
export const QUOTA_STATUS_LABELS: Record<QuotaStatus, string> = {
  submitted: '待审核',
  returned: '审核不通过（已退回）',
  passed: '审核通过',
};

/** The fields a unit enters (职数申报 新增). */
export interface QuotaInput {
  year: number;
  seriesCode: string;
  titleLevel: TitleLevel;
  /** 岗位总数 */
  postTotal: number;
  /** 已聘数 */
  employedCount: number;
  /** 申报职数 (cannot exceed the vacancy 岗位总数 − 已聘数) */
  requestedCount: number;
  /** 说明 */
  remark?: string;
}

export interface QuotaItem extends Required<QuotaInput> {
  id: string;
  seriesName: string;
  unitOrgId: string;
  unitName: string;
  supervisorOrgId: string;
  supervisorName: string;
  regionCode: string;
  /** 空缺数 = 岗位总数 − 已聘数 */
  vacancy: number;
  status: QuotaStatus;
  auditOpinion: string | null;
  submittedAt: string;
  auditedAt: string | null;
  /** How many times the unit resubmitted after a return. */
  resubmissions: number;
  version: number;
}

export interface QuotaHistoryEntry {
  action: string;
  actionLabel: string;
  actorName: string | null;
  organisationName: string | null;
  opinion: string | null;
  at: string;
}

export interface QuotaDetail extends QuotaItem {
  history: QuotaHistoryEntry[];
}

/** C-09: a committee's annual batch information (年度批次信息): submitted → approved (a draft batch is created) or returned. */
export const BatchProposalStatus = { Submitted: 'submitted', Returned: 'returned', Approved: 'approved' } as const;
export type BatchProposalStatus = (typeof BatchProposalStatus)[keyof typeof BatchProposalStatus];
export const BATCH_PROPOSAL_STATUS_LABELS: Record<BatchProposalStatus, string> = {
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过（已生成申报批次）',
};

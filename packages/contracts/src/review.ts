import type { TitleLevel } from './enums.js';

/** C-02..C-07, A-09..A-11: the life of a review plan (评审方案). */
export const ReviewPlanStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Rejected: 'rejected',
  Approved: 'approved',
  Drawn: 'drawn',
  Closed: 'closed',
  Publicity: 'publicity',
  FilingApplied: 'filing_applied',
  Filed: 'filed',
} as const;
export type ReviewPlanStatus = (typeof ReviewPlanStatus)[keyof typeof ReviewPlanStatus];
export const REVIEW_PLAN_STATUS_LABELS: Record<ReviewPlanStatus, string> = {
  draft: '待呈报',
  submitted: '待审核',
  rejected: '审核退回',
  approved: '审核通过',
  drawn: '已抽取评委',
  closed: '评审结束',
  publicity: '结果公示中',
  filing_applied: '已申请备案',
  filed: '已备案',
};

export const ReviewPlanKind = { Normal: 'normal', Special: 'special' } as const;
export type ReviewPlanKind = (typeof ReviewPlanKind)[keyof typeof ReviewPlanKind];
export const REVIEW_PLAN_KIND_LABELS: Record<ReviewPlanKind, string> = { normal: '普通评审方案', special: '特殊评审方案' };

/** Online: draw, interview and expert voting; offline: the committee enters results directly. */
export const ReviewMode = { Online: 'online', Offline: 'offline' } as const;
export type ReviewMode = (typeof ReviewMode)[keyof typeof ReviewMode];
export const REVIEW_MODE_LABELS: Record<ReviewMode, string> = { online: '线上评审（抽取评委）', offline: '线下评审（直接录入结果）' };

export const ScoringRuleKind = { Material: 'material', Interview: 'interview' } as const;
export type ScoringRuleKind = (typeof ScoringRuleKind)[keyof typeof ScoringRuleKind];
export const SCORING_RULE_KIND_LABELS: Record<ScoringRuleKind, string> = { material: '材料打分', interview: '面试答辩打分' };

export interface ScoringRule {
  /** Stable key within the plan (r1, r2…). */
  key: string;
  name: string;
  kind: ScoringRuleKind;
  maxScore: number;
  /** Weight in percent (the weights of a plan sum to 100). */
  weight: number;
}

export interface ExpertRequirement {
  professionCodes: string[];
  titleLevels: TitleLevel[];
  count: number;
  reserves: number;
}

export const ExpertVote = { Agree: 'agree', Disagree: 'disagree', Abstain: 'abstain' } as const;
export type ExpertVote = (typeof ExpertVote)[keyof typeof ExpertVote];
export const EXPERT_VOTE_LABELS: Record<ExpertVote, string> = { agree: '同意', disagree: '不同意', abstain: '弃权' };

/** E-01..E-05: what an expert records per participant. A-22 undoes them newest first. */
export const ExpertActionKind = {
  MaterialReview: 'material_review',
  MaterialScore: 'material_score',
  InterviewScore: 'interview_score',
  Vote: 'vote',
  Opinion: 'opinion',
} as const;
export type ExpertActionKind = (typeof ExpertActionKind)[keyof typeof ExpertActionKind];
export const EXPERT_ACTION_LABELS: Record<ExpertActionKind, string> = {
  material_review: '材料复审',
  material_score: '材料打分',
  interview_score: '面试答辩打分',
  vote: '投票',
  opinion: '评审意见',
};

/** The default results-publicity length (C-06), in working days. */
export const DEFAULT_RESULT_PUBLICITY_DAYS = 5;

/** Quorum (E-04): at least two thirds of the panel present. Integer arithmetic only. */
export function hasQuorum(present: number, panel: number): boolean {
  return panel > 0 && present * 3 >= panel * 2;
}

/** E-04: passes when agreeing votes are at least two thirds of the experts present. */
export function votePasses(agree: number, present: number): boolean {
  return present > 0 && agree * 3 >= present * 2;
}

/**
 * The declaration state machine (DOMAIN §4). Each transition is an append-only timeline entry.
 * `under_audit` carries the index of the current stage of the snapshotted path.
 */
export const DeclarationStatus = {
  Draft: 'draft',
  UnderAudit: 'under_audit',
  /** Passed at the unit, waiting for report-up (U-05). */
  UnitPassed: 'unit_passed',
  Returned: 'returned',
  Qualified: 'qualified',
  OfficeAudit: 'office_audit',
  PreReviewPublicity: 'pre_review_publicity',
  InReview: 'in_review',
  Reviewed: 'reviewed',
  PostReviewPublicity: 'post_review_publicity',
  Filed: 'filed',
  Certified: 'certified',
  Cancelled: 'cancelled',
  /** a return left uncorrected past its deadline counts as withdrawn (放弃申报). */
  Abandoned: 'abandoned',
} as const;
export type DeclarationStatus = (typeof DeclarationStatus)[keyof typeof DeclarationStatus];

/**
 * U-04 单位公示: the unit publicises the declarations still at its own node — the ones it is auditing and the ones
 * it passed and has not reported up yet. Returned, withdrawn, later-stage and filed declarations cannot be
 * publicised by the unit (the API also requires the declaration's current node to be the unit).
 */
export const UNIT_PUBLICITY_STATUSES: readonly DeclarationStatus[] = [DeclarationStatus.UnderAudit, DeclarationStatus.UnitPassed];

export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, string> = {
  draft: '暂存',
  under_audit: '审核中',
  unit_passed: '单位审核通过，待上报',
  returned: '已退回',
  qualified: '资格复核通过',
  office_audit: '职称管理部门审核中',
  pre_review_publicity: '评前公示',
  in_review: '专家评审中',
  reviewed: '评审完成',
  post_review_publicity: '评后公示',
  filed: '已备案',
  certified: '已发证',
  cancelled: '已取消',
  abandoned: '放弃申报',
};

export const DeclarationAction = {
  Submit: 'submit',
  Pass: 'pass',
  ReportUp: 'report_up',
  Return: 'return',
  Resubmit: 'resubmit',
  Cancel: 'cancel',
  Qualify: 'qualify',
  Transfer: 'transfer',
  RollbackQualification: 'rollback_qualification',
  /** The title office returns straight to the applicant for supplementary material. */
  ReturnForSupplement: 'return_for_supplement',
  /** C-02/A-09: the title office approved the review plan the declaration takes part in. */
  StartReview: 'start_review',
  /** C-05: the committee closed the meeting (or entered offline results). */
  ReviewResult: 'review_result',
  /** C-06: results publicity (passed participants). */
  PublicizeResult: 'publicize_result',
  /** the title office filed the result (备案). */
  File: 'file',
  /** the correction deadline passed (system). */
  Abandon: 'abandon',
} as const;
export type DeclarationAction = (typeof DeclarationAction)[keyof typeof DeclarationAction];

export const DECLARATION_ACTION_LABELS: Record<DeclarationAction, string> = {
  submit: '提交申报',
  pass: '审核通过',
  report_up: '推荐上报',
  return: '退回',
  resubmit: '修改后重新提交',
  cancel: '取消申请',
  qualify: '资格复核通过',
  transfer: '转换评委会',
  rollback_qualification: '回退资格复核',
  return_for_supplement: '退回补充材料',
  start_review: '进入专家评审',
  review_result: '评审结果确定',
  publicize_result: '评审结果公示',
  file: '评审结果备案',
  abandon: '逾期未补正，视为放弃申报',
};

/**
 * 本年退回 (issue 15; seed 004: "可通过页面提示查看本年度本单位被退回人员数量"). A return is counted at the node that made
 * it — the node that started it or a node below that passed it on down (a cascade) — once per node: one cascade from the
 * seventh node down to the applicant is one return at each of the seven nodes, not seven at each. "This year" is since
 * 1 January of the business year, China time.
 * - a row's `returnsThisYear`: how many times this node returned this declaration this year;
 * - the queue's `returnedThisYear`: how many people (distinct applicants) this node returned this year.
 */
export const RETURN_ACTIONS: readonly DeclarationAction[] = [DeclarationAction.Return, DeclarationAction.ReturnForSupplement];

/** Which actions each status allows; anything else is refused with a clear message. */
export const DECLARATION_TRANSITIONS: Record<DeclarationStatus, readonly DeclarationAction[]> = {
  draft: ['submit', 'cancel'],
  under_audit: ['pass', 'return', 'qualify', 'transfer', 'return_for_supplement'],
  unit_passed: ['report_up', 'return', 'transfer'],
  returned: ['resubmit', 'cancel', 'return', 'transfer', 'abandon'],
  qualified: ['rollback_qualification', 'transfer', 'start_review'],
  office_audit: ['pass', 'return'],
  pre_review_publicity: ['start_review'],
  in_review: ['review_result'],
  /** A failed participant stays here (reviewPassed = false): its terminal state. */
  reviewed: ['publicize_result'],
  post_review_publicity: ['file'],
  filed: [],
  certified: [],
  cancelled: [],
  abandoned: [],
};

export function canDeclarationDo(status: DeclarationStatus, action: DeclarationAction): boolean {
  return DECLARATION_TRANSITIONS[status].includes(action);
}

/** Editable by the applicant: a draft, or a declaration returned all the way to the applicant. */
export function isEditableByApplicant(status: DeclarationStatus, returnedToApplicant: boolean): boolean {
  return status === 'draft' || (status === 'returned' && returnedToApplicant);
}

/** The path stage (by kind) a declaration is at once it left the audit nodes, by its status. */
const STAGE_KINDS_OF_STATUS: Partial<Record<DeclarationStatus, readonly string[]>> = {
  pre_review_publicity: ['pre_publicity'],
  in_review: ['expert_review', 'committee_check'],
  // results fixed, the results publicity comes next
  reviewed: ['post_publicity'],
  post_review_publicity: ['post_publicity'],
  // filed: the certificate comes next
  filed: ['issuing'],
};

/**
 * 当前环节 (issue 15): the index of the path stage a declaration is really at. `currentStage` only moves along the
 * audit nodes; after the qualification audit the status says where it is (评前公示, 专家评审, 评后公示, 备案 done →
 * 发证). Answers the path's length when every stage is done (its certificate issued), null when it left the path
 * (cancelled, abandoned).
 */
export function currentStageIndex(kinds: readonly string[], status: DeclarationStatus, currentStage: number, certified = false): number | null {
  if (status === 'cancelled' || status === 'abandoned') return null;
  if (certified || status === 'certified') return kinds.length;
  if (status === 'qualified') return Math.min(currentStage + 1, kinds.length);
  const wanted = STAGE_KINDS_OF_STATUS[status];
  if (!wanted) return currentStage;
  const i = kinds.findIndex((k, j) => j > currentStage && wanted.includes(k));
  return i >= 0 ? i : currentStage;
}

import { Permission, roleHasPermission } from './permissions.js';
import { Role } from './enums.js';

/**
 * U-13 工作台: the to-do queues of the back office. Each entry is counted by the API with the same service call that
 * answers its list (so a count and its list never disagree) and links to that list, filtered by the same values.
 * Defined once here: the API counts the entries the user's role may open, the web renders them.
 */
export const WorkbenchTodoKey = {
  AuditPending: 'audit_pending',
  AuditReturned: 'audit_returned',
  ReturnedOpen: 'returned_open',
  ReportUp: 'report_up',
  PathReview: 'path_review',
  PlansToSubmit: 'plans_to_submit',
  PlansRejected: 'plans_rejected',
  PlansToDraw: 'plans_to_draw',
  PlansInMeeting: 'plans_in_meeting',
  PlansToPublicise: 'plans_to_publicise',
  PlanAudit: 'plan_audit',
  FilingAudit: 'filing_audit',
  ToIssue: 'to_issue',
  CertificateApplications: 'certificate_applications',
  UnitPermissions: 'unit_permissions',
  BatchProposals: 'batch_proposals',
  ExpertPlans: 'expert_plans',
} as const;
export type WorkbenchTodoKey = (typeof WorkbenchTodoKey)[keyof typeof WorkbenchTodoKey];

export interface WorkbenchTodoDef {
  key: WorkbenchTodoKey;
  label: string;
  /** What the operator does there, one line. */
  hint: string;
  permission: Permission;
  /** Only these roles (narrower than the permission), when set. */
  roles?: readonly Role[];
  /** The list it opens, relative to the console ('/office' or '/admin'), with its filter in the query string. */
  path: string;
}

export const WORKBENCH_TODOS: readonly WorkbenchTodoDef[] = [
  { key: 'audit_pending', label: '待审核', hint: '在本单位（部门）等待审核的申报', permission: Permission.DeclarationAudit, path: '/audit?status=pending' },
  { key: 'audit_returned', label: '被上级退回', hint: '上级退回本单位、等待处理的申报', permission: Permission.DeclarationAudit, roles: [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator], path: '/audit?status=failed' },
  { key: 'returned_open', label: '退回未重提交', hint: '本单位（部门）退回、申报人尚未重新提交的申报', permission: Permission.DeclarationAudit, roles: [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator], path: '/audit?status=returned_open' },
  { key: 'report_up', label: '待上报', hint: '单位审核通过、等待推荐上报的申报', permission: Permission.DeclarationAudit, roles: [Role.UnitOperator], path: '/report-up' },
  { key: 'path_review', label: '待审核的路径申请', hint: '下级单位提交的审核路径申请', permission: Permission.PathReview, roles: [Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator], path: '/path-review' },
  { key: 'plans_to_submit', label: '待呈报的评审方案', hint: '已创建、尚未呈报的评审方案', permission: Permission.CommitteeWork, roles: [Role.CommitteeOperator], path: '/review-plans?status=draft' },
  { key: 'plans_rejected', label: '被退回的评审方案', hint: '职称管理部门退回、待修改后重新呈报', permission: Permission.CommitteeWork, roles: [Role.CommitteeOperator], path: '/review-plans?status=rejected' },
  { key: 'plans_to_draw', label: '待抽取评委', hint: '审核通过、尚未抽取评委的评审方案', permission: Permission.CommitteeWork, roles: [Role.CommitteeOperator], path: '/review-plans?status=approved' },
  { key: 'plans_in_meeting', label: '待评审', hint: '已抽取评委、评审会尚未结束的方案', permission: Permission.CommitteeWork, roles: [Role.CommitteeOperator], path: '/review-plans?status=drawn' },
  { key: 'plans_to_publicise', label: '待结果公示', hint: '评审结束、尚未公示结果的方案', permission: Permission.CommitteeWork, roles: [Role.CommitteeOperator], path: '/review-plans?status=closed' },
  { key: 'plan_audit', label: '待审核的评审方案', hint: '评委会呈报的评审方案', permission: Permission.ReviewAudit, path: '/review-plans?status=submitted' },
  { key: 'filing_audit', label: '待备案', hint: '评委会已申请备案的评审结果', permission: Permission.ReviewAudit, path: '/review-plans?status=filing_applied' },
  { key: 'to_issue', label: '待发证', hint: '已备案且评审通过、尚未发证的人员', permission: Permission.CertificateManage, roles: [Role.OfficeAdmin], path: '/certificate-issuing' },
  { key: 'certificate_applications', label: '待审核的登记/补发', hint: '历史职称登记与证书补发/换发申请', permission: Permission.CertificateManage, roles: [Role.OfficeAdmin], path: '/certificate-applications?status=submitted' },
  { key: 'unit_permissions', label: '待审核的单位权限', hint: '单位提交的职称工作权限申请', permission: Permission.UnitPermissionReview, path: '/unit-permission?status=pending' },
  { key: 'batch_proposals', label: '待审核的年度批次', hint: '评委会提交的年度批次信息', permission: Permission.ReferenceManage, path: '/batch-proposals?status=submitted' },
  { key: 'expert_plans', label: '待评审的方案', hint: '您被抽取为评委、评审会尚未结束的方案', permission: Permission.ExpertWork, path: '/expert-review' },
];

/** The Chinese name of each to-do entry (its label on the workbench). */
export const WORKBENCH_TODO_KEY_LABELS = Object.fromEntries(WORKBENCH_TODOS.map((t) => [t.key, t.label])) as Record<WorkbenchTodoKey, string>;

/** The to-do entries a role sees on its workbench, in display order. */
export function workbenchTodosFor(role: Role): readonly WorkbenchTodoDef[] {
  return WORKBENCH_TODOS.filter((t) => roleHasPermission(role, t.permission) && (!t.roles || t.roles.includes(role)));
}

/** The console a back-office role works in. */
export function consoleBaseOf(role: Role): '/hall' | '/office' | '/admin' {
  return role === Role.Applicant ? '/hall' : role === Role.OfficeAdmin ? '/admin' : '/office';
}

export interface WorkbenchTodo {
  key: WorkbenchTodoKey;
  label: string;
  hint: string;
  count: number;
  /** Absolute SPA path of the filtered list. */
  link: string;
}

export interface WorkbenchBatch {
  id: string;
  name: string;
  year: number;
  closesAt: string;
  /** Working days from today (China time) to the closing day, the closing day included; 0 once it closed. */
  workingDaysLeft: number;
}

/** An expert's plan still open (drawn, the meeting not closed) and what is left to do in it. */
export interface WorkbenchExpertPlan {
  id: string;
  name: string;
  committeeName: string;
  participantCount: number;
  /** participants not yet scored (材料打分) / not yet voted on by this expert */
  leftToScore: number;
  leftToVote: number;
  /** the expert workspace of the plan */
  link: string;
}

export interface WorkbenchAnswer {
  todos: WorkbenchTodo[];
  /** experts only: their open plans with what is left to score and vote */
  expertPlans?: WorkbenchExpertPlan[];
  /** Declaration batches open today (published, inside their window), the soonest to close first. */
  openBatches: WorkbenchBatch[];
}

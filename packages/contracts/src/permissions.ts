import { OrgType, Role } from './enums.js';

/**
 * The permission map: every API route declares one of these (or is explicitly public).
 * A permission is granted to a fixed set of roles; organisation scope is checked separately
 * by the API's access service.
 */
export const Permission = {
  /** Any signed-in user acting on their own account. */
  Self: 'self',
  /** 系统管理员: create back-office accounts, disable and re-enable them. */
  AccountsManage: 'accounts.manage',
  /** list back-office accounts (the system administrator manages them, the security administrator assigns their roles). */
  AccountsRead: 'accounts.read',
  /** 安全管理员: change the (business) role of a back-office account; every session of that account ends. */
  RolesAssign: 'roles.assign',
  /** 安全管理员: the security policy — login lockout, session idle timeout and lifetime. */
  SecurityPolicyManage: 'security-policy.manage',
  /** Read organisations in scope (pickers, lists). */
  OrgRead: 'org.read',
  /** Create and edit organisations in scope. */
  OrgManage: 'org.manage',
  /** 审计管理员: read, export and verify the audit log of the organisations in scope. */
  AuditLogRead: 'audit-log.read',
  /** Read the message outbox (operations view). */
  OutboxRead: 'outbox.read',
  /** X-05/X-06 后台任务 and the messages' dead-letter list (province-level title office administrators). */
  JobsManage: 'jobs.manage',
  /** Issue 13: the OpenAPI document of a production server (its Swagger UI is off there). */
  ApiDocsRead: 'api-docs.read',
  /** Reference data maintenance (regions, professions, titles, committees, batches). */
  ReferenceManage: 'reference.manage',
  /** Declare as an applicant. */
  Declare: 'declaration.declare',
  /** Audit declarations waiting at the user's organisation. */
  DeclarationAudit: 'declaration.audit',
  /** Title offices over declarations in their region: qualification rollback, process trace, committee transfer. */
  DeclarationManage: 'declaration.manage',
  /** Apply for and review audit paths. */
  PathApply: 'audit-tree.apply',
  PathReview: 'audit-tree.review',
  PathConfigure: 'audit-tree.configure',
  /** Committee work. */
  CommitteeWork: 'committee.work',
  /** Title office over review plans: plan audit, plan query, filing, expert rollback. */
  ReviewAudit: 'review.audit',
  /** Expert review work. */
  ExpertWork: 'scoring.expert',
  /** Certificates. */
  CertificateManage: 'certificate.manage',
  /** Blacklist. */
  BlacklistManage: 'blacklist.manage',
  BlacklistRead: 'blacklist.read',
  /** Publish notices and policies. */
  NoticeManage: 'notice.manage',
  /** Read reference data (professions, titles, open batches, committee pickers): every signed-in user. */
  ReferenceRead: 'reference.read',
  /** Manage the expert pool (title offices and committees). */
  ExpertManage: 'expert.manage',
  /** A unit applies for permission to run title work (U-02). */
  UnitPermissionApply: 'unit-permission.apply',
  /** A title office reviews unit permission applications. */
  UnitPermissionReview: 'unit-permission.review',
  /** U-12: a unit declares title position quotas (职数申报). */
  QuotaDeclare: 'quota.declare',
  /** U-12: the unit's supervising department audits quota declarations (职数审核). */
  QuotaAudit: 'quota.audit',
  /** U-12 / A-19: read one quota declaration (the unit, its supervisor, the title office; scope checked by the API). */
  QuotaRead: 'quota.read',
  /** title offices query and export quota declarations in their region (职数申报查询). */
  QuotaQuery: 'quota.query',
  /** C-08: a committee (or title office) reads its experts' records (评委申报记录查询). */
  ExpertRecordsRead: 'expert-records.read',
  /** C-09: a committee submits its annual batch information (年度批次信息提交); the title office approves with ReferenceManage. */
  BatchProposalSubmit: 'batch-proposal.submit',
  /** C-09: read annual batch proposals (the committee its own, title offices their region). */
  BatchProposalRead: 'batch-proposal.read',
  /** the title office maintains the working-day calendar (holidays, 调休 make-up days). */
  CalendarManage: 'calendar.manage',
  /** H-14: units and title offices record sanctions (处分) that block declaring during their period. */
  SanctionManage: 'sanction.manage',
  /** U-13: the back office's workbench (to-do counts of the queues the role works on). */
  WorkbenchRead: 'workbench.read',
  /** where declarations wait, within the reader's scope (title offices, departments, committees). */
  DashboardRead: 'dashboard.read',
  /** the certificate number pools (证书编号生成): ranges per issuer and year, and the numbers used. */
  CertificateNumbers: 'certificate.numbers',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** what each permission lets its holder do, as the 角色权限 page shows it. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  self: '本人账号（个人信息、密码、登录设备）',
  'accounts.manage': '账号新建、停用与启用',
  'accounts.read': '账号查询',
  'roles.assign': '账号角色分配',
  'security-policy.manage': '安全策略设置',
  'org.read': '机构查询',
  'org.manage': '机构管理与导入',
  'audit-log.read': '操作日志查阅、导出与校验',
  'outbox.read': '消息发件箱查阅',
  'jobs.manage': '后台任务与消息投递',
  'api-docs.read': '接口文档',
  'reference.manage': '基础数据维护（专业、职称、评委会、批次）',
  'declaration.declare': '职称申报',
  'declaration.audit': '申报审核',
  'declaration.manage': '申报管理（回退、过程跟踪、转换评委会）',
  'audit-tree.apply': '审核路径申请',
  'audit-tree.review': '审核路径审核',
  'audit-tree.configure': '审核路径配置',
  'committee.work': '评委会业务',
  'review.audit': '评审方案审核与备案',
  'scoring.expert': '专家评审',
  'certificate.manage': '证书管理',
  'blacklist.manage': '黑名单管理',
  'blacklist.read': '黑名单查询',
  'notice.manage': '公告与政策发布',
  'reference.read': '基础数据查询',
  'expert.manage': '专家库管理',
  'unit-permission.apply': '单位权限申请',
  'unit-permission.review': '单位权限审核',
  'quota.declare': '职数申报',
  'quota.audit': '职数审核',
  'quota.read': '职数申报查看',
  'quota.query': '职数申报查询',
  'expert-records.read': '评委申报记录查询',
  'batch-proposal.submit': '年度批次信息提交',
  'batch-proposal.read': '年度批次信息查看',
  'calendar.manage': '工作日历维护',
  'sanction.manage': '处分登记',
  'workbench.read': '工作台待办',
  'dashboard.read': '办件在哪儿（在途申报统计）',
  'certificate.numbers': '证书编号生成',
};

const ALL_ROLES = Object.values(Role);
const BACK_OFFICE: Role[] = [
  Role.UnitOperator,
  Role.DeptOperator,
  Role.CommitteeOperator,
  Role.AcceptanceOperator,
  Role.Expert,
  Role.OfficeAdmin,
];
const AUDITORS: Role[] = [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator, Role.OfficeAdmin];

export const PERMISSION_ROLES: Record<Permission, readonly Role[]> = {
  [Permission.Self]: ALL_ROLES,
  [Permission.AccountsManage]: [Role.SystemAdmin],
  [Permission.AccountsRead]: [Role.SystemAdmin, Role.SecurityAdmin],
  [Permission.RolesAssign]: [Role.SecurityAdmin],
  [Permission.SecurityPolicyManage]: [Role.SecurityAdmin],
  [Permission.OrgRead]: ALL_ROLES,
  [Permission.OrgManage]: [Role.OfficeAdmin],
  [Permission.AuditLogRead]: [Role.AuditAdmin],
  [Permission.OutboxRead]: [Role.SystemAdmin],
  [Permission.JobsManage]: [Role.SystemAdmin],
  [Permission.ApiDocsRead]: [Role.SystemAdmin],
  [Permission.ReferenceManage]: [Role.OfficeAdmin],
  [Permission.Declare]: [Role.Applicant],
  [Permission.DeclarationAudit]: AUDITORS,
  [Permission.DeclarationManage]: [Role.OfficeAdmin],
  [Permission.PathApply]: [Role.UnitOperator, Role.DeptOperator, Role.AcceptanceOperator, Role.OfficeAdmin],
  [Permission.PathReview]: [Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator, Role.OfficeAdmin],
  [Permission.PathConfigure]: [Role.OfficeAdmin, Role.CommitteeOperator],
  [Permission.CommitteeWork]: [Role.CommitteeOperator, Role.OfficeAdmin],
  [Permission.ReviewAudit]: [Role.OfficeAdmin],
  [Permission.ExpertWork]: [Role.Expert],
  [Permission.CertificateManage]: [Role.OfficeAdmin, Role.CommitteeOperator],
  [Permission.BlacklistManage]: [Role.OfficeAdmin],
  [Permission.BlacklistRead]: BACK_OFFICE,
  [Permission.NoticeManage]: [Role.OfficeAdmin],
  [Permission.ReferenceRead]: ALL_ROLES,
  [Permission.ExpertManage]: [Role.OfficeAdmin, Role.CommitteeOperator],
  [Permission.UnitPermissionApply]: [Role.UnitOperator],
  [Permission.UnitPermissionReview]: [Role.OfficeAdmin],
  [Permission.QuotaDeclare]: [Role.UnitOperator],
  [Permission.QuotaAudit]: [Role.DeptOperator],
  [Permission.QuotaRead]: [Role.UnitOperator, Role.DeptOperator, Role.OfficeAdmin],
  [Permission.QuotaQuery]: [Role.OfficeAdmin],
  [Permission.ExpertRecordsRead]: [Role.CommitteeOperator, Role.OfficeAdmin],
  [Permission.BatchProposalSubmit]: [Role.CommitteeOperator],
  [Permission.BatchProposalRead]: [Role.CommitteeOperator, Role.OfficeAdmin],
  [Permission.CalendarManage]: [Role.OfficeAdmin],
  [Permission.SanctionManage]: [Role.UnitOperator, Role.OfficeAdmin],
  [Permission.WorkbenchRead]: BACK_OFFICE,
  [Permission.DashboardRead]: [Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator, Role.OfficeAdmin],
  [Permission.CertificateNumbers]: [Role.OfficeAdmin],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].includes(role);
}

/**
 * Roles whose organisation scope includes the organisations of their region's sub-tree
 * (a city title office sees its city). Other roles see their own organisation only.
 */
export const SUBTREE_ROLES: readonly Role[] = [Role.OfficeAdmin, Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin];

/**
 * 三员分立: what each separated administrator may do — nothing of another's, nothing of the business. A test
 * holds PERMISSION_ROLES to this, so a permission granted across the line fails the build.
 */
export const SEPARATED_ADMIN_PERMISSIONS: Record<'system_admin' | 'security_admin' | 'audit_admin', readonly Permission[]> = {
  system_admin: [Permission.AccountsManage, Permission.AccountsRead, Permission.OutboxRead, Permission.JobsManage, Permission.ApiDocsRead],
  security_admin: [Permission.AccountsRead, Permission.RolesAssign, Permission.SecurityPolicyManage],
  audit_admin: [Permission.AuditLogRead],
};
/** Permissions every signed-in user holds (their own account, reference data and organisation pickers). */
export const COMMON_PERMISSIONS: readonly Permission[] = [Permission.Self, Permission.OrgRead, Permission.ReferenceRead];

/** The business roles a security administrator may assign to a back-office account (never an administrator of 三员). */
export const ASSIGNABLE_STAFF_ROLES: readonly Role[] = [
  Role.UnitOperator,
  Role.DeptOperator,
  Role.CommitteeOperator,
  Role.AcceptanceOperator,
  Role.Expert,
  Role.OfficeAdmin,
];

/** the organisation types a business role can act for (a role change must fit the account's organisation). */
export const ROLE_ORG_TYPES: Partial<Record<Role, readonly OrgType[]>> = {
  unit_operator: [OrgType.Unit],
  dept_operator: [OrgType.AdminDept, OrgType.IndustryDept],
  committee_operator: [OrgType.Committee],
  acceptance_operator: [OrgType.AcceptanceInstitution],
  expert: [OrgType.Unit, OrgType.AdminDept, OrgType.IndustryDept, OrgType.Committee, OrgType.AcceptanceInstitution],
  office_admin: [OrgType.TitleOffice],
};
export function roleFitsOrganisation(role: Role, orgType: OrgType): boolean {
  return ROLE_ORG_TYPES[role]?.includes(orgType) ?? false;
}

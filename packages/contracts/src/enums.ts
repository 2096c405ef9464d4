/** Roles a user can hold. A back-office user acts for exactly one organisation. */
export const Role = {
  Applicant: 'applicant',
  UnitOperator: 'unit_operator',
  DeptOperator: 'dept_operator',
  CommitteeOperator: 'committee_operator',
  AcceptanceOperator: 'acceptance_operator',
  Expert: 'expert',
  OfficeAdmin: 'office_admin',
  /** 三员分立: accounts, system settings and operation (jobs, message delivery, API documentation). */
  SystemAdmin: 'system_admin',
  /** 三员分立: roles of accounts, the security policy (lockout, sessions), the permission matrix. */
  SecurityAdmin: 'security_admin',
  /** 三员分立: reads, exports and verifies the audit log of the region, nothing else. */
  AuditAdmin: 'audit_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报人',
  unit_operator: '单位经办人',
  dept_operator: '主管部门经办人',
  committee_operator: '评委会经办人',
  acceptance_operator: '受理机构经办人',
  expert: '评委专家',
  office_admin: '职称管理部门管理员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/**
 * 三员分立 (A-31, 等保 level 3): the system, security and audit administrators. Each is its own account (a user holds
 * one role), none holds business permissions, and none can be granted from a console: they are created with
 * `cli.js create-admin --role …` by whoever installs the system.
 */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = [Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin];

/** Roles signing in to the title-office console (/admin); they all sign in with a second factor. */
export const ADMIN_CONSOLE_ROLES: readonly Role[] = [Role.OfficeAdmin, ...SEPARATED_ADMIN_ROLES];

/** Which console a role lands in after login. */
export const ROLE_CONSOLE: Record<Role, 'hall' | 'office' | 'admin'> = {
  applicant: 'hall',
  unit_operator: 'office',
  dept_operator: 'office',
  committee_operator: 'office',
  acceptance_operator: 'office',
  expert: 'office',
  office_admin: 'admin',
  system_admin: 'admin',
  security_admin: 'admin',
  audit_admin: 'admin',
};

export const OrgType = {
  Unit: 'unit',
  AdminDept: 'admin_dept',
  IndustryDept: 'industry_dept',
  TitleOffice: 'title_office',
  AcceptanceInstitution: 'acceptance',
  Committee: 'committee',
  Issuer: 'issuer',
} as const;
export type OrgType = (typeof OrgType)[keyof typeof OrgType];

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  unit: '单位',
  admin_dept: '行政主管部门',
  industry_dept: '行业主管部门',
  title_office: '职称办',
  acceptance: '受理机构',
  committee: '评委会',
  issuer: '发证单位',
};

/** Administrative level of an organisation or a region. */
export const AdminLevel = { Province: 'province', City: 'city', County: 'county' } as const;
export type AdminLevel = (typeof AdminLevel)[keyof typeof AdminLevel];
export const ADMIN_LEVEL_LABELS: Record<AdminLevel, string> = { province: '省级', city: '市级', county: '县区级' };

export const UnitNature = { Enterprise: 'enterprise', Institution: 'institution', Other: 'other' } as const;
export type UnitNature = (typeof UnitNature)[keyof typeof UnitNature];
export const UNIT_NATURE_LABELS: Record<UnitNature, string> = {
  enterprise: '企业',
  institution: '事业单位',
  other: '其他（自由职业者）',
};

export const DeclarationKind = { Review: 'review', Initial: 'initial', Recognition: 'recognition' } as const;
export type DeclarationKind = (typeof DeclarationKind)[keyof typeof DeclarationKind];
export const DECLARATION_KIND_LABELS: Record<DeclarationKind, string> = {
  review: '评审',
  initial: '初定',
  recognition: '认定',
};

export const TitleLevel = {
  Yuan: 'yuan',
  Assistant: 'assistant',
  Intermediate: 'intermediate',
  ViceSenior: 'vice_senior',
  Senior: 'senior',
} as const;
export type TitleLevel = (typeof TitleLevel)[keyof typeof TitleLevel];
export const TITLE_LEVEL_LABELS: Record<TitleLevel, string> = {
  yuan: '员级',
  assistant: '助理级',
  intermediate: '中级',
  vice_senior: '副高级',
  senior: '正高级',
};

export const CommitteeClass = { Primary: 'primary', Middle: 'middle', Senior: 'senior' } as const;
export type CommitteeClass = (typeof CommitteeClass)[keyof typeof CommitteeClass];
export const COMMITTEE_CLASS_LABELS: Record<CommitteeClass, string> = {
  primary: '初评会',
  middle: '中评会',
  senior: '高评会',
};

/** `ministry`: A-14 certificate records for the ministry's certificate database (delivered by the ministry gateway). */
export const MessageChannel = { Sms: 'sms', Email: 'email', InApp: 'inapp', Ministry: 'ministry' } as const;
export type MessageChannel = (typeof MessageChannel)[keyof typeof MessageChannel];

/**
 * the business event a message is about; its Chinese name heads every e-mail subject and picks the SMS
 * template (`SMS_TEMPLATES`).
 */
export const MESSAGE_EVENTS = {
  'account.reset_password': '忘记密码',
  'auth.login_sms_code': '登录短信验证码',
  'account.recover_username': '找回用户名',
  'review.interview': '面试通知',
  'declaration.status': '申报状态变更',
  'declaration.correction': '申报补正通知',
  'unit_permission.result': '单位权限审核结果',
  'certificate.ministry_report': '证书报送人社部',
  notice: '系统通知',
} as const;
export type MessageEvent = keyof typeof MESSAGE_EVENTS;

/** X-05 delivery state of a message: waiting (or retrying), delivered, or given up after the last attempt (dead letter). */
export const MESSAGE_STATUS_LABELS = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;
export type MessageStatus = keyof typeof MESSAGE_STATUS_LABELS;
export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, string> = { sms: '短信', email: '电子邮件', inapp: '站内消息', ministry: '部级上报' };

import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { ADMIN_CONSOLE_ROLES, Permission, PERMISSION_ROLES, Role } from '@zhicheng/contracts';
import { homeOf, useAuth } from './lib/auth';
import { PublicLayout } from './layouts/PublicLayout';
import type { ConsoleCrumb, ConsoleMenuItem } from './layouts/ConsoleLayout';
import type { MenuIcon } from './layouts/menu-icons';
import { RequireAccess } from './components/RequireAccess';
import { FullPageSpin } from './components/FullPageSpin';

/**
 * The one route table. Each page is a lazily loaded chunk (a cold visit loads the shell and that page only); `access` says which roles may enter,
 * `menu` puts the page in the console's side menu.
 */
interface PageRoute {
  /** Relative to the console (or absolute for public pages); '' is the console's home. */
  path: string;
  title: string;
  load: () => Promise<ComponentType>;
  /** The icon is named here and drawn by the (lazily loaded) console layout. */
  menu?: { icon: MenuIcon };
  /** Narrower than the console's roles: only these roles may open the page (and see its menu entry). */
  access?: readonly Role[];
}

interface ConsoleDef {
  base: '/hall' | '/office' | '/admin';
  title: string;
  access: readonly Role[];
  /** Who may open a page that names no `access` of its own (default: the console's roles). */
  pageAccess?: readonly Role[];
  pages: PageRoute[];
}

/** Pages every role of a console opens (home, own account). */
const ADMIN_ALL = ADMIN_CONSOLE_ROLES;

/** Auditors of the back office (the expert does not audit declarations). */
const AUDIT_ROLES = [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator] as const;

export const CONSOLES: ConsoleDef[] = [
  {
    base: '/hall',
    title: '个人网厅',
    access: [Role.Applicant],
    pages: [
      {
        path: '',
        title: '首页',
        load: () => import('./features/hall/pages/HallHome').then((m) => m.HallHome),
        menu: { icon: 'HomeOutlined' },
      },
      {
        path: 'declare/review',
        title: '职称评审申报',
        load: () => import('./features/declaration/pages/StartDeclarationPage').then((m) => m.StartReviewPage),
        menu: { icon: 'FileAddOutlined' },
      },
      {
        path: 'declare/initial',
        title: '职称初定申报',
        load: () => import('./features/declaration/pages/StartDeclarationPage').then((m) => m.StartInitialPage),
        menu: { icon: 'FileDoneOutlined' },
      },
      {
        path: 'declarations',
        title: '我的办件',
        load: () => import('./features/declaration/pages/MyDeclarationsPage').then((m) => m.MyDeclarationsPage),
        menu: { icon: 'FolderOpenOutlined' },
      },
      {
        path: 'declarations/:id',
        title: '申报详情',
        load: () => import('./features/declaration/pages/DeclarationPage').then((m) => m.DeclarationPage),
      },
      {
        path: 'messages',
        title: '消息中心',
        load: () => import('./features/account/pages/MessagesPage').then((m) => m.MessagesPage),
        menu: { icon: 'BellOutlined' },
      },
      {
        path: 'certificates',
        title: '我的证书',
        load: () => import('./features/certificate/pages/MyCertificatesPage').then((m) => m.MyCertificatesPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'certificate-applications',
        title: '证书登记与补发',
        load: () => import('./features/certificate/pages/CertificateApplyPage').then((m) => m.CertificateApplyPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'profile',
        title: '个人信息',
        load: () => import('./features/account/pages/ProfilePage').then((m) => m.ProfilePage),
        menu: { icon: 'UserOutlined' },
      },
      {
        path: 'password',
        title: '修改密码',
        load: () => import('./features/account/pages/ChangePasswordPage').then((m) => m.ChangePasswordPage),
        menu: { icon: 'LockOutlined' },
      },
    ],
  },
  {
    base: '/office',
    title: '业务工作台',
    access: [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator, Role.Expert],
    pages: [
      {
        path: '',
        title: '首页',
        load: () => import('./features/office/pages/OfficeHome').then((m) => m.OfficeHome),
        menu: { icon: 'HomeOutlined' },
      },
      {
        path: 'permission',
        title: '权限申请',
        load: () => import('./features/unit-permission/UnitPermissionPage').then((m) => m.UnitPermissionPage),
        menu: { icon: 'SafetyCertificateOutlined' },
        access: [Role.UnitOperator],
      },
      {
        path: 'batches',
        title: '申报批次',
        load: () => import('./features/batches/BatchesPage').then((m) => m.BatchesPage),
        menu: { icon: 'CalendarOutlined' },
        access: [Role.CommitteeOperator, Role.AcceptanceOperator],
      },
      {
        path: 'experts',
        title: '专家库',
        load: () => import('./features/experts/ExpertsPage').then((m) => m.ExpertsPage),
        menu: { icon: 'CrownOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'path-apply',
        title: '路径申请',
        load: () => import('./features/audit-tree/pages/PathApplyPage').then((m) => m.PathApplyPage),
        menu: { icon: 'SendOutlined' },
        access: PERMISSION_ROLES[Permission.PathApply],
      },
      {
        path: 'path-review',
        title: '路径审核',
        load: () => import('./features/audit-tree/pages/PathReviewPage').then((m) => m.PathReviewPage),
        menu: { icon: 'CheckSquareOutlined' },
        access: PERMISSION_ROLES[Permission.PathReview],
      },
      {
        path: 'committee-subordinates',
        title: '下级单位管理',
        load: () => import('./features/audit-tree/pages/SubordinatesPage').then((m) => m.SubordinatesPage),
        menu: { icon: 'ClusterOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'committee-levels',
        title: '审核层级配置确认',
        load: () => import('./features/audit-tree/pages/LevelConfirmPage').then((m) => m.LevelConfirmPage),
        menu: { icon: 'ApartmentOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'audit',
        title: '数据审核',
        load: () => import('./features/audit/pages/AuditQueuePage').then((m) => m.AuditQueuePage),
        menu: { icon: 'FileSearchOutlined' },
        access: AUDIT_ROLES,
      },
      {
        path: 'audit/:id',
        title: '审核申报',
        load: () => import('./features/audit/pages/AuditPage').then((m) => m.AuditPage),
        access: AUDIT_ROLES,
      },
      {
        path: 'dashboard',
        title: '办件在哪儿',
        load: () => import('./features/dashboard/WaitingDashboardPage').then((m) => m.WaitingDashboardPage),
        menu: { icon: 'FieldTimeOutlined' },
        access: PERMISSION_ROLES[Permission.DashboardRead].filter((r) => r !== Role.OfficeAdmin),
      },
      {
        path: 'publicity',
        title: '申报公示',
        load: () => import('./features/audit/pages/PublicityPage').then((m) => m.PublicityPage),
        menu: { icon: 'SoundOutlined' },
        access: [Role.UnitOperator],
      },
      {
        path: 'review-plans',
        title: '评审方案',
        load: () => import('./features/review/pages/ReviewPlansPage').then((m) => m.ReviewPlansPage),
        menu: { icon: 'ScheduleOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'review-plans/:id',
        title: '评审方案详情',
        load: () => import('./features/review/pages/ReviewPlanPage').then((m) => m.ReviewPlanPage),
        access: [Role.CommitteeOperator],
      },
      {
        path: 'expert-review',
        title: '专家评审',
        load: () => import('./features/review/pages/ExpertWorkspacePages').then((m) => m.ExpertPlansPage),
        menu: { icon: 'ScheduleOutlined' },
        access: [Role.Expert],
      },
      {
        path: 'expert-review/:id',
        title: '评审',
        load: () => import('./features/review/pages/ExpertWorkspacePages').then((m) => m.ExpertPlanPage),
        access: [Role.Expert],
      },
      {
        path: 'report-up',
        title: '推荐上报',
        load: () => import('./features/audit/pages/ReportUpPage').then((m) => m.ReportUpPage),
        menu: { icon: 'CloudUploadOutlined' },
        access: [Role.UnitOperator],
      },
      {
        path: 'quota',
        title: '职数申报',
        load: () => import('./features/quota/QuotaDeclarePage').then((m) => m.QuotaDeclarePage),
        menu: { icon: 'NumberOutlined' },
        access: PERMISSION_ROLES[Permission.QuotaDeclare],
      },
      {
        path: 'quota-audit',
        title: '职数审核',
        load: () => import('./features/quota/QuotaAuditPage').then((m) => m.QuotaAuditPage),
        menu: { icon: 'NumberOutlined' },
        access: PERMISSION_ROLES[Permission.QuotaAudit],
      },
      {
        path: 'expert-records',
        title: '评委申报记录查询',
        load: () => import('./features/expert-records/ExpertRecordsPage').then((m) => m.ExpertRecordsPage),
        menu: { icon: 'IdcardOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'batch-proposals',
        title: '年度批次信息提交',
        load: () => import('./features/batch-proposals/BatchProposalsPage').then((m) => m.BatchProposalsPage),
        menu: { icon: 'ScheduleOutlined' },
        access: PERMISSION_ROLES[Permission.BatchProposalSubmit],
      },
      {
        path: 'certificates',
        title: '证书查询',
        load: () => import('./features/certificate/pages/CertificatesPage').then((m) => m.CommitteeCertificatesPage),
        menu: { icon: 'SafetyCertificateOutlined' },
        access: [Role.CommitteeOperator],
      },
      {
        path: 'applicants',
        title: '申报人员查询',
        load: () => import('./features/audit/pages/UnitApplicantsPage').then((m) => m.UnitApplicantsPage),
        menu: { icon: 'UsergroupAddOutlined' },
        access: [Role.UnitOperator],
      },
      {
        path: 'sanctions',
        title: '处分登记',
        load: () => import('./features/eligibility/SanctionsPage').then((m) => m.SanctionsPage),
        menu: { icon: 'StopOutlined' },
        access: [Role.UnitOperator],
      },
      {
        path: 'profile',
        title: '个人信息',
        load: () => import('./features/account/pages/ProfilePage').then((m) => m.ProfilePage),
        menu: { icon: 'UserOutlined' },
      },
      {
        path: 'password',
        title: '修改密码',
        load: () => import('./features/account/pages/ChangePasswordPage').then((m) => m.ChangePasswordPage),
        menu: { icon: 'LockOutlined' },
      },
    ],
  },
  {
    base: '/admin',
    title: '职称管理',
    access: ADMIN_CONSOLE_ROLES,
    // 三员分立 (A-31): business pages are the 职称管理部门管理员's; the system, security and audit administrators see theirs only
    pageAccess: [Role.OfficeAdmin],
    pages: [
      {
        path: '',
        title: '首页',
        load: () => import('./features/admin/pages/AdminHome').then((m) => m.AdminHome),
        menu: { icon: 'HomeOutlined' },
        access: ADMIN_ALL,
      },
      {
        path: 'organisations',
        title: '机构管理',
        load: () => import('./features/admin/pages/OrganisationsPage').then((m) => m.OrganisationsPage),
        menu: { icon: 'BankOutlined' },
      },
      {
        path: 'committees',
        title: '评委会管理',
        load: () => import('./features/admin/pages/CommitteesPage').then((m) => m.CommitteesPage),
        menu: { icon: 'ClusterOutlined' },
      },
      {
        path: 'unit-permission',
        title: '单位权限审核',
        load: () => import('./features/admin/pages/UnitPermissionsPage').then((m) => m.UnitPermissionsPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'professions',
        title: '专业管理',
        load: () => import('./features/admin/pages/ProfessionsPage').then((m) => m.ProfessionsPage),
        menu: { icon: 'ApartmentOutlined' },
      },
      {
        path: 'titles',
        title: '职称管理',
        load: () => import('./features/admin/pages/TitlesPage').then((m) => m.TitlesPage),
        menu: { icon: 'SolutionOutlined' },
      },
      {
        path: 'batches',
        title: '申报批次',
        load: () => import('./features/batches/BatchesPage').then((m) => m.BatchesPage),
        menu: { icon: 'CalendarOutlined' },
      },
      {
        path: 'experts',
        title: '专家库',
        load: () => import('./features/experts/ExpertsPage').then((m) => m.ExpertsPage),
        menu: { icon: 'CrownOutlined' },
      },
      {
        path: 'calendar',
        title: '工作日历',
        load: () => import('./features/calendar/pages/CalendarPage').then((m) => m.CalendarPage),
        menu: { icon: 'CalendarOutlined' },
      },
      {
        path: 'audit',
        title: '资格审核',
        load: () => import('./features/audit/pages/AuditQueuePage').then((m) => m.AuditQueuePage),
        menu: { icon: 'FileSearchOutlined' },
      },
      { path: 'audit/:id', title: '审核申报', load: () => import('./features/audit/pages/AuditPage').then((m) => m.AuditPage) },
      {
        path: 'dashboard',
        title: '办件在哪儿',
        load: () => import('./features/dashboard/WaitingDashboardPage').then((m) => m.WaitingDashboardPage),
        menu: { icon: 'FieldTimeOutlined' },
      },
      {
        path: 'trace',
        title: '过程跟踪',
        load: () => import('./features/audit/pages/TracePage').then((m) => m.TracePage),
        menu: { icon: 'HistoryOutlined' },
      },
      {
        path: 'rollback',
        title: '回退',
        load: () => import('./features/audit/pages/RollbackPage').then((m) => m.RollbackPage),
        menu: { icon: 'RollbackOutlined' },
      },
      {
        path: 'review-plans',
        title: '评审方案',
        load: () => import('./features/review/pages/ReviewPlansPage').then((m) => m.ReviewPlansPage),
        menu: { icon: 'ScheduleOutlined' },
      },
      {
        path: 'review-plans/:id',
        title: '评审方案详情',
        load: () => import('./features/review/pages/ReviewPlanPage').then((m) => m.ReviewPlanPage),
      },
      {
        path: 'transfer',
        title: '转换评委会',
        load: () => import('./features/audit/pages/TransferPage').then((m) => m.TransferPage),
        menu: { icon: 'SwapOutlined' },
      },
      {
        path: 'quotas',
        title: '职数申报查询',
        load: () => import('./features/quota/QuotaQueryPage').then((m) => m.QuotaQueryPage),
        menu: { icon: 'NumberOutlined' },
      },
      {
        path: 'batch-proposals',
        title: '年度批次审核',
        load: () => import('./features/batch-proposals/BatchProposalsPage').then((m) => m.BatchProposalsPage),
        menu: { icon: 'ScheduleOutlined' },
      },
      {
        path: 'expert-records',
        title: '评委申报记录查询',
        load: () => import('./features/expert-records/ExpertRecordsPage').then((m) => m.ExpertRecordsPage),
        menu: { icon: 'IdcardOutlined' },
      },
      {
        path: 'users',
        title: '账号管理',
        load: () => import('./features/admin/pages/UsersPage').then((m) => m.UsersPage),
        menu: { icon: 'TeamOutlined' },
        access: PERMISSION_ROLES[Permission.AccountsRead],
      },
      {
        path: 'security-policy',
        title: '安全策略',
        load: () => import('./features/security/pages/SecurityPolicyPage').then((m) => m.SecurityPolicyPage),
        menu: { icon: 'SafetyCertificateOutlined' },
        access: PERMISSION_ROLES[Permission.SecurityPolicyManage],
      },
      {
        path: 'permissions',
        title: '角色权限',
        load: () => import('./features/security/pages/PermissionMatrixPage').then((m) => m.PermissionMatrixPage),
        menu: { icon: 'IdcardOutlined' },
        access: PERMISSION_ROLES[Permission.RolesAssign],
      },
      {
        path: 'audit-paths',
        title: '审核路径配置',
        load: () => import('./features/audit-tree/pages/EdgesPage').then((m) => m.EdgesPage),
        menu: { icon: 'BranchesOutlined' },
        access: PERMISSION_ROLES[Permission.PathConfigure],
      },
      {
        path: 'audit-path-diagnosis',
        title: '审核路径诊断',
        load: () => import('./features/audit-tree/pages/DiagnosisPage').then((m) => m.DiagnosisPage),
        menu: { icon: 'NodeIndexOutlined' },
        access: PERMISSION_ROLES[Permission.PathConfigure],
      },
      {
        path: 'blacklist',
        title: '黑名单管理',
        load: () => import('./features/blacklist/pages/BlacklistPage').then((m) => m.BlacklistPage),
        menu: { icon: 'StopOutlined' },
      },
      {
        path: 'sanctions',
        title: '处分登记',
        load: () => import('./features/eligibility/SanctionsPage').then((m) => m.SanctionsPage),
        menu: { icon: 'StopOutlined' },
      },
      {
        path: 'certificate-issuing',
        title: '证书发放',
        load: () => import('./features/certificate/pages/IssuingPage').then((m) => m.IssuingPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'certificate-numbers',
        title: '证书编号生成',
        load: () => import('./features/certificate/pages/NumberPoolsPage').then((m) => m.NumberPoolsPage),
        menu: { icon: 'NumberOutlined' },
      },
      {
        path: 'certificate-report',
        title: '证书报送人社部',
        load: () => import('./features/certificate/pages/MinistryReportPage').then((m) => m.MinistryReportPage),
        menu: { icon: 'CloudUploadOutlined' },
      },
      {
        path: 'certificates',
        title: '证书查询',
        load: () => import('./features/certificate/pages/CertificatesPage').then((m) => m.CertificatesPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'certificate-applications',
        title: '证书登记审核',
        load: () => import('./features/certificate/pages/CertificateApplicationsPage').then((m) => m.CertificateApplicationsPage),
        menu: { icon: 'SafetyCertificateOutlined' },
      },
      {
        path: 'notices',
        title: '公告与政策',
        load: () => import('./features/notices/pages/AdminNoticesPage').then((m) => m.AdminNoticesPage),
        menu: { icon: 'NotificationOutlined' },
      },
      {
        path: 'jobs',
        title: '后台任务',
        load: () => import('./features/jobs/pages/JobsPage').then((m) => m.JobsPage),
        menu: { icon: 'FieldTimeOutlined' },
        access: PERMISSION_ROLES[Permission.JobsManage],
      },
      {
        path: 'messages',
        title: '消息投递',
        load: () => import('./features/jobs/pages/MessagesPage').then((m) => m.MessagesPage),
        menu: { icon: 'MailOutlined' },
        access: PERMISSION_ROLES[Permission.JobsManage],
      },
      {
        path: 'audit-logs',
        title: '操作日志',
        load: () => import('./features/admin/pages/AuditLogsPage').then((m) => m.AuditLogsPage),
        menu: { icon: 'AuditOutlined' },
        access: PERMISSION_ROLES[Permission.AuditLogRead],
      },
      {
        path: 'profile',
        title: '个人信息',
        load: () => import('./features/account/pages/ProfilePage').then((m) => m.ProfilePage),
        menu: { icon: 'UserOutlined' },
        access: ADMIN_ALL,
      },
      {
        path: 'password',
        title: '修改密码',
        load: () => import('./features/account/pages/ChangePasswordPage').then((m) => m.ChangePasswordPage),
        menu: { icon: 'LockOutlined' },
        access: ADMIN_ALL,
      },
    ],
  },
];

const PUBLIC_PAGES: PageRoute[] = [
  { path: '/login', title: '登录', load: () => import('./features/auth/pages/LoginPage').then((m) => m.LoginPage) },
  { path: '/register', title: '个人注册', load: () => import('./features/auth/pages/RegisterPage').then((m) => m.RegisterPage) },
  {
    path: '/register-unit',
    title: '单位注册',
    load: () => import('./features/auth/pages/RegisterUnitPage').then((m) => m.RegisterUnitPage),
  },
  {
    path: '/forgot-password',
    title: '找回账号',
    load: () => import('./features/auth/pages/ForgotPasswordPage').then((m) => m.ForgotPasswordPage),
  },
  {
    path: '/reset-password',
    title: '重置密码',
    load: () => import('./features/auth/pages/ResetPasswordPage').then((m) => m.ResetPasswordPage),
  },
  { path: '/verify', title: '证书查询', load: () => import('./features/public/pages/VerifyPage').then((m) => m.VerifyPage) },
  { path: '/notices', title: '通知公告', load: () => import('./features/public/pages/NoticesPage').then((m) => m.NoticesPage) },
  {
    path: '/publicity',
    title: '申报公示',
    load: () => import('./features/public/pages/PublicityPublicPage').then((m) => m.PublicityPublicPage),
  },
  { path: '/dev/outbox', title: '开发收件箱', load: () => import('./features/dev/pages/OutboxPage').then((m) => m.OutboxPage) },
];

const APP_TITLE = '职称申报评审系统';

function lazyPage(p: PageRoute): RouteObject['lazy'] {
  return async () => {
    const Page = await p.load();
    function Titled() {
      document.title = `${p.title} - ${APP_TITLE}`;
      return p.access ? (
        <RequireAccess roles={p.access}>
          <Page />
        </RequireAccess>
      ) : (
        <Page />
      );
    }
    return { Component: Titled };
  };
}

function Home() {
  const { user, ready } = useAuth();
  if (!ready) return <FullPageSpin />;
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

// The consoles' shell (menu, drawer, header) and the 404 page are loaded with the first page that needs them.
const ConsoleLayout = lazy(() => import('./layouts/ConsoleLayout').then((m) => ({ default: m.ConsoleLayout })));
const LazyNotFound = lazy(() => import('./components/NotFound').then((m) => ({ default: m.NotFound })));
function NotFound() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <LazyNotFound />
    </Suspense>
  );
}

/**
 * The side menus grouped by work, in the seeds' words (issue 15): console → group → the pages' paths.
 * A page not listed stays ungrouped at the top (首页).
 */
const MENU_GROUPS: Partial<Record<ConsoleDef['base'], [string, string[]][]>> = {
  '/admin': [
    ['申报与审核', ['audit', 'dashboard', 'trace', 'rollback', 'transfer', 'batches', 'batch-proposals', 'quotas', 'unit-permission']],
    ['评审', ['review-plans', 'experts', 'expert-records']],
    ['证书', ['certificate-issuing', 'certificate-numbers', 'certificate-report', 'certificates', 'certificate-applications']],
    [
      '基础数据',
      [
        'organisations',
        'committees',
        'professions',
        'titles',
        'calendar',
        'audit-paths',
        'audit-path-diagnosis',
        'blacklist',
        'sanctions',
        'notices',
      ],
    ],
    ['系统管理', ['users', 'security-policy', 'permissions', 'jobs', 'messages', 'audit-logs', 'profile', 'password']],
  ],
  '/office': [
    ['申报与审核', ['audit', 'dashboard', 'publicity', 'report-up', 'applicants', 'sanctions', 'batches', 'quota', 'quota-audit']],
    ['评审', ['review-plans', 'expert-review', 'experts', 'expert-records', 'batch-proposals']],
    ['证书', ['certificates']],
    ['机构与路径', ['permission', 'path-apply', 'path-review', 'committee-subordinates', 'committee-levels']],
    ['账号', ['profile', 'password']],
  ],
};

/**
 * The seed systems' function names (manual 001's menu) that are not this system's menu names, and the page that does
 * each: the header's 功能搜索 knows them, so an operator trained on the old system finds the function by its old name.
 */
const SEED_FUNCTION_NAMES: Partial<Record<ConsoleDef['base'], [string, string][]>> = {
  '/admin': [
    ['受理机构管理', 'organisations'],
    ['发证单位编码', 'organisations'],
    ['评委会查询', 'committees'],
    ['呈报方案审核（特殊情况）', 'review-plans?status=submitted'],
    ['呈报方案查询', 'review-plans'],
    ['职称评审结果备案', 'review-plans?status=filing_applied'],
    ['生成电子证书', 'certificate-issuing'],
    ['证书查询', 'certificates'],
  ],
  '/office': [
    ['评审方案呈报', 'review-plans?status=draft'],
    ['推荐上报', 'report-up'],
  ],
};

function groupOf(c: ConsoleDef, path: string): string | undefined {
  return MENU_GROUPS[c.base]?.find(([, paths]) => paths.includes(path))?.[0];
}

function consoleRoute(def: ConsoleDef): RouteObject {
  const c: ConsoleDef = def.pageAccess ? { ...def, pages: def.pages.map((p) => ({ ...p, access: p.access ?? def.pageAccess })) } : def;
  const menu: ConsoleMenuItem[] = c.pages
    .filter((p) => p.menu)
    .map((p) => ({
      path: p.path ? `${c.base}/${p.path}` : c.base,
      label: p.title,
      icon: p.menu!.icon,
      roles: p.access,
      group: groupOf(c, p.path),
    }));
  // breadcrumbs: every page of the console (detail pages take the group of their list: 'audit/:id' → 'audit')
  const crumbs: ConsoleCrumb[] = c.pages.map((p) => ({
    pattern: p.path ? `${c.base}/${p.path}` : c.base,
    title: p.title,
    group: groupOf(c, p.path.split('/')[0]),
  }));
  return {
    path: c.base,
    element: (
      <RequireAccess roles={c.access}>
        <Suspense fallback={<FullPageSpin />}>
          <ConsoleLayout
            title={c.title}
            base={c.base}
            menu={menu}
            crumbs={crumbs}
            aliases={(SEED_FUNCTION_NAMES[c.base] ?? []).map(([name, path]) => ({ name, path: `${c.base}/${path}` }))}
          />
        </Suspense>
      </RequireAccess>
    ),
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      ...c.pages.map((p): RouteObject => (p.path === '' ? { index: true, lazy: lazyPage(p) } : { path: p.path, lazy: lazyPage(p) })),
      { path: '*', element: <NotFound /> },
    ],
  };
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: '/', element: <Home /> },
      ...PUBLIC_PAGES.map((p) => ({ path: p.path, lazy: lazyPage(p) })),
      { path: '*', element: <NotFound /> },
    ],
  },
  ...CONSOLES.map(consoleRoute),
]);

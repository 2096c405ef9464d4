import type { ComponentType, ReactNode } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { Button, Result } from 'antd';
import {
  FieldTimeOutlined,
  MailOutlined,
  ScheduleOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CrownOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  IdcardOutlined,
  NumberOutlined,
  NodeIndexOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SolutionOutlined,
  SoundOutlined,
  SwapOutlined,
  UsergroupAddOutlined,
  BellOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  LockOutlined,
  NotificationOutlined,
  StopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Permission, PERMISSION_ROLES, Role } from '@zhicheng/contracts';
import { homeOf, useAuth } from './lib/auth';
import { PublicLayout } from './layouts/PublicLayout';
import { ConsoleLayout, type ConsoleMenuItem } from './layouts/ConsoleLayout';
import { RequireAccess } from './components/RequireAccess';
import { FullPageSpin } from './components/FullPageSpin';

/**
 * The one route table. Each console is a lazily loaded chunk; `access` says which roles may enter,
 * `menu` puts the page in the console's side menu.
 */
interface PageRoute {
  /** Relative to the console (or absolute for public pages); '' is the console's home. */
  path: string;
  title: string;
  load: () => Promise<ComponentType>;
  menu?: { icon: ReactNode };
  /** Narrower than the console's roles: only these roles may open the page (and see its menu entry). */
  access?: readonly Role[];
}

interface ConsoleDef {
  base: '/hall' | '/office' | '/admin';
  title: string;
  access: readonly Role[];
  pages: PageRoute[];
}

/** Auditors of the back office (the expert does not audit declarations). */
const AUDIT_ROLES = [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator] as const;

const hall = () => import('./consoles/hall');
const office = () => import('./consoles/office');
const admin = () => import('./consoles/admin');
const pub = () => import('./consoles/public');

export const CONSOLES: ConsoleDef[] = [
  {
    base: '/hall',
    title: '个人网厅',
    access: [Role.Applicant],
    pages: [
      { path: '', title: '首页', load: () => hall().then((m) => m.HallHome), menu: { icon: <HomeOutlined /> } },
      { path: 'declare/review', title: '职称评审申报', load: () => hall().then((m) => m.StartReviewPage), menu: { icon: <FileAddOutlined /> } },
      { path: 'declare/initial', title: '职称初定申报', load: () => hall().then((m) => m.StartInitialPage), menu: { icon: <FileDoneOutlined /> } },
      { path: 'declarations', title: '我的办件', load: () => hall().then((m) => m.MyDeclarationsPage), menu: { icon: <FolderOpenOutlined /> } },
      { path: 'declarations/:id', title: '申报详情', load: () => hall().then((m) => m.DeclarationPage) },
      { path: 'messages', title: '消息中心', load: () => hall().then((m) => m.MessagesPage), menu: { icon: <BellOutlined /> } },
      { path: 'certificates', title: '我的证书', load: () => hall().then((m) => m.MyCertificatesPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'certificate-applications', title: '证书登记与补发', load: () => hall().then((m) => m.CertificateApplyPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'profile', title: '个人信息', load: () => hall().then((m) => m.ProfilePage), menu: { icon: <UserOutlined /> } },
      { path: 'password', title: '修改密码', load: () => hall().then((m) => m.ChangePasswordPage), menu: { icon: <LockOutlined /> } },
    ],
  },
  {
    base: '/office',
    title: '业务工作台',
    access: [Role.UnitOperator, Role.DeptOperator, Role.CommitteeOperator, Role.AcceptanceOperator, Role.Expert],
    pages: [
      { path: '', title: '首页', load: () => office().then((m) => m.OfficeHome), menu: { icon: <HomeOutlined /> } },
      { path: 'permission', title: '权限申请', load: () => office().then((m) => m.UnitPermissionPage), menu: { icon: <SafetyCertificateOutlined /> }, access: [Role.UnitOperator] },
      { path: 'batches', title: '申报批次', load: () => office().then((m) => m.BatchesPage), menu: { icon: <CalendarOutlined /> }, access: [Role.CommitteeOperator, Role.AcceptanceOperator] },
      { path: 'experts', title: '专家库', load: () => office().then((m) => m.ExpertsPage), menu: { icon: <CrownOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'path-apply', title: '路径申请', load: () => office().then((m) => m.PathApplyPage), menu: { icon: <SendOutlined /> }, access: PERMISSION_ROLES[Permission.PathApply] },
      { path: 'path-review', title: '路径审核', load: () => office().then((m) => m.PathReviewPage), menu: { icon: <CheckSquareOutlined /> }, access: PERMISSION_ROLES[Permission.PathReview] },
      { path: 'committee-subordinates', title: '下级单位管理', load: () => office().then((m) => m.SubordinatesPage), menu: { icon: <ClusterOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'committee-levels', title: '审核层级配置确认', load: () => office().then((m) => m.LevelConfirmPage), menu: { icon: <ApartmentOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'audit', title: '数据审核', load: () => office().then((m) => m.AuditQueuePage), menu: { icon: <FileSearchOutlined /> }, access: AUDIT_ROLES },
      { path: 'audit/:id', title: '审核申报', load: () => office().then((m) => m.AuditPage), access: AUDIT_ROLES },
      { path: 'publicity', title: '申报公示', load: () => office().then((m) => m.PublicityPage), menu: { icon: <SoundOutlined /> }, access: [Role.UnitOperator] },
      { path: 'review-plans', title: '评审方案', load: () => office().then((m) => m.ReviewPlansPage), menu: { icon: <ScheduleOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'review-plans/:id', title: '评审方案详情', load: () => office().then((m) => m.ReviewPlanPage), access: [Role.CommitteeOperator] },
      { path: 'expert-review', title: '专家评审', load: () => office().then((m) => m.ExpertPlansPage), menu: { icon: <ScheduleOutlined /> }, access: [Role.Expert] },
      { path: 'expert-review/:id', title: '评审', load: () => office().then((m) => m.ExpertPlanPage), access: [Role.Expert] },
      { path: 'report-up', title: '推荐上报', load: () => office().then((m) => m.ReportUpPage), menu: { icon: <CloudUploadOutlined /> }, access: [Role.UnitOperator] },
      { path: 'quota', title: '职数申报', load: () => office().then((m) => m.QuotaDeclarePage), menu: { icon: <NumberOutlined /> }, access: PERMISSION_ROLES[Permission.QuotaDeclare] },
      { path: 'quota-audit', title: '职数审核', load: () => office().then((m) => m.QuotaAuditPage), menu: { icon: <NumberOutlined /> }, access: PERMISSION_ROLES[Permission.QuotaAudit] },
      { path: 'expert-records', title: '评委申报记录查询', load: () => office().then((m) => m.ExpertRecordsPage), menu: { icon: <IdcardOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'batch-proposals', title: '年度批次信息提交', load: () => office().then((m) => m.BatchProposalsPage), menu: { icon: <ScheduleOutlined /> }, access: PERMISSION_ROLES[Permission.BatchProposalSubmit] },
      { path: 'certificates', title: '证书查询', load: () => office().then((m) => m.CommitteeCertificatesPage), menu: { icon: <SafetyCertificateOutlined /> }, access: [Role.CommitteeOperator] },
      { path: 'applicants', title: '申报人员查询', load: () => office().then((m) => m.UnitApplicantsPage), menu: { icon: <UsergroupAddOutlined /> }, access: [Role.UnitOperator] },
      { path: 'sanctions', title: '处分登记', load: () => office().then((m) => m.SanctionsPage), menu: { icon: <StopOutlined /> }, access: [Role.UnitOperator] },
      { path: 'profile', title: '个人信息', load: () => office().then((m) => m.ProfilePage), menu: { icon: <UserOutlined /> } },
      { path: 'password', title: '修改密码', load: () => office().then((m) => m.ChangePasswordPage), menu: { icon: <LockOutlined /> } },
    ],
  },
  {
    base: '/admin',
    title: '职称管理',
    access: [Role.OfficeAdmin],
    pages: [
      { path: '', title: '首页', load: () => admin().then((m) => m.AdminHome), menu: { icon: <HomeOutlined /> } },
      { path: 'organisations', title: '机构管理', load: () => admin().then((m) => m.OrganisationsPage), menu: { icon: <BankOutlined /> } },
      { path: 'committees', title: '评委会管理', load: () => admin().then((m) => m.CommitteesPage), menu: { icon: <ClusterOutlined /> } },
      { path: 'unit-permission', title: '单位权限审核', load: () => admin().then((m) => m.UnitPermissionsPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'professions', title: '专业管理', load: () => admin().then((m) => m.ProfessionsPage), menu: { icon: <ApartmentOutlined /> } },
      { path: 'titles', title: '职称管理', load: () => admin().then((m) => m.TitlesPage), menu: { icon: <SolutionOutlined /> } },
      { path: 'batches', title: '申报批次', load: () => admin().then((m) => m.BatchesPage), menu: { icon: <CalendarOutlined /> } },
      { path: 'experts', title: '专家库', load: () => admin().then((m) => m.ExpertsPage), menu: { icon: <CrownOutlined /> } },
      { path: 'calendar', title: '工作日历', load: () => admin().then((m) => m.CalendarPage), menu: { icon: <CalendarOutlined /> } },
      { path: 'audit', title: '资格审核', load: () => admin().then((m) => m.AuditQueuePage), menu: { icon: <FileSearchOutlined /> } },
      { path: 'audit/:id', title: '审核申报', load: () => admin().then((m) => m.AuditPage) },
      { path: 'trace', title: '过程跟踪', load: () => admin().then((m) => m.TracePage), menu: { icon: <HistoryOutlined /> } },
      { path: 'rollback', title: '回退', load: () => admin().then((m) => m.RollbackPage), menu: { icon: <RollbackOutlined /> } },
      { path: 'review-plans', title: '评审方案', load: () => admin().then((m) => m.ReviewPlansPage), menu: { icon: <ScheduleOutlined /> } },
      { path: 'review-plans/:id', title: '评审方案详情', load: () => admin().then((m) => m.ReviewPlanPage) },
      { path: 'transfer', title: '转换评委会', load: () => admin().then((m) => m.TransferPage), menu: { icon: <SwapOutlined /> } },
      { path: 'quotas', title: '职数申报查询', load: () => admin().then((m) => m.QuotaQueryPage), menu: { icon: <NumberOutlined /> } },
      { path: 'batch-proposals', title: '年度批次审核', load: () => admin().then((m) => m.BatchProposalsPage), menu: { icon: <ScheduleOutlined /> } },
      { path: 'expert-records', title: '评委申报记录查询', load: () => admin().then((m) => m.ExpertRecordsPage), menu: { icon: <IdcardOutlined /> } },
      { path: 'users', title: '账号管理', load: () => admin().then((m) => m.UsersPage), menu: { icon: <TeamOutlined /> } },
      { path: 'audit-paths', title: '审核路径配置', load: () => admin().then((m) => m.EdgesPage), menu: { icon: <BranchesOutlined /> }, access: PERMISSION_ROLES[Permission.PathConfigure] },
      { path: 'audit-path-diagnosis', title: '审核路径诊断', load: () => admin().then((m) => m.DiagnosisPage), menu: { icon: <NodeIndexOutlined /> }, access: PERMISSION_ROLES[Permission.PathConfigure] },
      { path: 'blacklist', title: '黑名单管理', load: () => admin().then((m) => m.BlacklistPage), menu: { icon: <StopOutlined /> } },
      { path: 'sanctions', title: '处分登记', load: () => admin().then((m) => m.SanctionsPage), menu: { icon: <StopOutlined /> } },
      { path: 'certificate-issuing', title: '证书发放', load: () => admin().then((m) => m.IssuingPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'certificate-report', title: '证书报送人社部', load: () => admin().then((m) => m.MinistryReportPage), menu: { icon: <CloudUploadOutlined /> } },
      { path: 'certificates', title: '证书查询', load: () => admin().then((m) => m.CertificatesPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'certificate-applications', title: '证书登记审核', load: () => admin().then((m) => m.CertificateApplicationsPage), menu: { icon: <SafetyCertificateOutlined /> } },
      { path: 'notices', title: '公告与政策', load: () => admin().then((m) => m.AdminNoticesPage), menu: { icon: <NotificationOutlined /> } },
      { path: 'jobs', title: '后台任务', load: () => admin().then((m) => m.JobsPage), menu: { icon: <FieldTimeOutlined /> }, access: PERMISSION_ROLES[Permission.JobsManage] },
      { path: 'messages', title: '消息投递', load: () => admin().then((m) => m.MessagesPage), menu: { icon: <MailOutlined /> }, access: PERMISSION_ROLES[Permission.JobsManage] },
      { path: 'audit-logs', title: '操作日志', load: () => admin().then((m) => m.AuditLogsPage), menu: { icon: <AuditOutlined /> } },
      { path: 'profile', title: '个人信息', load: () => admin().then((m) => m.ProfilePage), menu: { icon: <UserOutlined /> } },
      { path: 'password', title: '修改密码', load: () => admin().then((m) => m.ChangePasswordPage), menu: { icon: <LockOutlined /> } },
    ],
  },
];

const PUBLIC_PAGES: PageRoute[] = [
  { path: '/login', title: '登录', load: () => pub().then((m) => m.LoginPage) },
  { path: '/register', title: '个人注册', load: () => pub().then((m) => m.RegisterPage) },
  { path: '/register-unit', title: '单位注册', load: () => pub().then((m) => m.RegisterUnitPage) },
  { path: '/forgot-password', title: '找回账号', load: () => pub().then((m) => m.ForgotPasswordPage) },
  { path: '/reset-password', title: '重置密码', load: () => pub().then((m) => m.ResetPasswordPage) },
  { path: '/verify', title: '证书查询', load: () => pub().then((m) => m.VerifyPage) },
  { path: '/notices', title: '通知公告', load: () => pub().then((m) => m.NoticesPage) },
  { path: '/publicity', title: '申报公示', load: () => pub().then((m) => m.PublicityPublicPage) },
  { path: '/dev/outbox', title: '开发收件箱', load: () => pub().then((m) => m.OutboxPage) },
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

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" href="/">
          返回首页
        </Button>
      }
    />
  );
}

function consoleRoute(c: ConsoleDef): RouteObject {
  const menu: ConsoleMenuItem[] = c.pages
    .filter((p) => p.menu)
    .map((p) => ({ path: p.path ? `${c.base}/${p.path}` : c.base, label: p.title, icon: p.menu!.icon, roles: p.access }));
  return {
    path: c.base,
    element: (
      <RequireAccess roles={c.access}>
        <ConsoleLayout title={c.title} base={c.base} menu={menu} />
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
    children: [{ path: '/', element: <Home /> }, ...PUBLIC_PAGES.map((p) => ({ path: p.path, lazy: lazyPage(p) })), { path: '*', element: <NotFound /> }],
  },
  ...CONSOLES.map(consoleRoute),
]);

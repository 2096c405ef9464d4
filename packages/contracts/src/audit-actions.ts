import { DECLARATION_ACTION_LABELS } from './declaration-state.js';

/**
 * Issue 13, X-02: every audit-log action in Chinese, for the log an assessor reads (not `declaration.pass`). Exact
 * labels for the actions the API writes (a test walks the API source for them); anything else is named from its
 * object and verb, so no row is ever shown in code words.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.mfa_failed': '动态口令验证失败',
  'auth.refresh_reuse': '登录凭证被重复使用（强制下线）',
  'account.register': '个人注册',
  'unit.register': '单位注册',
  'account.update_profile': '修改个人信息',
  'account.change_password': '修改密码',
  'account.end_session': '下线登录设备',
  'account.recover_password': '找回密码',
  'account.reset_password': '重置密码',
  'account.recover_username': '找回用户名',
  'account.mfa_enable': '开启动态口令',
  'account.login_sms': '设置登录短信验证',
  'account.create_staff': '创建后台账号',
  'account.create_admin': '创建管理员',
  'account.create_expert': '创建专家账号',
  'account.lock': '账号锁定',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.change_role': '变更账号角色',
  'security_policy.update': '修改安全策略',
  'batch.auto_close': '申报批次到期截止',
  'batch.create': '新建申报批次',
  'batch.update': '修改申报批次',
  'batch.rules': '设置申报规则',
  'batch.template': '设置申报模板',
  'batch_proposal.submit': '提交年度批次',
  'batch_proposal.resubmit': '重新提交年度批次',
  'batch_proposal.return': '退回年度批次',
  'batch_proposal.approve': '通过年度批次',
  'blacklist.add': '加入黑名单',
  'blacklist.edit': '修改黑名单',
  'blacklist.lift': '解除黑名单',
  'calendar.set_day': '设置工作日历',
  'calendar.clear_day': '恢复工作日历',
  'certificate.batch.create': '创建发证批次',
  'certificate.grant.create': '生成证书授权核验码',
  'certificate.grant.revoke': '撤销证书授权核验码',
  'certificate.issue': '发放证书',
  'certificate.ministry_report.result': '人社部报送结果',
  'certificate.number_range.generate': '生成证书编号号段',
  'certificate.reseal': '重新签章',
  'certificate.revoke': '注销证书',
  'certificate-application.submit': '提交证书登记/补发申请',
  'certificate-application.approve': '通过证书登记/补发申请',
  'certificate-application.reject': '退回证书登记/补发申请',
  'committee.create': '新建评委会',
  'committee.update': '修改评委会',
  'committee.deregister': '注销评委会',
  'declaration.create': '新建申报',
  'declaration.save': '保存申报',
  'declaration.judge': '逐项审核意见',
  'declaration.report_settings': '设置上报信息',
  'expert.create': '新增专家',
  'expert.update': '修改专家',
  'expert.deactivate': '停用专家',
  'expert_action.rollback': '回退专家操作',
  'file.upload': '上传附件',
  'file.delete': '删除附件',
  'job.retry': '重试后台任务',
  'message.resend': '重新发送消息',
  'notice.create': '发布公告',
  'notice.update': '修改公告',
  'organisation.create': '新建机构',
  'organisation.update': '修改机构',
  'organisation.deregister': '注销机构',
  'profession.create': '新增专业',
  'profession.update': '修改专业',
  'profession.delete': '删除专业',
  'publicity.create': '发布申报公示',
  'quota.submit': '提交职数申报',
  'quota.resubmit': '重新提交职数申报',
  'quota.pass': '职数申报审核通过',
  'quota.return': '退回职数申报',
  'review_plan.create': '新建评审方案',
  'review_plan.update': '修改评审方案',
  'review_plan.submit': '呈报评审方案',
  'review_plan.draw': '抽取评委',
  'review_plan.expert_decline': '专家回避/拒绝',
  'review_plan.interview_notice': '发送面试通知',
  'review_plan.offline_results': '录入线下评审结果',
  'review_plan.close': '结束评审',
  'review_plan.publicity': '评审结果公示',
  'review_plan.filing_apply': '申请备案',
  'review_plan.filing_reject': '退回备案',
  'review_plan.file': '评审结果备案',
  'sanction.add': '登记处分',
  'sanction.lift': '解除处分',
  'title.create': '新增职称',
  'title.update': '修改职称',
  'title.delete': '删除职称',
  'unit_permission.apply': '申请单位权限',
  'audit-path.delete': '删除审核路径',
  'audit-path.committee-subordinate': '设置评委会下级单位',
  'audit-path.confirm-levels': '确认审核层级',
  'audit-path.config': '配置审核路径',
  'audit-path.import': '导入审核路径',
  'audit-path.application': '审核路径申请通过',
  'unit_permission.resubmit': '重新申请单位权限',
  ...Object.fromEntries(Object.entries(DECLARATION_ACTION_LABELS).map(([k, v]) => [`declaration.${k}`, v])),
};

const OBJECT_LABELS: Record<string, string> = {
  auth: '登录', account: '账号', unit: '单位', batch: '申报批次', batch_proposal: '年度批次', blacklist: '黑名单', calendar: '工作日历',
  certificate: '证书', 'certificate-application': '证书申请', committee: '评委会', declaration: '申报', expert: '专家', expert_action: '专家操作',
  file: '附件', job: '后台任务', message: '消息', notice: '公告', organisation: '机构', profession: '专业', publicity: '公示', quota: '职数申报',
  review_plan: '评审方案', sanction: '处分', title: '职称', unit_permission: '单位权限', 'audit-path': '审核路径',
};
const VERB_LABELS: Record<string, string> = {
  create: '新建', update: '修改', delete: '删除', submit: '提交', resubmit: '重新提交', approve: '通过', reject: '驳回', pass: '通过',
  return: '退回', apply: '申请', cancel: '取消', revoke: '撤销', import: '导入', export: '导出', lift: '解除', add: '新增', edit: '修改',
};

/** The Chinese name of an audit action: its exact label, else 对象·动作 from its parts, else 其他操作（code）. */
export function auditActionLabel(action: string): string {
  const exact = AUDIT_ACTION_LABELS[action];
  if (exact) return exact;
  const dot = action.lastIndexOf('.');
  const object = OBJECT_LABELS[action.slice(0, dot)] ?? OBJECT_LABELS[action.split('.')[0]!];
  const verb = VERB_LABELS[action.slice(dot + 1)];
  if (object && verb) return `${verb}${object}`;
  if (object) return `${object}操作`;
  return '其他操作';
}

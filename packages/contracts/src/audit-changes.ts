import { maskEmail, maskIdCard, maskMobile } from './validators.js';

/** X-02 (issue 13): one changed field of an audit row, as an assessor reads it. */
export interface AuditFieldChange {
  /** Dot path of the field, e.g. `contact.mobile`. */
  field: string;
  /** Chinese label of the last path segment, or the raw key when none is known. */
  label: string;
  /** Short rendering of the old value ('' when absent). */
  before: string;
  /** Short rendering of the new value ('' when absent). */
  after: string;
}

/** Chinese labels of the field names the API records in audit before/after. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  status: '状态',
  state: '状态',
  reason: '原因',
  username: '账号',
  account: '账号',
  kind: '类型',
  realName: '姓名',
  name: '名称',
  startsOn: '开始日期',
  endsOn: '结束日期',
  role: '角色',
  loginMaxFailures: '连续登录失败锁定次数',
  loginLockMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话最长时长（小时）',
  opinion: '意见',
  idCard: '身份证号',
  idCardNo: '身份证号',
  title: '标题',
  titleName: '职称名称',
  titleLevel: '职称级别',
  source: '来源',
  reportedStatus: '上报状态',
  organisationId: '所属机构',
  organisation: '所属机构',
  contact: '联系方式',
  mobile: '手机号码',
  phone: '电话',
  email: '电子邮箱',
  channel: '渠道',
  audience: '对象范围',
  count: '数量',
  total: '总数',
  version: '版本',
  value: '值',
  validDays: '有效天数',
  stage: '阶段',
  purpose: '用途',
  modules: '模块',
  module: '模块',
  mode: '方式',
  mfa: '双因素认证',
  recommendationRank: '推荐排名',
  returnedToApplicant: '退回申报人',
  rolledBack: '已回退',
  participants: '参与人',
};

const MAX_VALUE_LENGTH = 80;
const ID_CARD = /\b\d{17}[\dXx]\b|\b\d{15}\b/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const EMAIL = /[^\s@"',;]+@[^\s@"',;]+\.[^\s@"',;]+/g;

/** Masks any ID card number, mobile number or e-mail address inside a rendered value. */
function maskPersonal(text: string, key: string): string {
  const k = key.toLowerCase();
  if (k.includes('idcard') || k === 'idno') return maskIdCard(text);
  if (k.includes('mobile') || k.includes('phone')) return maskMobile(text);
  if (k.includes('email')) return maskEmail(text);
  return text.replace(ID_CARD, (m) => maskIdCard(m)).replace(MOBILE, (m) => maskMobile(m)).replace(EMAIL, (m) => maskEmail(m));
}

function render(value: unknown, key: string): string {
  if (value === undefined || value === null) return '';
  let text: string;
  if (typeof value === 'boolean') text = value ? '是' : '否';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else text = JSON.stringify(value);
  text = maskPersonal(text, key);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, value);
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (prefix) out.set(prefix, value);
}

/** Field label for a dot path: the label of its last segment, or the raw path. */
export function auditFieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  return AUDIT_FIELD_LABELS[last] ?? AUDIT_FIELD_LABELS[field] ?? field;
}

/**
 * the changed fields between an audit row's `before` and `after` (either may be null). Nested objects are
 * flattened to dot paths, arrays compared as JSON, values rendered as short strings with personal data masked.
 * A non-object snapshot counts as the field `value`.
 */
export function auditFieldChanges(before: unknown, after: unknown): AuditFieldChange[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  flatten(isPlainObject(before) || before == null ? before : { value: before }, '', b);
  flatten(isPlainObject(after) || after == null ? after : { value: after }, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  const changes: AuditFieldChange[] = [];
  for (const field of fields) {
    const old = b.get(field);
    const now = a.get(field);
    if (JSON.stringify(old ?? null) === JSON.stringify(now ?? null)) continue;
    const key = field.split('.').pop() ?? field;
    changes.push({ field, label: auditFieldLabel(field), before: render(old, key), after: render(now, key) });
  }
  return changes;
}

/** One line per change, `字段：旧值 → 新值`, for exports and compact cells. */
export function formatAuditChanges(changes: readonly AuditFieldChange[]): string {
  return changes.map((c) => `${c.label}：${c.before || '（空）'} → ${c.after || '（空）'}`).join('\n');
}

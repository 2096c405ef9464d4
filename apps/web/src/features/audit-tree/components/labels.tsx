import { Tag } from 'antd';
import { DECLARATION_KIND_LABELS, DeclarationKind, TITLE_LEVEL_LABELS, TitleLevel, type OrgType } from '@zhicheng/contracts';
import type { EdgeSource, EdgeStatus } from '../api';

export const KIND_OPTIONS = Object.values(DeclarationKind).map((k) => ({ value: k, label: DECLARATION_KIND_LABELS[k] }));
export const LEVEL_OPTIONS = Object.values(TitleLevel).map((l) => ({ value: l, label: TITLE_LEVEL_LABELS[l] }));

export const STATUS_LABELS: Record<EdgeStatus, string> = { pending: '待审核', approved: '已生效', rejected: '审核不通过' };
export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as EdgeStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const STATUS_COLORS: Record<EdgeStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

export const SOURCE_LABELS: Record<EdgeSource, string> = { application: '路径申请', config: '管理配置', import: 'Excel导入' };

export function StatusTag({ status }: { status: EdgeStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
}

export function pathType(upperType: OrgType): string {
  return upperType === 'committee' ? '评委会路径' : '单位路径';
}

/** Shapes of the reference-data API (regions, organisations, committees, batches, imports). */
import type { AdminLevel, CommitteeClass, DeclarationKind, OrgType, TitleLevel, UnitNature } from './enums.js';
import type { TemplateModule } from './declaration-modules.js';

export interface RegionDto {
  code: string;
  name: string;
  level: AdminLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface OrganisationDto {
  id: string;
  name: string;
  type: OrgType;
  regionCode: string;
  regionName?: string | null;
  level: AdminLevel | null;
  creditCode: string | null;
  nature: UnitNature | null;
  permitted: boolean;
  status: 'active' | 'deregistered';
  deregisterReason?: string | null;
  contactName: string | null;
  contactPhone: string | null;
  version: number;
  acceptance?: { certificateName: string; declarationNotice: string | null } | null;
  issuer?: { issuerCode: string } | null;
}

export interface CommitteeScopeItem {
  professionCode: string;
  titleLevel: TitleLevel;
  seriesCode: string;
}

export interface CommitteeDto {
  id: string;
  name: string;
  regionCode: string;
  level: AdminLevel;
  committeeClass: CommitteeClass;
  issuingDelegated: boolean;
  feeStandard: string | null;
  contactUserId: string | null;
  /** The contact person's operator account. */
  contact?: { id: string; username: string; realName: string } | null;
  status: 'active' | 'deregistered';
  deregisterReason: string | null;
  /** C-17: the period of the committee's filed review authority (评审权备案有效期), YYYY-MM-DD; null: not filed. */
  authorityFrom: string | null;
  authorityUntil: string | null;
  founders: { id: string; name: string }[];
  professions: CommitteeScopeItem[];
  version: number;
}

export interface BatchDto {
  id: string;
  name: string;
  year: number;
  kind: DeclarationKind;
  committeeId: string;
  committeeName?: string;
  levels: TitleLevel[];
  opensAt: string;
  closesAt: string;
  commitmentText: string;
  status: 'draft' | 'published' | 'closed';
  version: number;
}

export interface BatchTemplateDto {
  batchId: string;
  modules: TemplateModule[];
}

/** the answer of an import preview. */
export interface ImportPreview {
  jobId: string;
  kind: string;
  total: number;
  succeeded: number;
  failed: number;
  /** The first failing rows (all of them are listed by GET /api/imports/:id/rows?ok=false). */
  failures: { rowNo: number; error: string }[];
  status: 'previewed' | 'committed';
}

export const UnitPermissionStatus = { Pending: 'pending', Approved: 'approved', Rejected: 'rejected' } as const;
export type UnitPermissionStatus = (typeof UnitPermissionStatus)[keyof typeof UnitPermissionStatus];
export const UNIT_PERMISSION_STATUS_LABELS: Record<UnitPermissionStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已退回',
};

export const ExpertStatus = { Active: 'active', Suspended: 'suspended', Retired: 'retired' } as const;
export type ExpertStatus = (typeof ExpertStatus)[keyof typeof ExpertStatus];
export const EXPERT_STATUS_LABELS: Record<ExpertStatus, string> = { active: '在库', suspended: '暂停', retired: '退出' };

/** An entry of the expert pool (评委库). */
export interface ExpertDto {
  id: string;
  userId: string;
  username: string;
  realName: string;
  organisationId: string | null;
  organisationName: string | null;
  managedBy: string;
  managedByName: string;
  regionCode: string;
  titleLevel: TitleLevel;
  titleName: string;
  titleId: string | null;
  status: ExpertStatus;
  conflicts: { organisationId?: string; name: string; idCardMasked?: string; reason?: string }[];
  professionCodes: string[];
  version: number;
}

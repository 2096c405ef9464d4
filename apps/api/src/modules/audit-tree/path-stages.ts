import { DeclarationKind, OrgType, type AdminLevel } from '@zhicheng/contracts';

/**
 * Pure rules that turn a walked audit path into the ordered stages of a declaration
 * (DOMAIN §3 and seed 000 §3.3.3.2). No database access here: the service walks the edges and
 * passes the nodes in; tests pin every canonical chain.
 */

export type StageKind =
  | 'unit_audit'
  | 'org_audit'
  | 'committee_check'
  | 'office_audit'
  | 'pre_publicity'
  | 'expert_review'
  | 'post_publicity'
  | 'filing'
  | 'issuing';

export interface PathStage {
  seq: number;
  kind: StageKind;
  orgId?: string;
  orgName?: string;
  orgType?: OrgType;
  /** Chinese label, worded as in the seed's chains (e.g. "县区单位审核、公示", "市职称办审核"). */
  label: string;
}

export interface PathOrg {
  orgId: string;
  name: string;
  type: OrgType;
  /** Explicit administrative level; units have none and take it from their region code. */
  level: AdminLevel | null;
  regionCode: string;
}

export interface FinalAuthorityFacts extends PathOrg {
  /** 发证权限下放: the committee issues certificates itself after filing with the office. */
  issuingDelegated: boolean;
  /** The title office supervising the final authority (same region), when known. */
  office?: { orgId: string; name: string } | null;
}

/** Level of a GB/T 2260 code: 320000 province, 320100 city, 320102 county. */
export function regionLevel(regionCode: string): AdminLevel {
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

export function orgLevel(o: Pick<PathOrg, 'level' | 'regionCode'>): AdminLevel {
  return o.level ?? regionLevel(o.regionCode);
}

const NODE_SUFFIX: Partial<Record<OrgType, string>> = {
  [OrgType.Unit]: '单位审核、公示',
  [OrgType.AdminDept]: '行政主管部门审核',
  [OrgType.IndustryDept]: '行业主管部门审核',
  [OrgType.TitleOffice]: '职称办审核',
  [OrgType.AcceptanceInstitution]: '受理机构审核',
  [OrgType.Committee]: '评委会审核',
  [OrgType.Issuer]: '发证单位审核',
};

/**
 * Seed wording of an organisation's level inside a chain: provincial nodes carry no prefix,
 * city nodes "市", county nodes "县区" — except in a county committee's own chain, where the
 * seed writes "县".
 */
function levelPrefix(level: AdminLevel, authorityLevel: AdminLevel): string {
  if (level === 'province') return '';
  if (level === 'city') return '市';
  return authorityLevel === 'county' ? '县' : '县区';
}

/** The title-office wording of the tail, by the final authority's level (seed 000 §3.3.3.2). */
function officeWords(authorityLevel: AdminLevel, applicantLevel: AdminLevel): { audit: string; filing: string; issuing: string } {
  switch (authorityLevel) {
    case 'province': {
      // Provincial-direct units: "职称管理部门审核 / 发证"; from a city or county: "省职称管理部门…".
      const p = applicantLevel === 'province' ? '职称管理部门' : '省职称管理部门';
      return { audit: p, filing: '省职称管理部门', issuing: p };
    }
    case 'city':
      return { audit: '省/市职称管理部门', filing: '省/市职称管理部门', issuing: '省/市职称管理部门' };
    default:
      // The seed files county results with "省/市职称管理部门备案".
      return { audit: '省/县职称管理部门', filing: '省/市职称管理部门', issuing: '省/县职称管理部门' };
  }
}

/**
 * Builds the stages: one audit stage per node below the final authority (the applicant's unit
 * first), then the final authority's tail.
 *
 * 评审: 评委会审核 → [职称管理部门审核 unless issuing is delegated] → 评前公示 → 专家评审 → 评后公示
 *       → 职称管理部门发证 (not delegated) | 职称管理部门备案 → 评委会发证 (delegated).
 * 初定 / 认定 (no expert review, DOMAIN §1): 受理机构审核 → 公示 → 职称管理部门发证
 *       (or 备案 → 受理机构发证 when issuing is delegated).
 */
export function buildStages(input: { kind: DeclarationKind; nodes: PathOrg[]; authority: FinalAuthorityFacts }): PathStage[] {
  const { kind, nodes, authority } = input;
  const authLevel = orgLevel(authority);
  const applicantLevel = nodes.length ? orgLevel(nodes[0]) : authLevel;
  const stages: Omit<PathStage, 'seq'>[] = [];
  nodes.forEach((n, i) => {
    stages.push({
      kind: i === 0 && n.type === OrgType.Unit ? 'unit_audit' : 'org_audit',
      orgId: n.orgId,
      orgName: n.name,
      orgType: n.type,
      label: levelPrefix(orgLevel(n), authLevel) + (NODE_SUFFIX[n.type] ?? '审核'),
    });
  });
  const self = { orgId: authority.orgId, orgName: authority.name, orgType: authority.type };
  const office = authority.office ? { orgId: authority.office.orgId, orgName: authority.office.name, orgType: OrgType.TitleOffice } : {};
  const words = officeWords(authLevel, applicantLevel);
  if (kind === DeclarationKind.Review) {
    stages.push({ kind: 'committee_check', ...self, label: '评委会审核' });
    if (!authority.issuingDelegated) stages.push({ kind: 'office_audit', ...office, label: `${words.audit}审核` });
    stages.push({ kind: 'pre_publicity', ...self, label: '评前公示' });
    stages.push({ kind: 'expert_review', ...self, label: '专家评审' });
    stages.push({ kind: 'post_publicity', ...self, label: '评后公示' });
  } else {
    stages.push({ kind: 'committee_check', ...self, label: '受理机构审核' });
    stages.push({ kind: 'post_publicity', ...self, label: '公示' });
  }
  if (authority.issuingDelegated) {
    stages.push({ kind: 'filing', ...office, label: `${words.filing}备案` });
    stages.push({ kind: 'issuing', ...self, label: kind === DeclarationKind.Review ? '评委会发证' : '受理机构发证' });
  } else {
    stages.push({ kind: 'issuing', ...office, label: `${words.issuing}发证` });
  }
  return stages.map((s, i) => ({ seq: i + 1, ...s }));
}

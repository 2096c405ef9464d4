import { DeclarationKind, OrgType } from '@zhicheng/contracts';
import { buildStages, regionLevel, type PathOrg } from './path-stages.js';

const org = (name: string, type: OrgType, regionCode: string, level: PathOrg['level'] = null): PathOrg => ({ orgId: name, name, type, regionCode, level });
const labels = (s: { label: string }[]) => s.map((x) => x.label);

describe('buildStages (DOMAIN §3, seed 000 §3.3.3.2)', () => {
  it('reads the level of a region code', () => {
    expect([regionLevel('320000'), regionLevel('320100'), regionLevel('320102')]).toEqual(['province', 'city', 'county']);
  });

  it('county applicant to a provincial committee, not delegated', () => {
    const s = buildStages({
      kind: DeclarationKind.Review,
      nodes: [
        org('u', OrgType.Unit, '320102'),
        org('a', OrgType.AdminDept, '320102', 'county'),
        org('o', OrgType.TitleOffice, '320102', 'county'),
        org('ca', OrgType.AdminDept, '320100', 'city'),
      ],
      authority: { ...org('c', OrgType.Committee, '320000', 'province'), issuingDelegated: false },
    });
    expect(labels(s)).toEqual([
      '县区单位审核、公示', '县区行政主管部门审核', '县区职称办审核', '市行政主管部门审核',
      '评委会审核', '省职称管理部门审核', '评前公示', '专家评审', '评后公示', '省职称管理部门发证',
    ]);
    expect(s.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s[0].kind).toBe('unit_audit');
    expect(s[4]).toMatchObject({ kind: 'committee_check', orgId: 'c' });
  });

  it('delegated issuing drops the office audit and ends with filing and committee issuing', () => {
    const s = buildStages({
      kind: DeclarationKind.Review,
      nodes: [org('u', OrgType.Unit, '320000'), org('a', OrgType.AdminDept, '320000', 'province')],
      authority: { ...org('c', OrgType.Committee, '320000', 'province'), issuingDelegated: true, office: { orgId: 'p', name: '省职称办' } },
    });
    expect(labels(s)).toEqual(['单位审核、公示', '行政主管部门审核', '评委会审核', '评前公示', '专家评审', '评后公示', '省职称管理部门备案', '评委会发证']);
    expect(s.find((x) => x.kind === 'filing')?.orgId).toBe('p');
  });

  it('a county committee words its own county nodes "县"', () => {
    const s = buildStages({
      kind: DeclarationKind.Review,
      nodes: [org('u', OrgType.Unit, '320102'), org('a', OrgType.AdminDept, '320102', 'county')],
      authority: { ...org('c', OrgType.Committee, '320102', 'county'), issuingDelegated: false },
    });
    expect(labels(s).slice(0, 4)).toEqual(['县单位审核、公示', '县行政主管部门审核', '评委会审核', '省/县职称管理部门审核']);
  });

  it('初定 ends at the acceptance institution without expert review', () => {
    const s = buildStages({
      kind: DeclarationKind.Initial,
      nodes: [org('u', OrgType.Unit, '320100')],
      authority: { ...org('r', OrgType.AcceptanceInstitution, '320100', 'city'), issuingDelegated: false },
    });
    expect(labels(s)).toEqual(['市单位审核、公示', '受理机构审核', '公示', '省/市职称管理部门发证']);
    expect(s.some((x) => x.kind === 'expert_review')).toBe(false);
  });
});

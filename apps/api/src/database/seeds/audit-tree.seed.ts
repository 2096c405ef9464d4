import type { EntityManager } from 'typeorm';
import { DeclarationKind, OrgType, Role, TitleLevel, type AdminLevel, type CommitteeClass, type UnitNature } from '@zhicheng/contracts';
import type { CryptoService } from '../../common/crypto/crypto.service.js';
import { Organisation } from '../../modules/organisations/entities/organisation.entity.js';
import { User } from '../../modules/accounts/entities/user.entity.js';
import { AuditEdge } from '../../modules/audit-tree/entities/audit-edge.entity.js';

/** Series of the demo paths (工程技术). The reference-data seed is expected to use the same code. */
export const DEMO_SERIES = 'GC';
/** Profession of the demo paths (电子信息). */
export const DEMO_PROFESSION = 'GC01';

interface O {
  name: string;
  type: OrgType;
  regionCode: string;
  level?: AdminLevel;
  nature?: UnitNature;
  committee?: { committeeClass: CommitteeClass; issuingDelegated: boolean; levels: TitleLevel[] };
}

/*
 * Demo audit tree reproducing every chain of seed 000 §3.3.3.2 in Jiangsu:
 * - provincial-direct units (省直单位) report through a provincial department to a provincial committee;
 * - Nanjing (南京市 3201, 玄武区 320102): committees whose certificate issuing is NOT delegated;
 * - Taizhou (泰州市 3212, 海陵区 321202): committees whose certificate issuing IS delegated.
 * Provincial committees review 副高级 (省评高级), city committees 中级 (市评中级), county committees 助理级.
 */
const ORGS: Record<string, O> = {
  // existing demo organisations (demo.seed.ts), matched by name and type
  njOffice: { name: '南京市职称办', type: OrgType.TitleOffice, regionCode: '320100', level: 'city' },
  xwOffice: { name: '玄武区职称办', type: OrgType.TitleOffice, regionCode: '320102', level: 'county' },
  njAdmin: { name: '南京市工业和信息化局', type: OrgType.AdminDept, regionCode: '320100', level: 'city' },
  njIndustry: { name: '南京市工程技术行业协会', type: OrgType.IndustryDept, regionCode: '320100', level: 'city' },
  xwUnit: { name: '南京示范科技有限公司', type: OrgType.Unit, regionCode: '320102', nature: 'enterprise' },
  provCommittee: {
    name: '江苏省工程技术研究系列高级职称评审委员会', type: OrgType.Committee, regionCode: '320000', level: 'province',
    committee: { committeeClass: 'senior', issuingDelegated: false, levels: [TitleLevel.ViceSenior, TitleLevel.Senior] },
  },
  // province
  provSciDept: { name: '江苏省科学技术厅', type: OrgType.AdminDept, regionCode: '320000', level: 'province' },
  provItDept: { name: '江苏省工业和信息化厅', type: OrgType.AdminDept, regionCode: '320000', level: 'province' },
  provUnit: { name: '江苏省电子信息研究院', type: OrgType.Unit, regionCode: '320000', nature: 'institution' },
  provUnitD: { name: '江苏省信息产业发展研究中心', type: OrgType.Unit, regionCode: '320000', nature: 'institution' },
  provCommitteeD: {
    name: '江苏省电子信息工程技术高级职称评审委员会', type: OrgType.Committee, regionCode: '320000', level: 'province',
    committee: { committeeClass: 'senior', issuingDelegated: true, levels: [TitleLevel.ViceSenior, TitleLevel.Senior] },
  },
  // Nanjing, not delegated
  xwAdmin: { name: '玄武区工业和信息化局', type: OrgType.AdminDept, regionCode: '320102', level: 'county' },
  xwIndustry: { name: '玄武区工程技术协会', type: OrgType.IndustryDept, regionCode: '320102', level: 'county' },
  njUnit: { name: '南京市电子信息研究所', type: OrgType.Unit, regionCode: '320100', nature: 'institution' },
  njCommittee: {
    name: '南京市工程技术中级职称评审委员会', type: OrgType.Committee, regionCode: '320100', level: 'city',
    committee: { committeeClass: 'middle', issuingDelegated: false, levels: [TitleLevel.Intermediate] },
  },
  xwCommittee: {
    name: '玄武区工程技术初级职称评审委员会', type: OrgType.Committee, regionCode: '320102', level: 'county',
    committee: { committeeClass: 'primary', issuingDelegated: false, levels: [TitleLevel.Assistant] },
  },
  // Taizhou, delegated
  tzOffice: { name: '泰州市职称办', type: OrgType.TitleOffice, regionCode: '321200', level: 'city' },
  tzAdmin: { name: '泰州市工业和信息化局', type: OrgType.AdminDept, regionCode: '321200', level: 'city' },
  tzIndustry: { name: '泰州市工程技术行业协会', type: OrgType.IndustryDept, regionCode: '321200', level: 'city' },
  hlOffice: { name: '海陵区职称办', type: OrgType.TitleOffice, regionCode: '321202', level: 'county' },
  hlAdmin: { name: '海陵区工业和信息化局', type: OrgType.AdminDept, regionCode: '321202', level: 'county' },
  hlIndustry: { name: '海陵区工程技术协会', type: OrgType.IndustryDept, regionCode: '321202', level: 'county' },
  hlUnit: { name: '泰州海陵示范电子有限公司', type: OrgType.Unit, regionCode: '321202', nature: 'enterprise' },
  tzUnit: { name: '泰州市电子信息研究所', type: OrgType.Unit, regionCode: '321200', nature: 'institution' },
  tzCommittee: {
    name: '泰州市工程技术中级职称评审委员会', type: OrgType.Committee, regionCode: '321200', level: 'city',
    committee: { committeeClass: 'middle', issuingDelegated: true, levels: [TitleLevel.Intermediate] },
  },
  hlCommittee: {
    name: '海陵区工程技术初级职称评审委员会', type: OrgType.Committee, regionCode: '321202', level: 'county',
    committee: { committeeClass: 'primary', issuingDelegated: true, levels: [TitleLevel.Assistant] },
  },
  // 初定 (H-05): the demo acceptance institution (demo.seed.ts)
  acceptance: { name: '南京市人才服务中心', type: OrgType.AcceptanceInstitution, regionCode: '320100', level: 'city' },
  // A deliberately broken path for A-23 (seed 001 §1.28: 长沙市教育局 has no upper)
  njEdu: { name: '南京市教育局', type: OrgType.AdminDept, regionCode: '320100', level: 'city' },
  njSchool: { name: '南京市第一中学', type: OrgType.Unit, regionCode: '320100', nature: 'institution' },
};
type Key = keyof typeof ORGS;

const VS = TitleLevel.ViceSenior;
const MID = TitleLevel.Intermediate;
const AS = TitleLevel.Assistant;

/** [lower, upper, level, kind?] — 评审 unless a kind is given; DEMO_SERIES, approved, source config. */
const EDGES: [Key, Key, TitleLevel, DeclarationKind?][] = [
  // 1. 省直单位
  ['provUnit', 'provSciDept', VS], ['provSciDept', 'provCommittee', VS],
  ['provUnitD', 'provItDept', VS], ['provItDept', 'provCommitteeD', VS],
  // 2. 省评高级 from Nanjing (county and city), not delegated
  ['xwUnit', 'xwAdmin', VS], ['xwAdmin', 'xwIndustry', VS], ['xwIndustry', 'xwOffice', VS], ['xwOffice', 'njAdmin', VS],
  ['njUnit', 'njAdmin', VS], ['njAdmin', 'njIndustry', VS], ['njIndustry', 'njOffice', VS], ['njOffice', 'provCommittee', VS],
  // 2. 省评高级 from Taizhou, delegated
  ['hlUnit', 'hlAdmin', VS], ['hlAdmin', 'hlIndustry', VS], ['hlIndustry', 'hlOffice', VS], ['hlOffice', 'tzAdmin', VS],
  ['tzUnit', 'tzAdmin', VS], ['tzAdmin', 'tzIndustry', VS], ['tzIndustry', 'tzOffice', VS], ['tzOffice', 'provCommitteeD', VS],
  // 3. 市评中级
  ['xwUnit', 'xwAdmin', MID], ['xwAdmin', 'xwIndustry', MID], ['xwIndustry', 'xwOffice', MID], ['xwOffice', 'njAdmin', MID],
  ['njUnit', 'njAdmin', MID], ['njAdmin', 'njCommittee', MID],
  ['hlUnit', 'hlAdmin', MID], ['hlAdmin', 'hlIndustry', MID], ['hlIndustry', 'hlOffice', MID], ['hlOffice', 'tzAdmin', MID],
  ['tzUnit', 'tzAdmin', MID], ['tzAdmin', 'tzCommittee', MID],
  // 4. 县区初级
  ['xwUnit', 'xwAdmin', AS], ['xwAdmin', 'xwCommittee', AS],
  ['hlUnit', 'hlAdmin', AS], ['hlAdmin', 'hlCommittee', AS],
  // broken: 南京市第一中学 → 南京市教育局 → (nothing)
  ['njSchool', 'njEdu', VS],
  // 初定 (H-05): units report through their department to the Nanjing acceptance institution
  ['xwUnit', 'xwAdmin', AS, DeclarationKind.Initial], ['xwAdmin', 'acceptance', AS, DeclarationKind.Initial],
  ['xwUnit', 'xwAdmin', TitleLevel.Yuan, DeclarationKind.Initial], ['xwAdmin', 'acceptance', TitleLevel.Yuan, DeclarationKind.Initial],
  ['njUnit', 'acceptance', AS, DeclarationKind.Initial], ['njUnit', 'acceptance', TitleLevel.Yuan, DeclarationKind.Initial],
  // freelancers of 玄武区 start at the county title office (declaration module), which reports to the acceptance institution
  ['xwOffice', 'acceptance', AS, DeclarationKind.Initial], ['xwOffice', 'acceptance', TitleLevel.Yuan, DeclarationKind.Initial],
];

/** The chains of seed 000 §3.3.3.2 and the demo applicant / committee / level reproducing each. */
export const DEMO_CHAIN_CASES: { section: string; delegated: boolean; unit: string; committee: string; titleLevel: TitleLevel }[] = [
  { section: '1 省直单位', delegated: false, unit: ORGS.provUnit.name, committee: ORGS.provCommittee.name, titleLevel: VS },
  { section: '1 省直单位', delegated: true, unit: ORGS.provUnitD.name, committee: ORGS.provCommitteeD.name, titleLevel: VS },
  { section: '2.1 省评 县/区级上报', delegated: false, unit: ORGS.xwUnit.name, committee: ORGS.provCommittee.name, titleLevel: VS },
  { section: '2.1 省评 县/区级上报', delegated: true, unit: ORGS.hlUnit.name, committee: ORGS.provCommitteeD.name, titleLevel: VS },
  { section: '2.2 省评 市级上报', delegated: false, unit: ORGS.njUnit.name, committee: ORGS.provCommittee.name, titleLevel: VS },
  { section: '2.2 省评 市级上报', delegated: true, unit: ORGS.tzUnit.name, committee: ORGS.provCommitteeD.name, titleLevel: VS },
  { section: '3.1 市评 县/区级上报', delegated: false, unit: ORGS.xwUnit.name, committee: ORGS.njCommittee.name, titleLevel: MID },
  { section: '3.1 市评 县/区级上报', delegated: true, unit: ORGS.hlUnit.name, committee: ORGS.tzCommittee.name, titleLevel: MID },
  { section: '3.2 市评 市级上报', delegated: false, unit: ORGS.njUnit.name, committee: ORGS.njCommittee.name, titleLevel: MID },
  { section: '3.2 市评 市级上报', delegated: true, unit: ORGS.tzUnit.name, committee: ORGS.tzCommittee.name, titleLevel: MID },
  { section: '4 县区评审', delegated: false, unit: ORGS.xwUnit.name, committee: ORGS.xwCommittee.name, titleLevel: AS },
  { section: '4 县区评审', delegated: true, unit: ORGS.hlUnit.name, committee: ORGS.hlCommittee.name, titleLevel: AS },
];

export const DEMO_BROKEN_CASE = { unit: ORGS.njSchool.name, breaksAt: ORGS.njEdu.name, titleLevel: VS };

/** Extra operator accounts the audit-tree demo needs (path review by a county department, a Taizhou unit). */
const ACCOUNTS: { username: string; realName: string; role: Role; org: Key }[] = [
  { username: 'xw_dept', realName: '玄武区主管部门经办人', role: Role.DeptOperator, org: 'xwAdmin' },
  { username: 'tz_unit', realName: '泰州单位经办人', role: Role.UnitOperator, org: 'hlUnit' },
];

/** Organisations, committees (stub rows), approved edges and accounts of the audit-tree demo. Idempotent. */
export async function seedAuditTree(m: EntityManager, opts: { crypto: CryptoService; passwordHash: string }): Promise<void> {
  const repo = m.getRepository(Organisation);
  const ids = new Map<Key, string>();
  for (const [key, o] of Object.entries(ORGS)) {
    let org = await repo.findOne({ where: { name: o.name, type: o.type } });
    if (!org) {
      org = await repo.save({
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        level: o.level ?? null,
        nature: o.nature ?? null,
        permitted: o.type === OrgType.Unit,
      });
    }
    ids.set(key, org.id);
    if (o.committee) {
      await m.query(
        `INSERT INTO committees (organisation_id, committee_class, issuing_delegated, status, version) VALUES ($1, $2, $3, 'active', 1)
         ON CONFLICT (organisation_id) DO NOTHING`,
        [org.id, o.committee.committeeClass, o.committee.issuingDelegated],
      );
      for (const lv of o.committee.levels) {
        await m.query(
          `INSERT INTO committee_professions (committee_id, profession_code, title_level, series_code)
           SELECT $1::uuid, $2::varchar, $3::varchar, $4::varchar WHERE NOT EXISTS (
             SELECT 1 FROM committee_professions WHERE committee_id = $1::uuid AND profession_code = $2::varchar AND title_level = $3::varchar AND series_code = $4::varchar)`,
          [org.id, DEMO_PROFESSION, lv, DEMO_SERIES],
        );
      }
    }
  }
  const edges = m.getRepository(AuditEdge);
  for (const [lower, upper, level, kind] of EDGES) {
    const scope = { lowerOrgId: ids.get(lower)!, kind: kind ?? DeclarationKind.Review, seriesCode: DEMO_SERIES, titleLevel: level };
    if (await edges.exists({ where: { ...scope, status: 'approved' } })) continue;
    await edges.save({ ...scope, upperOrgId: ids.get(upper)!, status: 'approved', source: 'config', reviewedAt: new Date() });
  }
  const users = m.getRepository(User);
  for (const [i, a] of ACCOUNTS.entries()) {
    if (await users.exists({ where: { username: a.username } })) continue;
    const mobile = `137${String(2000_0000 + i).padStart(8, '0')}`;
    await users.save({
      username: a.username,
      role: a.role,
      organisationId: ids.get(a.org)!,
      realName: a.realName,
      mobileEnc: opts.crypto.encrypt(mobile),
      mobileHash: opts.crypto.blindIndex(mobile),
      email: `${a.username}@demo.zhicheng.local`,
      passwordHash: opts.passwordHash,
    });
  }
}

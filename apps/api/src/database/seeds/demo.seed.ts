import { seedCertificates, seedFiledDeclarations } from './certificate.seed.js';
import { DataSource, type EntityManager } from 'typeorm';
import { ADMIN_CONSOLE_ROLES, idCardCheckChar, creditCodeCheckChar, OrgType, Role, type AdminLevel, type UnitNature } from '@zhicheng/contracts';
import type { AppConfig } from '../../config/config.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { Organisation } from '../../modules/organisations/entities/organisation.entity.js';
import { User } from '../../modules/accounts/entities/user.entity.js';
import { seedReference } from './reference.seed.js';
import { seedAuditTree } from './audit-tree.seed.js';
import { REVIEW_DEMO_EXPERTS, seedReview } from './review.seed.js';

export const DEMO_PASSWORD = 'Demo@2026';
/** Fixed TOTP secret of the demo admin accounts, so the demo and the browser tests can sign in. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface DemoAccount {
  username: string;
  role: Role;
  organisation: string | null;
  note?: string;
}

interface OrgSeed {
  key: string;
  name: string;
  type: OrgType;
  regionCode: string;
  level?: AdminLevel;
  nature?: UnitNature;
  creditSeed?: string;
}

/** Demo province: Jiangsu (32), city Nanjing (3201), county Xuanwu (320102). */
const ORGS: OrgSeed[] = [
  { key: 'provOffice', name: '江苏省职称管理部门', type: OrgType.TitleOffice, regionCode: '320000', level: 'province' },
  { key: 'cityOffice', name: '南京市职称办', type: OrgType.TitleOffice, regionCode: '320100', level: 'city' },
  { key: 'countyOffice', name: '玄武区职称办', type: OrgType.TitleOffice, regionCode: '320102', level: 'county' },
  { key: 'cityAdminDept', name: '南京市工业和信息化局', type: OrgType.AdminDept, regionCode: '320100', level: 'city' },
  { key: 'cityIndustryDept', name: '南京市工程技术行业协会', type: OrgType.IndustryDept, regionCode: '320100', level: 'city' },
  { key: 'unit', name: '南京示范科技有限公司', type: OrgType.Unit, regionCode: '320102', nature: 'enterprise', creditSeed: '91320102MA1DEM001' },
  { key: 'otherUnit', name: '苏州工业示范研究院', type: OrgType.Unit, regionCode: '320500', nature: 'institution', creditSeed: '12320500MB0DEM002' },
  { key: 'committee', name: '江苏省工程技术研究系列高级职称评审委员会', type: OrgType.Committee, regionCode: '320000', level: 'province' },
  { key: 'acceptance', name: '南京市人才服务中心', type: OrgType.AcceptanceInstitution, regionCode: '320100', level: 'city' },
  { key: 'issuer', name: '江苏省人力资源和社会保障厅', type: OrgType.Issuer, regionCode: '320000', level: 'province' },
];

const STAFF: { username: string; realName: string; role: Role; org: string; note?: string }[] = [
  { username: 'admin', realName: '省职称办管理员', role: Role.OfficeAdmin, org: 'provOffice', note: `动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'nj_admin', realName: '南京市职称办管理员', role: Role.OfficeAdmin, org: 'cityOffice', note: `动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'xw_admin', realName: '玄武区职称办管理员', role: Role.OfficeAdmin, org: 'countyOffice', note: `动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'nj_dept', realName: '市主管部门经办人', role: Role.DeptOperator, org: 'cityAdminDept' },
  { username: 'unit_demo', realName: '单位经办人', role: Role.UnitOperator, org: 'unit' },
  { username: 'sz_unit', realName: '苏州单位经办人', role: Role.UnitOperator, org: 'otherUnit' },
  { username: 'committee_demo', realName: '评委会经办人', role: Role.CommitteeOperator, org: 'committee' },
  { username: 'acceptance_demo', realName: '受理机构经办人', role: Role.AcceptanceOperator, org: 'acceptance' },
  { username: 'expert_demo', realName: '李评委', role: Role.Expert, org: 'otherUnit' },
  // 三员分立: in production these come from `cli.js create-admin --role …`
  { username: 'sys_admin', realName: '省系统管理员', role: Role.SystemAdmin, org: 'provOffice', note: `账号管理与系统运维；动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'sec_admin', realName: '省安全管理员', role: Role.SecurityAdmin, org: 'provOffice', note: `角色分配与安全策略；动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'audit_admin', realName: '省审计管理员', role: Role.AuditAdmin, org: 'provOffice', note: `操作日志查阅与校验；动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'nj_sys_admin', realName: '南京市系统管理员', role: Role.SystemAdmin, org: 'cityOffice', note: `动态口令密钥 ${DEMO_TOTP_SECRET}` },
  { username: 'nj_audit_admin', realName: '南京市审计管理员', role: Role.AuditAdmin, org: 'cityOffice', note: `动态口令密钥 ${DEMO_TOTP_SECRET}` },
];

export function demoIdCard(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

export function demoCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

async function ensureOrg(m: EntityManager, o: OrgSeed): Promise<Organisation> {
  const repo = m.getRepository(Organisation);
  const existing = await repo.findOne({ where: { name: o.name, type: o.type } });
  if (existing) return existing;
  return repo.save({
    name: o.name,
    type: o.type,
    regionCode: o.regionCode,
    level: o.level ?? null,
    nature: o.nature ?? null,
    creditCode: o.creditSeed ? demoCreditCode(o.creditSeed) : null,
    permitted: o.type === OrgType.Unit,
  });
}

/** Creates the demo province's organisations and one account per role. Safe to run repeatedly. */
export async function seedDemo(ds: DataSource, config: AppConfig): Promise<DemoAccount[]> {
  const crypto = new CryptoService(config);
  const passwordHash = await crypto.hashPassword(DEMO_PASSWORD);
  return ds.transaction(async (m) => {
    const orgs = new Map<string, Organisation>();
    for (const o of ORGS) orgs.set(o.key, await ensureOrg(m, o));
    const users = m.getRepository(User);
    const accounts: DemoAccount[] = [];
    for (const s of STAFF) {
      const org = orgs.get(s.org)!;
      if (!(await users.exists({ where: { username: s.username } }))) {
        const mobile = `139${String(1000_0000 + accounts.length).padStart(8, '0')}`;
        await users.save({
          username: s.username,
          role: s.role,
          organisationId: org.id,
          realName: s.realName,
          mobileEnc: crypto.encrypt(mobile),
          mobileHash: crypto.blindIndex(mobile),
          email: `${s.username}@demo.zhicheng.local`,
          passwordHash,
          ...(ADMIN_CONSOLE_ROLES.includes(s.role) ? { totpSecretEnc: crypto.encrypt(DEMO_TOTP_SECRET), mfaEnabled: true } : {}),
        });
      }
      accounts.push({ username: s.username, role: s.role, organisation: org.name, note: s.note });
    }
    const applicantId = demoIdCard('32010219900307123');
    if (!(await users.exists({ where: { username: 'applicant' } }))) {
      await users.save({
        username: 'applicant',
        role: Role.Applicant,
        organisationId: null,
        realName: '张三',
        idCardEnc: crypto.encrypt(applicantId),
        idCardHash: crypto.blindIndex(applicantId),
        mobileEnc: crypto.encrypt('13800138000'),
        mobileHash: crypto.blindIndex('13800138000'),
        email: 'zhangsan@demo.zhicheng.local',
        passwordHash,
      });
    }
    await seedReference(m, orgs);
    accounts.push(...(await seedAuditTree(m, { crypto, passwordHash })));
    await seedCertificates(m, { crypto, config, orgs });
    await seedReview(m, { crypto, passwordHash, orgs });
    for (const e of REVIEW_DEMO_EXPERTS) accounts.push({ username: e.username, role: Role.Expert, organisation: orgs.get('otherUnit')!.name, note: '评审专家（评委会专家库）' });
    for (const f of await seedFiledDeclarations(m, { crypto, passwordHash, orgs, idCard: demoIdCard })) {
      accounts.push({ username: f.username, role: Role.Applicant, organisation: null, note: `${f.name}，身份证号 ${f.idCard}，评审通过已备案（苏职称备〔2026〕1号），待发证` });
    }
    accounts.unshift({ username: 'applicant', role: Role.Applicant, organisation: null, note: `身份证号 ${applicantId}` });
    return accounts;
  });
}

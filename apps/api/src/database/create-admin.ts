import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { OrgType, Role } from '@zhicheng/contracts';
import type { AppConfig } from '../config/config.js';
import { CryptoService } from '../common/crypto/crypto.service.js';
import { AuditLog } from '../modules/audit-log/entities/audit-log.entity.js';
import { Organisation } from '../modules/organisations/entities/organisation.entity.js';
import { User } from '../modules/accounts/entities/user.entity.js';
import { assertPasswordAcceptable } from '../common/security/password-policy.js';

export interface CreateAdminOptions {
  username: string;
  /** An administrator role (A-31: the 职称管理部门管理员 or one of 三员); default office_admin. */
  role?: Role;
  realName: string;
  organisation: string;
  /** Six-digit administrative division code of the province (e.g. 320000). */
  regionCode: string;
  mobile: string | null;
  /** Empty: a random password is generated and returned. */
  password: string | null;
}

/** A strong password that passes the registration rules: letters, digits and a symbol. */
function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * An administrator of a fresh production database (`cli.js create-admin`): a 职称管理部门管理员 of the province's
 * title office (created when missing), or its 系统管理员, 安全管理员 or 审计管理员 — the only way those accounts come to be. The second factor is enrolled at the first sign-in (the login answers the TOTP
 * secret once). Refuses an existing user name; writes the audit log.
 */
export async function createAdmin(ds: DataSource, config: AppConfig, o: CreateAdminOptions): Promise<{ password: string; organisation: string }> {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(o.username)) throw new Error('用户名应为 3–32 位字母、数字、下划线、点或连字符，以字母开头');
  if (!/^\d{2}0000$/.test(o.regionCode)) throw new Error(`省级行政区划代码 "${o.regionCode}" 无效：应为 6 位、以 0000 结尾，如 320000`);
  if (o.mobile && !/^1\d{10}$/.test(o.mobile)) throw new Error(`手机号 "${o.mobile}" 无效：应为 11 位`);
  if (o.password !== null) {
    try {
      assertPasswordAcceptable(o.password, { username: o.username, realName: o.realName, mobile: o.mobile });
    } catch (e) {
      throw new Error(`ADMIN_PASSWORD 不符合密码规则：${(e as Error).message}`, { cause: e });
    }
  }
  const crypto = new CryptoService(config);
  const password = o.password ?? generatePassword();
  const passwordHash = await crypto.hashPassword(password);
  return ds.transaction(async (m) => {
    if (await m.getRepository(User).exists({ where: { username: o.username } })) throw new Error(`用户名 ${o.username} 已存在`);
    const orgs = m.getRepository(Organisation);
    const org =
      (await orgs.findOne({ where: { name: o.organisation, type: OrgType.TitleOffice } })) ??
      (await orgs.save({ name: o.organisation, type: OrgType.TitleOffice, regionCode: o.regionCode, level: 'province', nature: null, creditCode: null, permitted: false }));
    const user = await m.getRepository(User).save({
      username: o.username,
      role: o.role ?? Role.OfficeAdmin,
      organisationId: org.id,
      realName: o.realName,
      ...(o.mobile ? { mobileEnc: crypto.encrypt(o.mobile), mobileHash: crypto.blindIndex(o.mobile) } : {}),
      email: null,
      passwordHash,
      // a generated password was printed on the console: its holder replaces it at the first sign-in
      mustChangePassword: o.password === null,
    } as Partial<User>);
    await m.insert(AuditLog, {
      userId: null,
      organisationId: org.id,
      action: 'account.create_admin',
      targetType: 'user',
      targetId: user.id,
      before: null as never,
      after: { username: o.username, role: o.role ?? Role.OfficeAdmin, organisation: org.name, via: 'cli' } as never,
      ip: null,
    });
    return { password, organisation: org.name };
  });
}

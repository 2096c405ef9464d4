import { clock } from '../../common/clock/clock.service.js';
import { randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCode,
  ADMIN_CONSOLE_ROLES,
  ASSIGNABLE_STAFF_ROLES,
  SEPARATED_ADMIN_ROLES,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
  roleFitsOrganisation,
  LOGIN_SMS_RESEND_SECONDS,
  maskIdCard,
  maskMobile,
  normalizeIdCard,
  OrgType,
  Role,
  validateIdCard,
  type CurrentUser,
  type LoginResponse,
  type SessionView,
  type TokenResponse,
} from '@zhicheng/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { OutboxService } from '../notices/outbox.service.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { CaptchaService } from './captcha.service.js';
import { requestContext } from '../../common/request-context.js';
import type {
  ChangePasswordDto,
  CreateStaffDto,
  LoginDto,
  LoginSmsDto,
  MfaResendDto,
  MfaVerifyDto,
  RecoverPasswordDto,
  RecoverUsernameDto,
  RegisterPersonDto,
  RegisterUnitDto,
  ResetPasswordDto,
  UpdateProfileDto,
} from './dto/accounts.dto.js';
import { OneTimeToken } from './entities/one-time-token.entity.js';
import { User } from './entities/user.entity.js';
import { TokenService } from './token.service.js';
import { SecurityPolicyService, type EffectiveSecurityPolicy } from './security-policy.service.js';
import { returningRows } from '../../database/query-utils.js';
import { generateTotpSecret, otpauthUrl, totpStep } from './totp.js';
import { assertPasswordAcceptable } from '../../common/security/password-policy.js';

const MFA_TTL_MS = 5 * 60 * 1000;
/** Wrong second-factor codes one challenge takes before it is void (and the account locked). */
export const MFA_MAX_FAILURES = 5;

/** A login name as the audit log keeps it: the first two and the last character. */
export function maskLoginName(login: string): string {
  const chars = [...login];
  if (chars.length <= 3) return chars[0] ? `${chars[0]}**` : '';
  return `${chars.slice(0, 2).join('')}${'*'.repeat(Math.min(8, chars.length - 3))}${chars[chars.length - 1]}`;
}
const RESET_TTL_MS = 30 * 60 * 1000;

export interface SessionResult {
  response: LoginResponse;
  refreshToken?: string;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly captcha: CaptchaService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
    private readonly policy: SecurityPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------- mapping ----------

  /** The account's own data a new password must not contain. */
  private passwordOwner(u: User) {
    return { username: u.username, realName: u.realName, idCard: u.idCardEnc ? this.crypto.decrypt(u.idCardEnc) : null, mobile: u.mobileEnc ? this.crypto.decrypt(u.mobileEnc) : null };
  }

  toCurrentUser(u: User): CurrentUser {
    return {
      id: u.id,
      username: u.username,
      realName: u.realName,
      role: u.role,
      idCard: u.idCardEnc ? maskIdCard(this.crypto.decrypt(u.idCardEnc)) : '',
      mobile: u.mobileEnc ? maskMobile(this.crypto.decrypt(u.mobileEnc)) : '',
      email: u.email,
      contactPerson: u.contactPerson,
      contactPhone: u.contactPhone,
      mfaEnabled: u.mfaEnabled,
      loginSmsEnabled: u.loginSmsEnabled,
      mustChangePassword: u.mustChangePassword,
      status: u.status,
      organisation: u.organisation
        ? {
            id: u.organisation.id,
            name: u.organisation.name,
            type: u.organisation.type,
            regionCode: u.organisation.regionCode,
            level: u.organisation.level,
          }
        : null,
    };
  }

  private async loadUser(id: string, manager: EntityManager = this.ds.manager): Promise<User> {
    const u = await manager.getRepository(User).findOne({ where: { id }, relations: { organisation: true } });
    if (!u) throw new AppException(401, ErrorCode.Unauthenticated, '账号不存在，请重新登录');
    return u;
  }

  private async findByLogin(login: string): Promise<User | null> {
    const repo = this.ds.getRepository(User);
    const byName = await repo.findOne({ where: { username: login }, relations: { organisation: true } });
    if (byName) return byName;
    const id = normalizeIdCard(login);
    if (validateIdCard(id) === null) {
      return repo.findOne({ where: { idCardHash: this.crypto.blindIndex(id) }, relations: { organisation: true } });
    }
    return null;
  }

  private async session(user: User, manager?: EntityManager): Promise<{ response: TokenResponse; refreshToken: string }> {
    const { sessionId, refreshToken } = await this.tokens.startSession(user.id, manager);
    return {
      response: { accessToken: this.tokens.signAccess(user, sessionId), expiresIn: this.config.accessTokenTtlSeconds, user: this.toCurrentUser(user) },
      refreshToken,
    };
  }

  // ---------- registration ----------

  /** H-01: one account per ID card number; name and ID number are immutable afterwards. */
  async registerPerson(dto: RegisterPersonDto): Promise<CurrentUser> {
    await this.captcha.verify(dto.captchaId, dto.captchaCode);
    const idCard = normalizeIdCard(dto.idCard);
    const idHash = this.crypto.blindIndex(idCard);
    const username = dto.username ?? idCard;
    const repo = this.ds.getRepository(User);
    if (await repo.exists({ where: { idCardHash: idHash } })) {
      throw new AppException(409, ErrorCode.IdCardTaken, '该身份证号已注册，请直接登录或找回密码', { idCard: '该身份证号已注册' });
    }
    if (await repo.exists({ where: { username } })) {
      throw new AppException(409, ErrorCode.UsernameTaken, '该用户名已被使用', { username: '该用户名已被使用' });
    }
    assertPasswordAcceptable(dto.password, { username, realName: dto.realName, idCard, mobile: dto.mobile });
    const passwordHash = await this.crypto.hashPassword(dto.password);
    const user = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(User).save({
        username,
        role: Role.Applicant,
        organisationId: null,
        realName: dto.realName.trim(),
        idCardEnc: this.crypto.encrypt(idCard),
        idCardHash: idHash,
        mobileEnc: this.crypto.encrypt(dto.mobile.trim()),
        mobileHash: this.crypto.blindIndex(dto.mobile.trim()),
        email: dto.email.trim(),
        contactPerson: dto.contactPerson?.trim() || null,
        contactPhone: dto.contactPhone?.trim() || null,
        passwordHash,
      });
      await this.audit.record(
        { actor: { id: saved.id, organisationId: null }, action: 'account.register', targetType: 'user', targetId: saved.id, after: { username, realName: saved.realName, idCard: maskIdCard(idCard) } },
        m,
      );
      return saved;
    });
    return this.toCurrentUser(await this.loadUser(user.id));
  }

  /** U-01: a unit registers itself and its operator account; it works after permission approval (U-02). */
  async registerUnit(dto: RegisterUnitDto): Promise<CurrentUser> {
    await this.captcha.verify(dto.captchaId, dto.captchaCode);
    const creditCode = dto.creditCode.trim().toUpperCase();
    if (!(await this.ds.query('SELECT 1 FROM regions WHERE code = $1', [dto.regionCode])).length) {
      throw AppException.validation({ regionCode: '所在地区（行政区划代码）不存在' });
    }
    if (await this.ds.getRepository(Organisation).exists({ where: { creditCode } })) {
      throw new AppException(409, ErrorCode.CreditCodeTaken, '该统一社会信用代码已注册', { creditCode: '该统一社会信用代码已注册' });
    }
    if (await this.ds.getRepository(User).exists({ where: { username: dto.username } })) {
      throw new AppException(409, ErrorCode.UsernameTaken, '该用户名已被使用', { username: '该用户名已被使用' });
    }
    assertPasswordAcceptable(dto.password, { username: dto.username, realName: dto.contactName, mobile: dto.contactMobile });
    const passwordHash = await this.crypto.hashPassword(dto.password);
    const userId = await this.ds.transaction(async (m) => {
      const org = await m.getRepository(Organisation).save({
        name: dto.unitName.trim(),
        type: OrgType.Unit,
        regionCode: dto.regionCode,
        level: null,
        creditCode,
        nature: dto.nature,
        permitted: false,
        contactName: dto.contactName.trim(),
        contactPhone: maskMobile(dto.contactMobile),
      });
      const user = await m.getRepository(User).save({
        username: dto.username,
        role: Role.UnitOperator,
        organisationId: org.id,
        realName: dto.contactName.trim(),
        mobileEnc: this.crypto.encrypt(dto.contactMobile.trim()),
        mobileHash: this.crypto.blindIndex(dto.contactMobile.trim()),
        email: dto.email.trim(),
        passwordHash,
      });
      await this.audit.record(
        { actor: { id: user.id, organisationId: org.id }, action: 'unit.register', targetType: 'organisation', targetId: org.id, after: { name: org.name, creditCode } },
        m,
      );
      return user.id;
    });
    return this.toCurrentUser(await this.loadUser(userId));
  }

  // ---------- login ----------

  /**
   * Issue 13, no account oracle: a known and an unknown login name get the same words and the same work — the
   * password is checked by scrypt against a stand-in hash when there is no account, the failure is counted in one
   * statement either way (unknown names in `login_failures`, so they lock after five tries as real accounts do), and
   * every failure is audited. Locked, disabled and second-factor answers come only after the password check, and
   * the count of remaining tries is never shown. A refusal answers no sooner than AUTH_EQUAL_ANSWER_MS after the
   * request came in, so the few statements' difference does not show either.
   */
  async login(dto: LoginDto): Promise<SessionResult> {
    const started = requestContext.getStore()?.startedMs ?? performance.now();
    await this.captcha.verify(dto.captchaId, dto.captchaCode);
    try {
      return await this.checkLogin(dto);
    } catch (e) {
      await this.answerNoSoonerThan(started);
      throw e;
    }
  }

  private async checkLogin(dto: LoginDto): Promise<SessionResult> {
    const login = dto.username.trim();
    const policy = await this.policy.current();
    const user = await this.findByLogin(login);
    const passwordOk = await this.crypto.verifyPassword(dto.password, user ? user.passwordHash : await this.standInHash());
    const nowMs = clock.nowMs();
    const lockedAnswer = (until: Date) =>
      new AppException(403, ErrorCode.AccountLocked, `密码连续错误次数过多，账号已锁定，请${Math.max(1, Math.ceil((until.getTime() - nowMs) / 60000))}分钟后再试`);
    const lockUntil = new Date(nowMs + policy.loginLockMinutes * 60_000);
    if (!user) {
      const rows = returningRows<{ locked_until: Date | null; just_locked: boolean }>(
        await this.ds.query(
          `INSERT INTO login_failures AS f (key_hash, failures, locked_until, updated_at) VALUES ($1, 1, NULL, $2)
           ON CONFLICT (key_hash) DO UPDATE SET
             failures = CASE WHEN f.locked_until > $2 THEN f.failures WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failures + 1 END,
             locked_until = CASE WHEN f.locked_until > $2 THEN f.locked_until
                                 WHEN f.locked_until IS NULL AND f.failures + 1 >= $3 THEN $4::timestamptz ELSE NULL END,
             updated_at = $2
           RETURNING locked_until, (locked_until = $4::timestamptz) AS just_locked`,
          [this.crypto.blindIndex(`login:${login.toUpperCase()}`), new Date(nowMs), policy.loginMaxFailures, lockUntil],
        ),
      );
      const row = rows[0];
      await this.recordLoginFailure(null, login);
      if (row?.just_locked) throw this.justLocked(policy);
      if (row?.locked_until) throw lockedAnswer(new Date(row.locked_until));
      throw this.badCredentials();
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > nowMs) {
      // Same statement count as a counted failure, so a locked account answers in the same time as a wrong password.
      await this.recordLoginFailure(user, login);
      throw lockedAnswer(user.lockedUntil);
    }
    if (!passwordOk) {
      const rows = returningRows<{ failed_logins: number; locked_until: Date | null }>(await this.ds.query(
        `UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE NULL END
         WHERE id = $1 RETURNING failed_logins, locked_until`,
        [user.id, policy.loginMaxFailures, lockUntil],
      ));
      await this.recordLoginFailure(user, login);
      const row = rows[0];
      if (row?.locked_until) {
        await this.tokens.revokeAllForUser(user.id, undefined, 'lock');
        await this.audit.record({ actor: { id: user.id, organisationId: user.organisationId }, action: 'account.lock', targetType: 'user', targetId: user.id });
        throw this.justLocked(policy);
      }
      throw this.badCredentials();
    }
    if (user.status !== 'active') throw new AppException(403, ErrorCode.AccountDisabled, '账号已停用，请联系管理员');
    if (user.failedLogins > 0 || user.lockedUntil) {
      await this.ds.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
    }
    if (ADMIN_CONSOLE_ROLES.includes(user.role) || user.mfaEnabled) return { response: await this.startMfa(user) };
    if (user.role === Role.Applicant && user.loginSmsEnabled && user.mobileEnc) return { response: await this.startSmsMfa(user) };
    const s = await this.session(user);
    await this.audit.record({ actor: { id: user.id, organisationId: user.organisationId }, action: 'auth.login', targetType: 'user', targetId: user.id });
    return s;
  }

  private badCredentials(): AppException {
    return new AppException(401, ErrorCode.BadCredentials, '用户名或密码错误');
  }

  /** The answer at the failure that locks: the same words for a real account and an unknown name. */
  private justLocked(policy: EffectiveSecurityPolicy): AppException {
    return new AppException(403, ErrorCode.AccountLocked, `密码连续错误${policy.loginMaxFailures}次，账号已锁定${policy.loginLockMinutes}分钟`);
  }

  /** 安全审计: every failed sign-in, the login name masked (it may be an ID number or a mistyped password). */
  private async recordLoginFailure(user: User | null, login: string): Promise<void> {
    await this.audit.record({
      actor: user ? { id: user.id, organisationId: user.organisationId } : null,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      after: { login: maskLoginName(login) },
    });
  }

  private standInHashValue: Promise<string> | null = null;

  /** A password hash no password matches, checked when the login name has no account (same scrypt work). */
  private standInHash(): Promise<string> {
    this.standInHashValue ??= this.crypto.hashPassword(CryptoService.randomToken(24));
    return this.standInHashValue;
  }

  /** Second factor: a short-lived challenge; admins without a secret get one to enrol. */
  private async startMfa(user: User): Promise<LoginResponse> {
    let setup: { secret: string; otpauthUrl: string } | undefined;
    if (!user.totpSecretEnc) {
      const secret = generateTotpSecret();
      await this.ds.getRepository(User).update(user.id, { totpSecretEnc: this.crypto.encrypt(secret) });
      setup = { secret, otpauthUrl: otpauthUrl(secret, user.username) };
    } else if (!user.mfaEnabled) {
      const secret = this.crypto.decrypt(user.totpSecretEnc);
      setup = { secret, otpauthUrl: otpauthUrl(secret, user.username) };
    }
    const mfaToken = CryptoService.randomToken(24);
    await this.ds.getRepository(OneTimeToken).insert({
      userId: user.id,
      purpose: 'mfa',
      tokenHash: CryptoService.tokenHash(mfaToken),
      expiresAt: new Date(clock.nowMs() + MFA_TTL_MS),
    });
    return { mfaRequired: true, mfaToken, ...(setup ? { mfaSetup: setup } : {}) };
  }

  /**
   * Issue 13: a code is accepted once — the accepted time step is stored per user and that step or an earlier one is
   * refused afterwards (a replayed code counts as a wrong one); a challenge takes at most MFA_MAX_FAILURES wrong codes,
   * then it is void and the account locks as for passwords.
   */
  async verifyMfa(dto: MfaVerifyDto): Promise<SessionResult> {
    const hash = CryptoService.tokenHash(dto.mfaToken);
    const row = await this.ds.getRepository(OneTimeToken).findOne({ where: [{ tokenHash: hash, purpose: 'mfa' }, { tokenHash: hash, purpose: 'mfa_sms' }] });
    if (!row || row.usedAt || row.expiresAt.getTime() < clock.nowMs() || row.attempts >= MFA_MAX_FAILURES) {
      throw new AppException(401, ErrorCode.MfaInvalid, '验证已过期，请重新登录');
    }
    const user = await this.loadUser(row.userId);
    if (row.purpose === 'mfa_sms') return this.verifySmsCode(row, user, dto.code);
    const step = user.totpSecretEnc ? totpStep(this.crypto.decrypt(user.totpSecretEnc), dto.code) : null;
    if (step === null) throw await this.mfaFailure(row, user, '动态口令错误或已过期');
    const outcome = await this.ds.transaction(async (m) => {
      const fresh = returningRows<{ id: string }>(
        await m.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`, [user.id, step]),
      );
      if (!fresh.length) return 'replay' as const;
      const used = returningRows<{ id: string }>(
        await m.query(`UPDATE one_time_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND attempts < $3 RETURNING id`, [row.id, clock.now(), MFA_MAX_FAILURES]),
      );
      if (!used.length) throw new AppException(401, ErrorCode.MfaInvalid, '验证已过期，请重新登录');
      if (!user.mfaEnabled) {
        await m.getRepository(User).update(user.id, { mfaEnabled: true });
        user.mfaEnabled = true;
      }
      await this.audit.record({ actor: { id: user.id, organisationId: user.organisationId }, action: 'auth.login', targetType: 'user', targetId: user.id, after: { mfa: true } }, m);
      return this.session(user, m);
    });
    if (outcome === 'replay') throw await this.mfaFailure(row, user, '该动态口令已使用过，请等待下一个口令');
    return outcome;
  }

  /** Counts a wrong code against the challenge; at the limit the challenge is void and the account locked. */
  private async mfaFailure(row: OneTimeToken, user: User, message: string): Promise<AppException> {
    const counted = returningRows<{ attempts: number }>(
      await this.ds.query(`UPDATE one_time_tokens SET attempts = attempts + 1 WHERE id = $1 AND used_at IS NULL RETURNING attempts`, [row.id]),
    );
    const actor = { id: user.id, organisationId: user.organisationId };
    await this.audit.record({ actor, action: 'auth.mfa_failed', targetType: 'user', targetId: user.id });
    if ((counted[0]?.attempts ?? MFA_MAX_FAILURES) < MFA_MAX_FAILURES) return new AppException(401, ErrorCode.MfaInvalid, message);
    const { loginLockMinutes } = await this.policy.current();
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE one_time_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, [row.id, clock.now()]);
      await m.query(`UPDATE users SET failed_logins = 0, locked_until = $2 WHERE id = $1`, [user.id, new Date(clock.nowMs() + loginLockMinutes * 60_000)]);
      await this.tokens.revokeAllForUser(user.id, m, 'lock');
      await this.audit.record({ actor, action: 'account.lock', targetType: 'user', targetId: user.id, after: { reason: 'mfa' } }, m);
    });
    return new AppException(403, ErrorCode.AccountLocked, `动态口令连续错误${MFA_MAX_FAILURES}次，账号已锁定${loginLockMinutes}分钟`);
  }

  // ---------- SMS second factor (issue 13) ----------

  /** The hall's SMS step: a challenge like the TOTP one, and a 6-digit code (kept only as a hash) to the mobile on file. */
  private async startSmsMfa(user: User): Promise<LoginResponse> {
    const mfaToken = CryptoService.randomToken(24);
    const mobile = this.crypto.decrypt(user.mobileEnc as string);
    await this.ds.transaction(async (m) => {
      const code = this.newSmsCode();
      await m.getRepository(OneTimeToken).insert({
        userId: user.id,
        purpose: 'mfa_sms',
        tokenHash: CryptoService.tokenHash(mfaToken),
        codeHash: this.smsCodeHash(mfaToken, code),
        codeSentAt: clock.now(),
        expiresAt: new Date(clock.nowMs() + MFA_TTL_MS),
      });
      await this.sendSmsCode(user, mobile, code, m);
    });
    return { mfaRequired: true, mfaToken, secondFactor: 'sms', maskedMobile: maskMobile(mobile) };
  }

  /** Another code for a live SMS challenge, no sooner than LOGIN_SMS_RESEND_SECONDS after the last (the time is in the row). */
  async resendLoginSms(dto: MfaResendDto): Promise<{ maskedMobile: string; resendAfterSeconds: number }> {
    const tokenHash = CryptoService.tokenHash(dto.mfaToken);
    const code = this.newSmsCode();
    const now = clock.now();
    const rows = returningRows<{ user_id: string }>(
      await this.ds.query(
        `UPDATE one_time_tokens SET code_hash = $2, code_sent_at = $3, expires_at = $5
         WHERE token_hash = $1 AND purpose = 'mfa_sms' AND used_at IS NULL AND expires_at > $3 AND attempts < $4
           AND code_sent_at <= $3::timestamptz - make_interval(secs => $6)
         RETURNING user_id`,
        [tokenHash, this.smsCodeHash(dto.mfaToken, code), now, MFA_MAX_FAILURES, new Date(now.getTime() + MFA_TTL_MS), LOGIN_SMS_RESEND_SECONDS],
      ),
    );
    const userId = rows[0]?.user_id;
    if (!userId) {
      const live = await this.ds.getRepository(OneTimeToken).findOne({ where: { tokenHash, purpose: 'mfa_sms' } });
      if (live && !live.usedAt && live.expiresAt.getTime() > now.getTime() && live.attempts < MFA_MAX_FAILURES) {
        throw new AppException(429, ErrorCode.RateLimited, `验证码发送过于频繁，请${LOGIN_SMS_RESEND_SECONDS}秒后再试`);
      }
      throw new AppException(401, ErrorCode.MfaInvalid, '验证已过期，请重新登录');
    }
    const user = await this.loadUser(userId);
    const mobile = user.mobileEnc ? this.crypto.decrypt(user.mobileEnc) : '';
    await this.sendSmsCode(user, mobile, code);
    return { maskedMobile: maskMobile(mobile), resendAfterSeconds: LOGIN_SMS_RESEND_SECONDS };
  }

  /** One code, once: the challenge is spent in the statement that accepts it; a wrong code counts as for TOTP. */
  private async verifySmsCode(row: OneTimeToken, user: User, code: string): Promise<SessionResult> {
    const expected = row.codeHash ?? '';
    const given = this.smsCodeHashFor(row, code);
    if (!expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(given.padEnd(expected.length).slice(0, expected.length)))) throw await this.mfaFailure(row, user, '短信验证码错误');
    return this.ds.transaction(async (m) => {
      const used = returningRows<{ id: string }>(
        await m.query(`UPDATE one_time_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND attempts < $3 AND code_hash = $4 RETURNING id`, [row.id, clock.now(), MFA_MAX_FAILURES, expected]),
      );
      if (!used.length) throw new AppException(401, ErrorCode.MfaInvalid, '验证已过期，请重新登录');
      await this.audit.record({ actor: { id: user.id, organisationId: user.organisationId }, action: 'auth.login', targetType: 'user', targetId: user.id, after: { mfa: 'sms' } }, m);
      return this.session(user, m);
    });
  }

  private newSmsCode(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  /** Bound to the challenge, so one hash says nothing about another challenge's code. */
  private smsCodeHash(mfaToken: string, code: string): string {
    return CryptoService.tokenHash(`${CryptoService.tokenHash(mfaToken)}:${code}`);
  }

  private smsCodeHashFor(row: OneTimeToken, code: string): string {
    return CryptoService.tokenHash(`${row.tokenHash}:${code}`);
  }

  private async sendSmsCode(user: User, mobile: string, code: string, m?: EntityManager): Promise<void> {
    const body = `您正在登录职称申报评审系统，验证码：${code}，5分钟内有效。如非本人操作，请忽略并修改密码。`;
    await this.outbox.enqueue({ channel: 'sms', event: 'auth.login_sms_code', userId: user.id, recipient: mobile, subject: '登录验证码', body }, m);
  }

  /** 登录短信验证 on or off (hall accounts): a fresh password check, and only where a mobile is on file. */
  async setLoginSms(actor: AuthUser, dto: LoginSmsDto): Promise<CurrentUser> {
    const u = await this.loadUser(actor.id);
    if (u.role !== Role.Applicant) throw AppException.validation({ enabled: '登录短信验证仅适用于申报人账号' });
    if (!(await this.crypto.verifyPassword(dto.password, u.passwordHash))) throw AppException.validation({ password: '当前密码不正确' });
    if (dto.enabled && !u.mobileEnc) throw AppException.validation({ enabled: '请先在个人信息中填写手机号码' });
    await this.ds.transaction(async (m) => {
      await m.getRepository(User).update(u.id, { loginSmsEnabled: dto.enabled });
      await this.audit.record({ actor, action: 'account.login_sms', targetType: 'user', targetId: u.id, before: { enabled: u.loginSmsEnabled }, after: { enabled: dto.enabled } }, m);
    });
    return this.me(actor);
  }

  async refresh(token: string): Promise<SessionResult> {
    const { userId, sessionId, refreshToken } = await this.tokens.rotate(token);
    const user = await this.loadUser(userId);
    if (user.status !== 'active') throw new AppException(403, ErrorCode.AccountDisabled, '账号已停用，请联系管理员');
    return {
      response: { accessToken: this.tokens.signAccess(user, sessionId), expiresIn: this.config.accessTokenTtlSeconds, user: this.toCurrentUser(user) },
      refreshToken,
    };
  }

  /** Ends the session at once: its refresh token and the access tokens it handed out (issue 13). */
  async logout(token: string | undefined, accessToken?: string): Promise<void> {
    const userId = await this.tokens.revokeByToken(token, accessToken);
    if (userId) await this.audit.record({ actor: { id: userId, organisationId: null }, action: 'auth.logout', targetType: 'user', targetId: userId });
  }

  // ---------- self service ----------

  async me(user: AuthUser): Promise<CurrentUser> {
    return this.toCurrentUser(await this.loadUser(user.id));
  }

  /** H-02 / U-11: only the editable part; name and ID number never change here. */
  async updateProfile(actor: AuthUser, dto: UpdateProfileDto): Promise<CurrentUser> {
    await this.ds.transaction(async (m) => {
      const u = await this.loadUser(actor.id, m);
      const before = { email: u.email, contactPerson: u.contactPerson, contactPhone: u.contactPhone, mobile: u.mobileEnc ? maskMobile(this.crypto.decrypt(u.mobileEnc)) : '' };
      if (dto.email != null) u.email = dto.email.trim();
      if (dto.contactPerson != null) u.contactPerson = dto.contactPerson.trim() || null;
      if (dto.contactPhone != null) u.contactPhone = dto.contactPhone.trim() || null;
      if (dto.mobile != null) {
        u.mobileEnc = this.crypto.encrypt(dto.mobile.trim());
        u.mobileHash = this.crypto.blindIndex(dto.mobile.trim());
      }
      await m.getRepository(User).save(u);
      await this.audit.record(
        {
          actor,
          action: 'account.update_profile',
          targetType: 'user',
          targetId: u.id,
          before,
          after: { email: u.email, contactPerson: u.contactPerson, contactPhone: u.contactPhone, mobile: dto.mobile ? maskMobile(dto.mobile) : before.mobile },
        },
        m,
      );
    });
    return this.me(actor);
  }

  // ---------- sessions (issue 13) ----------

  sessions(actor: AuthUser): Promise<SessionView[]> {
    return this.tokens.openSessions(actor.id, actor.sessionId);
  }

  async endSession(actor: AuthUser, sessionId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (!(await this.tokens.endOwnSession(actor.id, sessionId, m))) throw AppException.notFound('登录会话');
      await this.audit.record({ actor, action: 'account.end_session', targetType: 'session', targetId: sessionId }, m);
    });
  }

  async changePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const u = await this.loadUser(actor.id);
    if (!(await this.crypto.verifyPassword(dto.oldPassword, u.passwordHash))) {
      throw AppException.validation({ oldPassword: '原密码不正确' });
    }
    if (dto.oldPassword === dto.newPassword) throw AppException.validation({ newPassword: '新密码不能与原密码相同' });
    assertPasswordAcceptable(dto.newPassword, this.passwordOwner(u), 'newPassword');
    const hash = await this.crypto.hashPassword(dto.newPassword);
    await this.ds.transaction(async (m) => {
      await m.getRepository(User).update(u.id, { passwordHash: hash, mustChangePassword: false });
      await this.tokens.revokeAllForUser(u.id, m);
      await this.audit.record({ actor, action: 'account.change_password', targetType: 'user', targetId: u.id }, m);
    });
  }

  // ---------- recovery ----------

  /** Same answer whether or not the account exists, so it cannot be used to probe accounts. */
  async recoverPassword(dto: RecoverPasswordDto): Promise<{ message: string }> {
    const started = requestContext.getStore()?.startedMs ?? performance.now();
    await this.captcha.verify(dto.captchaId, dto.captchaCode);
    const user = await this.findByLogin(dto.username.trim());
    if (user && user.status === 'active') {
      const token = CryptoService.randomToken(24);
      const link = `${this.config.publicBaseUrl}/reset-password?token=${token}`;
      await this.ds.transaction(async (m) => {
        await m.getRepository(OneTimeToken).insert({
          userId: user.id,
          purpose: 'reset',
          tokenHash: CryptoService.tokenHash(token),
          expiresAt: new Date(clock.nowMs() + RESET_TTL_MS),
        });
        await this.sendTo(user, dto.channel, 'account.reset_password', '重置密码', `您正在重置职称申报评审系统的登录密码，请在30分钟内打开以下链接设置新密码：${link}。如非本人操作，请忽略。`, m);
        await this.audit.record({ actor: { id: user.id, organisationId: user.organisationId }, action: 'account.recover_password', targetType: 'user', targetId: user.id, after: { channel: dto.channel } }, m);
      });
    }
    await this.answerNoSoonerThan(started);
    return { message: dto.channel === 'sms' ? '若账号存在，重置链接已发送至绑定的手机' : '若账号存在，重置链接已发送至绑定的邮箱' };
  }

  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    const hash = await this.crypto.hashPassword(dto.newPassword);
    await this.ds.transaction(async (m) => {
      const rows = returningRows<{ user_id: string }>(
        await m.query(
          `UPDATE one_time_tokens SET used_at = $2
           WHERE token_hash = $1 AND purpose = 'reset' AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
          [CryptoService.tokenHash(dto.token), clock.now()],
        ),
      );
      const userId = rows[0]?.user_id;
      if (!userId) throw new AppException(400, ErrorCode.ResetTokenInvalid, '重置链接无效或已过期，请重新找回密码');
      // refused here, inside the transaction: the link stays unused and can be tried again with another password
      assertPasswordAcceptable(dto.newPassword, this.passwordOwner(await m.getRepository(User).findOneByOrFail({ id: userId })), 'newPassword');
      await m.getRepository(User).update(userId, { passwordHash: hash, failedLogins: 0, lockedUntil: null, mustChangePassword: false });
      await this.tokens.revokeAllForUser(userId, m);
      await this.audit.record({ actor: { id: userId, organisationId: null }, action: 'account.reset_password', targetType: 'user', targetId: userId }, m);
    });
  }

  async recoverUsername(dto: RecoverUsernameDto): Promise<{ message: string }> {
    const started = requestContext.getStore()?.startedMs ?? performance.now();
    await this.captcha.verify(dto.captchaId, dto.captchaCode);
    const user = await this.ds.getRepository(User).findOne({ where: { idCardHash: this.crypto.blindIndex(normalizeIdCard(dto.idCard)) } });
    if (user && user.realName === dto.realName.trim()) {
      await this.ds.transaction(async (m) => {
        await this.sendTo(user, dto.channel, 'account.recover_username', '找回用户名', `您在职称申报评审系统的登录用户名为：${user.username}`, m);
        await this.audit.record({ actor: { id: user.id, organisationId: null }, action: 'account.recover_username', targetType: 'user', targetId: user.id }, m);
      });
    }
    await this.answerNoSoonerThan(started);
    return { message: '若身份信息匹配，用户名已发送至绑定的' + (dto.channel === 'sms' ? '手机' : '邮箱') };
  }

  /**
   * Recovery does more work for a real account (a token, a message and its delivery job, an audit row) than for an
   * unknown one, and a failed login a few statements more or less: the answer is held to the next whole multiple of
   * AUTH_EQUAL_ANSWER_MS since the request came in, so its timing tells nothing — also on a loaded machine where the
   * work takes longer than one step (both sides land on the same step unless the work straddles its end).
   */
  private async answerNoSoonerThan(startedMs: number): Promise<void> {
    const step = this.config.auth.equalAnswerMs;
    if (step <= 0) return;
    const elapsed = performance.now() - startedMs;
    const left = Math.max(1, Math.ceil(elapsed / step)) * step - elapsed;
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }

  private async sendTo(user: User, channel: 'sms' | 'email', event: 'account.reset_password' | 'account.recover_username', subject: string, body: string, m: EntityManager): Promise<void> {
    const recipient = channel === 'sms' ? (user.mobileEnc ? maskMobile(this.crypto.decrypt(user.mobileEnc)) : '') : (user.email ?? '');
    await this.outbox.enqueue({ channel, event, userId: user.id, recipient, subject, body }, m);
  }

  // ---------- second factor management ----------

  async mfaSetup(actor: AuthUser): Promise<{ secret: string; otpauthUrl: string }> {
    const u = await this.loadUser(actor.id);
    if (u.mfaEnabled) throw AppException.conflict('已开启双因素认证');
    const secret = generateTotpSecret();
    await this.ds.getRepository(User).update(u.id, { totpSecretEnc: this.crypto.encrypt(secret) });
    return { secret, otpauthUrl: otpauthUrl(secret, u.username) };
  }

  async mfaEnable(actor: AuthUser, code: string): Promise<CurrentUser> {
    const u = await this.loadUser(actor.id);
    const step = u.totpSecretEnc ? totpStep(this.crypto.decrypt(u.totpSecretEnc), code) : null;
    if (step === null) throw new AppException(400, ErrorCode.MfaInvalid, '动态口令错误', { code: '动态口令错误' });
    await this.ds.transaction(async (m) => {
      await m.getRepository(User).update(u.id, { mfaEnabled: true, totpLastStep: step });
      await this.audit.record({ actor, action: 'account.mfa_enable', targetType: 'user', targetId: u.id }, m);
    });
    return this.me(actor);
  }

  // ---------- back-office accounts ----------

  async createStaff(actor: AuthUser, dto: CreateStaffDto): Promise<CurrentUser> {
    await this.access.assertOrgInScope(actor, dto.organisationId);
    if (await this.ds.getRepository(User).exists({ where: { username: dto.username } })) {
      throw new AppException(409, ErrorCode.UsernameTaken, '该用户名已被使用', { username: '该用户名已被使用' });
    }
    assertPasswordAcceptable(dto.password, { username: dto.username, realName: dto.realName, mobile: dto.mobile });
    const passwordHash = await this.crypto.hashPassword(dto.password);
    const id = await this.ds.transaction(async (m) => {
      const u = await m.getRepository(User).save({
        username: dto.username,
        role: dto.role,
        organisationId: dto.organisationId,
        realName: dto.realName.trim(),
        mobileEnc: this.crypto.encrypt(dto.mobile),
        mobileHash: this.crypto.blindIndex(dto.mobile),
        email: dto.email ?? null,
        passwordHash,
        // the administrator chose this password: the holder sets their own at the first sign-in
        mustChangePassword: true,
      });
      await this.audit.record({ actor, action: 'account.create_staff', targetType: 'user', targetId: u.id, after: { username: u.username, role: u.role, organisationId: u.organisationId } }, m);
      return u.id;
    });
    return this.toCurrentUser(await this.loadUser(id));
  }

  /**
   * the back-office account another administrator may act on — in the caller's scope, not the caller, never an
   * applicant and never one of 三员 (those are created and changed only with the command line).
   */
  private async manageableAccount(actor: AuthUser, id: string, m: EntityManager): Promise<User> {
    const u = await m.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!u || u.role === Role.Applicant || !u.organisationId) throw AppException.notFound('账号');
    await this.access.assertOrgInScope(actor, u.organisationId, m);
    if (u.id === actor.id) throw AppException.forbidden('不能变更自己的账号');
    if (SEPARATED_ADMIN_ROLES.includes(u.role)) throw AppException.forbidden('系统管理员、安全管理员和审计管理员的账号只能由部署人员通过命令行管理');
    return u;
  }

  /** A-31 系统管理员: disables (every session ends at once) or re-enables a back-office account; audited. */
  async setStatus(actor: AuthUser, id: string, status: 'active' | 'disabled'): Promise<CurrentUser> {
    await this.ds.transaction(async (m) => {
      const u = await this.manageableAccount(actor, id, m);
      if (u.status === status) return;
      await m.update(User, { id }, { status });
      if (status === 'disabled') await this.tokens.revokeAllForUser(id, m, 'disabled');
      await this.audit.record({ actor, action: status === 'disabled' ? 'account.disable' : 'account.enable', targetType: 'user', targetId: id, before: { status: u.status }, after: { status } }, m);
    });
    return this.toCurrentUser(await this.loadUser(id));
  }

  /** A-31 安全管理员: changes a back-office account's business role; every session of it ends at once; audited. */
  async changeRole(actor: AuthUser, id: string, role: Role): Promise<CurrentUser> {
    if (!ASSIGNABLE_STAFF_ROLES.includes(role)) throw AppException.validation({ role: '请选择可分配的业务角色' });
    await this.ds.transaction(async (m) => {
      const u = await this.manageableAccount(actor, id, m);
      if (u.role === role) return;
      const org = u.organisationId ? await m.getRepository(Organisation).findOne({ where: { id: u.organisationId } }) : null;
      if (!org || !roleFitsOrganisation(role, org.type)) {
        throw AppException.validation({ role: `所属机构为${org ? ORG_TYPE_LABELS[org.type] : '空'}，不能分配“${ROLE_LABELS[role]}”角色` });
      }
      await m.update(User, { id }, { role });
      await this.tokens.revokeAllForUser(id, m, 'role');
      await this.audit.record({ actor, action: 'account.change_role', targetType: 'user', targetId: id, before: { role: u.role }, after: { role } }, m);
    });
    return this.toCurrentUser(await this.loadUser(id));
  }

  /** Back-office accounts of the organisations in the caller's scope; personal data masked. */
  async listStaff(actor: AuthUser, q: { page: number; pageSize: number; keyword?: string; role?: string }) {
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.organisation', 'o')
      .where('u.role <> :applicant', { applicant: Role.Applicant });
    this.access.scopeQuery(qb, actor, { orgId: 'u.organisation_id', regionCode: 'o.region_code' });
    if (q.keyword) qb.andWhere('(u.username ILIKE :kw OR u.real_name ILIKE :kw)', { kw: `%${q.keyword}%` });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    qb.orderBy('u.created_at', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((u) => this.toCurrentUser(u)), total, page: q.page, pageSize: q.pageSize };
  }
}

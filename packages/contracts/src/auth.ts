import type { AdminLevel, OrgType, Role } from './enums.js';

export interface CaptchaResponse {
  captchaId: string;
  /** SVG image of the challenge: the characters drawn as paths among noise curves (no text to read off). */
  svg: string;
}

export interface LoginRequest {
  username: string;
  password: string;
  captchaId: string;
  captchaCode: string;
}

export interface MfaVerifyRequest {
  mfaToken: string;
  code: string;
}

export interface RegisterPersonRequest {
  realName: string;
  idCard: string;
  username?: string;
  password: string;
  email: string;
  mobile: string;
  contactPerson?: string;
  contactPhone?: string;
  captchaId: string;
  captchaCode: string;
}

export interface RegisterUnitRequest {
  unitName: string;
  creditCode: string;
  regionCode: string;
  nature: string;
  contactName: string;
  contactMobile: string;
  email: string;
  username: string;
  password: string;
  captchaId: string;
  captchaCode: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  realName: string;
  role: Role;
  /** Masked. */
  idCard: string;
  /** Masked. */
  mobile: string;
  email: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  mfaEnabled: boolean;
  /** Issue 13: the hall's login asks for an SMS code after the password. */
  loginSmsEnabled: boolean;
  /** Issue 13: an account created by an administrator must set its own password before anything else. */
  mustChangePassword: boolean;
  /** a disabled account cannot sign in (the system administrator disables and re-enables accounts). */
  status: 'active' | 'disabled';
  organisation: { id: string; name: string; type: OrgType; regionCode: string; level: AdminLevel | null } | null;
}

/** Issue 13: one open session of the signed-in user (我的登录设备). */
export interface SessionView {
  id: string;
  signedInAt: string;
  lastActiveAt: string;
  endsAt: string;
  /** Masked (a.b.*.*). */
  address: string | null;
  userAgent: string | null;
  /** The session this request belongs to. */
  current: boolean;
}

export interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  user: CurrentUser;
}

/** Login answers either tokens, or a request for the second factor. */
export type LoginResponse =
  | ({ mfaRequired?: false } & TokenResponse)
  | { mfaRequired: true; mfaToken: string; mfaSetup?: { secret: string; otpauthUrl: string }; secondFactor?: 'totp' | 'sms'; maskedMobile?: string };

/** Issue 13: 登录短信验证 on or off; the current password is checked afresh. */
export interface LoginSmsRequest {
  enabled: boolean;
  password: string;
}

export interface MfaResendRequest {
  mfaToken: string;
}

/** Seconds between two SMS codes of one login challenge. */
export const LOGIN_SMS_RESEND_SECONDS = 60;

export interface UpdateProfileRequest {
  email?: string;
  mobile?: string;
  contactPerson?: string;
  contactPhone?: string;
}

export interface ChangePasswordRequest {
  oldPassword: string;
  newPassword: string;
}

export interface RecoverPasswordRequest {
  username: string;
  channel: 'sms' | 'email';
  captchaId: string;
  captchaCode: string;
}

export interface ResetPasswordRequest {
  token: string;
  newPassword: string;
}

export interface RecoverUsernameRequest {
  realName: string;
  idCard: string;
  channel: 'sms' | 'email';
  captchaId: string;
  captchaCode: string;
}

export interface CreateStaffRequest {
  username: string;
  realName: string;
  role: Role;
  organisationId: string;
  mobile: string;
  email?: string;
  password: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/** the security policy the 安全管理员 sets; each value applies from the next sign-in or refresh on. */
export interface UpdateSecurityPolicyRequest {
  /** Wrong passwords (or second-factor codes) in a row before the account locks. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** A session not refreshed for this long ends (the console signs out). */
  sessionIdleMinutes: number;
  /** A session ends this long after its sign-in however active it is. */
  sessionAbsoluteHours: number;
}
export interface SecurityPolicyView extends UpdateSecurityPolicyRequest {
  /** The deployment's defaults (LIMITS and the SESSION_* settings), used where the policy sets nothing. */
  defaults: UpdateSecurityPolicyRequest;
  updatedAt: string | null;
}
/** Allowed range of each policy value ([min, max]); 等保 level 3 asks for a lockout and a session timeout, so neither can be switched off. */
export const SECURITY_POLICY_BOUNDS: Record<keyof UpdateSecurityPolicyRequest, readonly [number, number]> = {
  loginMaxFailures: [3, 10],
  loginLockMinutes: [5, 1440],
  sessionIdleMinutes: [5, 120],
  sessionAbsoluteHours: [1, 24],
};

/** the security administrator changes the business role of a back-office account. */
export interface ChangeRoleRequest {
  role: string;
}
/** the system administrator disables or re-enables a back-office account. */
export interface ChangeAccountStatusRequest {
  status: 'active' | 'disabled';
}

/**
 * Pure validators shared by the web forms and the API. Each returns null when valid,
 * or a Chinese message saying what is wrong.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits of an ID card number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Validates an 18-digit resident ID card number (GB 11643): format, birth date and check digit. */
export function validateIdCard(value: string): string | null {
  const v = (value ?? '').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为18位，前17位为数字，最后一位为数字或X';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    birth.getUTCFullYear() !== y ||
    birth.getUTCMonth() !== m - 1 ||
    birth.getUTCDate() !== d ||
    birth.getTime() > Date.now()
  ) {
    return '身份证号中的出生日期无效';
  }
  if (idCardCheckChar(v.slice(0, 17)) !== v[17]) return '身份证号校验位不正确，请核对后重新输入';
  return null;
}

export function normalizeIdCard(value: string): string {
  return (value ?? '').trim().toUpperCase();
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character for the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return CREDIT_CHARS[c === 31 ? 0 : c]!;
}

/** Validates an 18-character unified social credit code (GB 32100). */
export function validateCreditCode(value: string): string | null {
  const v = (value ?? '').trim().toUpperCase();
  if (v.length !== 18) return '统一社会信用代码应为18位';
  if (![...v].every((ch) => CREDIT_CHARS.includes(ch))) {
    return '统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）';
  }
  if (!/^\d{6}$/.test(v.slice(2, 8))) return '统一社会信用代码第3至8位应为行政区划码';
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return '统一社会信用代码校验位不正确，请核对后重新输入';
  return null;
}

/** Password policy: at least 8 characters with at least three of upper, lower, digit, symbol. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
export function validatePassword(value: string): string | null {
  const v = value ?? '';
  if (v.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (v.length > PASSWORD_MAX_LENGTH) return `密码不能超过${PASSWORD_MAX_LENGTH}位`;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三种';
  return null;
}

/**
 * Issue 13: a password must not carry the account's own data — its login name, ID number (or its last six
 * characters), mobile number or the holder's name in pinyin (given as the letters of each syllable, as the API computes
 * them). Compared without case. The common-password list is checked by the API only (it is too large for the web).
 */
export interface PasswordPersonalData {
  username?: string | null;
  idCard?: string | null;
  mobile?: string | null;
  /** The name's syllables in pinyin without tones, e.g. ['zhang', 'san']. */
  namePinyin?: string[] | null;
}
export function passwordPersonalProblem(password: string, data: PasswordPersonalData): string | null {
  const v = (password ?? '').toLowerCase();
  const has = (part: string | null | undefined, min: number) => !!part && part.length >= min && v.includes(part.toLowerCase());
  if (has(data.username?.trim(), 3)) return '密码不能包含用户名';
  const id = data.idCard?.trim();
  if (id && (has(id, 15) || has(id.slice(-6), 6))) return '密码不能包含身份证号码';
  if (has(data.mobile?.trim(), 11)) return '密码不能包含手机号码';
  const syllables = (data.namePinyin ?? []).filter(Boolean);
  if (syllables.length) {
    const full = syllables.join('');
    // the whole name, or the given name alone (姓 + 名 of one syllable each is too short to mean anything)
    const given = syllables.slice(1).join('');
    if (has(full, 4) || has(given, 4)) return '密码不能包含姓名的拼音';
  }
  return null;
}

export function validateMobile(value: string): string | null {
  return /^1[3-9]\d{9}$/.test((value ?? '').trim()) ? null : '请输入11位有效手机号码';
}

export function validateEmail(value: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test((value ?? '').trim()) ? null : '请输入有效的电子邮箱';
}

/** Login name: 4–32 letters, digits, underscore; or an ID card number. */
export function validateUsername(value: string): string | null {
  return /^[A-Za-z0-9_]{4,32}$/.test(value ?? '') ? null : '用户名为4至32位字母、数字或下划线';
}

/** Masks an ID card number: keep the first 3 and last 4 characters. */
export function maskIdCard(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** Masks an e-mail address: wa***@example.com (the first two characters of the name and the domain). */
export function maskEmail(value: string | null | undefined): string {
  if (!value) return '';
  const at = value.lastIndexOf('@');
  if (at < 1) return '*'.repeat(Math.min(value.length, 8));
  return `${value.slice(0, Math.min(2, at))}***${value.slice(at)}`;
}

/** Masks a mobile number: 138****1234. */
export function maskMobile(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '****' + value.slice(-4);
}

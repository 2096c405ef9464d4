import { createRequire } from 'node:module';
import { passwordPersonalProblem, validatePassword } from '@zhicheng/contracts';
import { pinyin } from 'pinyin-pro';
import { AppException } from '../errors/app.exception.js';

// The common-password list of zxcvbn-ts (maintained, MIT): 49,233 passwords most often found in leaks, lower case.
const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
const COMMON = new Set(dictionary['passwords-common']);

/** Number of entries in the shipped common-password list (shown in SECURITY.md, asserted by a test). */
export const COMMON_PASSWORD_COUNT = COMMON.size;

/** A common password, compared without case, also with trailing digits and symbols removed (`Password1!` → `password`). */
export function isCommonPassword(password: string): boolean {
  const v = password.toLowerCase();
  if (COMMON.has(v)) return true;
  const stem = v.replace(/[^a-z]+$/, '');
  return stem.length >= 4 && stem !== v && COMMON.has(stem) && stem.length >= v.length - 4;
}

/** The syllables of a Chinese name in pinyin without tones (`张三丰` → zhang, san, feng); ü as v. */
export function namePinyin(realName: string | null | undefined): string[] {
  const name = (realName ?? '').trim();
  if (!/[\u4e00-\u9fff]/.test(name)) return [];
  return pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).filter((s) => /^[a-z]+$/.test(s));
}

export interface PasswordOwner {
  username?: string | null;
  realName?: string | null;
  idCard?: string | null;
  mobile?: string | null;
}

/**
 * Issue 13, every place a password is set: the shape (contracts' validatePassword), the common-password list, and the
 * owner's own data. Throws a validation error on `field`.
 */
export function assertPasswordAcceptable(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem =
    validatePassword(password) ??
    (isCommonPassword(password) ? '该密码过于常见，容易被猜中，请换一个' : null) ??
    passwordPersonalProblem(password, { username: owner.username, idCard: owner.idCard, mobile: owner.mobile, namePinyin: namePinyin(owner.realName) });
  if (problem) throw AppException.validation({ [field]: problem });
}

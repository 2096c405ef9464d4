import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@zhicheng/contracts';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'zc:public';
export const PERMISSION = 'zc:permission';
export const RATE_LIMIT = 'zc:rate-limit';

/** Opts a route out of authentication. Every other route needs a permission. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The permission a route needs; checked against the permission map in the contracts package. */
/** Issue 13: answered while the account must still replace an administrator-given password (me, 修改密码, MFA). */
export const OPEN_BEFORE_PASSWORD_CHANGE = 'zc:open-before-password-change';
export const OpenBeforePasswordChange = () => SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION, permission);

export type RateBucket = 'login' | 'register' | 'public';
/** Limits calls per client address per minute, counted in the database (shared by all API processes). */
export const RateLimit = (bucket: RateBucket) => SetMetadata(RATE_LIMIT, bucket);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode, roleHasPermission, type Permission } from '@zhicheng/contracts';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AppException } from '../errors/app.exception.js';
import { RateLimitService } from '../rate-limit/rate-limit.service.js';
import type { AuthUser } from './auth-user.js';
import { IS_PUBLIC, OPEN_BEFORE_PASSWORD_CHANGE, PERMISSION, RATE_LIMIT, type RateBucket } from './decorators.js';

function meta<T>(reflector: Reflector, key: string, ctx: ExecutionContext): T | undefined {
  return reflector.getAllAndOverride<T>(key, [ctx.getHandler(), ctx.getClass()]);
}

/** Deny by default: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(ctx: ExecutionContext) {
    if (meta<boolean>(this.reflector, IS_PUBLIC, ctx)) return true;
    return super.canActivate(ctx);
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err || !user) throw new AppException(401, ErrorCode.Unauthenticated, '登录已失效，请重新登录');
    return user;
  }
}

/** Every non-public route must declare a permission, and the caller's role must hold it. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (meta<boolean>(this.reflector, IS_PUBLIC, ctx)) return true;
    const permission = meta<Permission>(this.reflector, PERMISSION, ctx);
    if (!permission) throw AppException.forbidden('该接口未声明访问权限，已拒绝');
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roleHasPermission(user.role, permission)) throw AppException.forbidden();
    if (user.mustChangePassword && !meta<boolean>(this.reflector, OPEN_BEFORE_PASSWORD_CHANGE, ctx)) {
      throw new AppException(403, ErrorCode.PasswordChangeRequired, '首次登录请先修改初始密码，修改后重新登录即可使用');
    }
    return true;
  }
}

/** Per-address limits for login, registration and public endpoints. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const bucket = meta<RateBucket>(this.reflector, RATE_LIMIT, ctx);
    if (!bucket) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const perMinute = {
      login: this.config.rateLimit.loginPerMinute,
      register: this.config.rateLimit.registerPerMinute,
      public: this.config.rateLimit.publicPerMinute,
    }[bucket];
    // Public lookups (certificate verification) count in process and sync in batches; login and registration
    // write every attempt (see RateLimitService).
    if (bucket === 'public') this.limits.hitBatched(`${bucket}:${req.ip}`, perMinute, 60);
    else await this.limits.hit(`${bucket}:${req.ip}`, perMinute, 60);
    return true;
  }
}

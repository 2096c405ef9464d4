import { clock } from '../../common/clock/clock.service.js';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode } from '@zhicheng/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { AccessTokenPayload } from '../../common/auth/auth-user.js';
import { RateLimitService } from '../../common/rate-limit/rate-limit.service.js';
import { requestContext } from '../../common/request-context.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import type { User } from './entities/user.entity.js';

/** Short-lived JWT access tokens and rotating, revocable refresh tokens grouped in families. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(user: User): string {
    const payload: AccessTokenPayload = {
      sub: user.id,
      usr: user.username,
      role: user.role,
      org: user.organisationId,
      reg: user.organisation?.regionCode ?? null,
      lvl: user.organisation?.level ?? null,
    };
    return this.jwt.sign(payload, {
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: 'zhicheng',
      audience: 'zhicheng-api',
      algorithm: 'HS256',
    });
  }

  /** Starts a new family (a fresh login) or continues one (a rotation). Returns the opaque token. */
  async issueRefresh(userId: string, familyId: string = randomUUID(), manager: EntityManager = this.ds.manager): Promise<string> {
    const token = CryptoService.randomToken(32);
    await manager.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: CryptoService.tokenHash(token),
      expiresAt: new Date(clock.nowMs() + this.config.refreshTokenTtlDays * 86400_000),
    });
    return token;
  }

  /**
   * Rotates a refresh token. A token already rotated or revoked is a reuse: the whole family is
   * revoked, so a stolen token stops working for the thief and the owner alike.
   */
  async rotate(token: string): Promise<{ userId: string; refreshToken: string }> {
    const invalid = () => new AppException(401, ErrorCode.RefreshInvalid, '登录已失效，请重新登录');
    if (!token) throw invalid();
    const hash = CryptoService.tokenHash(token);
    // Limited per session (token family), never per address and never in the login bucket (issue 12); only
    // unknown tokens are counted per address.
    if (!(await this.limits.hitRefreshFamily(hash, this.config.rateLimit.refreshPerMinute))) {
      await this.limits.hit(`refresh-unknown:${requestContext.getStore()?.ip ?? 'none'}`, this.config.rateLimit.refreshUnknownPerMinute, 60);
      throw invalid();
    }
    const outcome = await this.ds.transaction(async (m) => {
      const row = await m.getRepository(RefreshToken).findOne({ where: { tokenHash: hash } });
      if (!row) return { kind: 'invalid' as const };
      if (row.rotatedAt || row.revokedAt) return { kind: 'reuse' as const, row };
      if (row.expiresAt.getTime() < clock.nowMs()) return { kind: 'invalid' as const };
      const res = await m
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ rotatedAt: () => 'now()' })
        .where('id = :id AND rotated_at IS NULL AND revoked_at IS NULL', { id: row.id })
        .execute();
      if (!res.affected) return { kind: 'reuse' as const, row };
      const next = await this.issueRefresh(row.userId, row.familyId, m);
      return { kind: 'ok' as const, userId: row.userId, refreshToken: next };
    });
    if (outcome.kind === 'invalid') throw invalid();
    if (outcome.kind === 'reuse') {
      await this.revokeFamily(outcome.row.familyId);
      await this.audit.record({
        actor: { id: outcome.row.userId, organisationId: null },
        action: 'auth.refresh_reuse',
        targetType: 'user',
        targetId: outcome.row.userId,
        after: { familyId: outcome.row.familyId },
      });
      throw new AppException(401, ErrorCode.RefreshReused, '检测到登录凭证被重复使用，已强制下线，请重新登录');
    }
    return { userId: outcome.userId, refreshToken: outcome.refreshToken };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.ds.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeByToken(token: string): Promise<void> {
    if (!token) return;
    const rows: { family_id: string }[] = await this.ds.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [
      CryptoService.tokenHash(token),
    ]);
    if (rows[0]) await this.revokeFamily(rows[0].family_id);
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}

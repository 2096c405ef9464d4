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
import type { SessionView } from '@zhicheng/contracts';
import { maskAddress } from '../../common/security/mask-address.js';
import { SecurityPolicyService } from './security-policy.service.js';

/** Short-lived JWT access tokens and rotating, revocable refresh tokens grouped in families. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    private readonly limits: RateLimitService,
    private readonly policy: SecurityPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(user: User, sessionId: string): string {
    const payload: AccessTokenPayload = {
      sub: user.id,
      sid: sessionId,
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

  /**
   * A sign-in: a session (the refresh-token family) that ends the policy's lifetime (SESSION_ABSOLUTE_HOURS by default) from now however active it is,
   * and its first refresh token. Returns the session id (for the access token) and the opaque refresh token.
   */
  async startSession(userId: string, manager: EntityManager = this.ds.manager): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const now = clock.nowMs();
    const { sessionAbsoluteHours, sessionIdleMinutes } = await this.policy.current(manager);
    const sessionEnd = new Date(now + sessionAbsoluteHours * 3600_000);
    await manager.query(`INSERT INTO sessions (id, user_id, created_at, refreshed_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
      sessionId,
      userId,
      new Date(now),
      sessionEnd,
      requestContext.getStore()?.ip ?? null,
      requestContext.getStore()?.userAgent ?? null,
    ]);
    return { sessionId, refreshToken: await this.issueRefresh(userId, sessionId, sessionEnd, sessionIdleMinutes, manager) };
  }

  /** A refresh token of the session: valid for the policy's idle timeout (SESSION_IDLE_MINUTES by default), never past the session's end. */
  private async issueRefresh(userId: string, familyId: string, sessionEnd: Date, idleMinutes: number, manager: EntityManager): Promise<string> {
    const token = CryptoService.randomToken(32);
    await manager.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: CryptoService.tokenHash(token),
      expiresAt: new Date(Math.min(clock.nowMs() + idleMinutes * 60_000, sessionEnd.getTime())),
    });
    return token;
  }

  /**
   * Rotates a refresh token. A token already rotated or revoked is a reuse: the whole family is
   * revoked, so a stolen token stops working for the thief and the owner alike.
   */
  async rotate(token: string): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
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
      const now = clock.nowMs();
      const { sessionIdleMinutes } = await this.policy.current(m);
      const sessions: { expires_at: Date; refreshed_at: Date; ended_at: Date | null }[] = await m.query(
        `SELECT expires_at, refreshed_at, ended_at FROM sessions WHERE id = $1 FOR UPDATE`,
        [row.familyId],
      );
      const session = sessions[0];
      if (!session || session.ended_at) return { kind: 'invalid' as const };
      // Idle (no refresh for the policy's idle timeout (SESSION_IDLE_MINUTES by default): the refresh token's own expiry) or past its absolute end.
      const idle = row.expiresAt.getTime() < now || now - new Date(session.refreshed_at).getTime() > sessionIdleMinutes * 60_000;
      const over = new Date(session.expires_at).getTime() <= now;
      if (idle || over) return { kind: 'ended' as const, row, reason: over ? 'absolute' : 'idle' };
      const res = await m
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ rotatedAt: () => 'now()' })
        .where('id = :id AND rotated_at IS NULL AND revoked_at IS NULL', { id: row.id })
        .execute();
      if (!res.affected) return { kind: 'reuse' as const, row };
      await m.query(`UPDATE sessions SET refreshed_at = $2 WHERE id = $1`, [row.familyId, new Date(now)]);
      const next = await this.issueRefresh(row.userId, row.familyId, new Date(session.expires_at), sessionIdleMinutes, m);
      return { kind: 'ok' as const, userId: row.userId, sessionId: row.familyId, refreshToken: next };
    });
    if (outcome.kind === 'ended') {
      await this.revokeFamily(outcome.row.familyId, outcome.reason);
      throw invalid();
    }
    if (outcome.kind === 'invalid') throw invalid();
    if (outcome.kind === 'reuse') {
      await this.revokeFamily(outcome.row.familyId, 'reuse');
      await this.audit.record({
        actor: { id: outcome.row.userId, organisationId: null },
        action: 'auth.refresh_reuse',
        targetType: 'user',
        targetId: outcome.row.userId,
        after: { familyId: outcome.row.familyId },
      });
      throw new AppException(401, ErrorCode.RefreshReused, '检测到登录凭证被重复使用，已强制下线，请重新登录');
    }
    return { userId: outcome.userId, sessionId: outcome.sessionId, refreshToken: outcome.refreshToken };
  }

  /** Ends one session: its refresh tokens revoked, its access tokens refused from the next request on. */
  async revokeFamily(familyId: string, reason = 'logout', manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
    await manager.query(`UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [familyId, clock.now(), reason]);
  }

  /** Ends the session of a refresh token and/or of an access token (logout); returns the ended session's user. */
  async revokeByToken(token: string | undefined, accessToken?: string): Promise<string | null> {
    let familyId: string | null = null;
    let userId: string | null = null;
    if (token) {
      const rows: { family_id: string; user_id: string }[] = await this.ds.query(`SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1`, [
        CryptoService.tokenHash(token),
      ]);
      familyId = rows[0]?.family_id ?? null;
      userId = rows[0]?.user_id ?? null;
    }
    if (!familyId && accessToken) {
      try {
        const p = this.jwt.verify<AccessTokenPayload>(accessToken, { issuer: 'zhicheng', audience: 'zhicheng-api', algorithms: ['HS256'] });
        if (typeof p.sid === 'string' && /^[0-9a-f-]{36}$/i.test(p.sid)) {
          familyId = p.sid;
          userId = p.sub;
        }
      } catch {
        // not a token of ours, or expired: nothing to end
      }
    }
    if (familyId) await this.revokeFamily(familyId);
    return userId;
  }

  /**
   * Issue 13: the user's open sessions, newest first — when and from where (address masked) each signed in, with what
   * browser, when it was last refreshed; `current` marks the one asking.
   */
  async openSessions(userId: string, currentSessionId: string | undefined): Promise<SessionView[]> {
    const now = clock.now();
    const idleSince = new Date(now.getTime() - (await this.policy.current()).sessionIdleMinutes * 60_000);
    const rows: { id: string; created_at: Date; refreshed_at: Date; expires_at: Date; ip: string | null; user_agent: string | null }[] = await this.ds.query(
      `SELECT id, created_at, refreshed_at, expires_at, ip, user_agent FROM sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > $2 AND refreshed_at > $3 ORDER BY created_at DESC LIMIT 50`,
      [userId, now, idleSince],
    );
    return rows.map((r) => ({
      id: r.id,
      signedInAt: new Date(r.created_at).toISOString(),
      lastActiveAt: new Date(r.refreshed_at).toISOString(),
      endsAt: new Date(r.expires_at).toISOString(),
      address: maskAddress(r.ip),
      userAgent: r.user_agent,
      current: r.id === currentSessionId,
    }));
  }

  /** Ends one of the user's own sessions (下线); another user's session is not found. */
  async endOwnSession(userId: string, sessionId: string, manager: EntityManager = this.ds.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND ended_at IS NULL`, [sessionId, userId]);
    if (!rows.length) return false;
    await this.revokeFamily(sessionId, 'ended_by_user', manager);
    return true;
  }

  /** Ends every session of a user (password change or reset, lock). */
  async revokeAllForUser(userId: string, manager: EntityManager = this.ds.manager, reason = 'password'): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    await manager.query(`UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE user_id = $1 AND ended_at IS NULL`, [userId, clock.now(), reason]);
  }
}

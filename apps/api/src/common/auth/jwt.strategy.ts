import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { AccessTokenPayload, AuthUser } from './auth-user.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly ds: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on
      // every request, which was the largest single cost of an authenticated request (audit-queue benchmark).
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'zhicheng',
      audience: 'zhicheng-api',
    });
  }

  /**
   * Issue 13: the token's session must still be open, its account active and its role unchanged — one indexed
   * query per request, no per-process state, so logout, a password change or reset, a lock or a role change end
   * the tokens already handed out at once. Returning null answers 401.
   */
  async validate(payload: AccessTokenPayload): Promise<AuthUser | null> {
    if (typeof payload.sid !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sid)) return null;
    const open: { must_change_password: boolean }[] = await this.ds.query(
      `SELECT u.must_change_password FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.ended_at IS NULL AND u.status = 'active' AND u.role = $3`,
      [payload.sid, payload.sub, payload.role],
    );
    if (!open.length) return null;
    return {
      sessionId: payload.sid,
      id: payload.sub,
      username: payload.usr,
      role: payload.role,
      organisationId: payload.org,
      regionCode: payload.reg,
      orgLevel: payload.lvl,
      ...(open[0].must_change_password ? { mustChangePassword: true } : {}),
    };
  }
}

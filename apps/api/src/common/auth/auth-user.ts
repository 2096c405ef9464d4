import type { AdminLevel, Role } from '@zhicheng/contracts';

/** What the access token carries about the caller: enough for permission and scope checks. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  organisationId: string | null;
  regionCode: string | null;
  orgLevel: AdminLevel | null;
  /** The session (sign-in) the access token belongs to. */
  sessionId?: string;
  /** Issue 13: the account still has the password an administrator gave it: only its own routes (Self) answer. */
  mustChangePassword?: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  usr: string;
  role: Role;
  org: string | null;
  reg: string | null;
  lvl: AdminLevel | null;
  /** Session id, checked against `sessions` on every request. */
  sid: string;
}

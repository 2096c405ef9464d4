import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';

export interface AuditEntry {
  actor: Pick<AuthUser, 'id' | 'organisationId'> | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * what common infrastructure needs to write an audit-log row, and the injection token for it.
 * The audit-log module provides it (`AuditLogService`), so `common/` never imports a domain module.
 */
export abstract class AuditRecorder {
  abstract record(entry: AuditEntry, manager?: EntityManager): Promise<void>;
}

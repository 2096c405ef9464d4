import { AppException } from '../../common/errors/app.exception.js';

/**
 * PostgreSQL error classes that a later attempt can get past: connection exceptions (08), serialization failure and
 * deadlock (40001, 40P01), lock not available (55P03), statement/lock timeout or cancel (57014), server shutting down
 * (57P01–57P03), insufficient resources (53).
 */
const TRANSIENT_CODES = /^(08|53|40001$|40P01$|55P03$|57014$|57P0[123]$)/;
const TRANSIENT_TEXT = /(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error)/i;

export function isTransientDbError(e: unknown): boolean {
  if (e instanceof AppException) return false;
  const err = e as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.driverError?.code === 'string' ? err.driverError.code : null;
  if (code && TRANSIENT_CODES.test(code)) return true;
  return typeof err?.message === 'string' && TRANSIENT_TEXT.test(err.message);
}

/** The reason an item failed, for the office's result list: our own Chinese reasons, never a raw database message. */
export function issueFailureMessage(e: unknown): string {
  if (e instanceof AppException) return e.message;
  return '发证时发生系统内部错误，请联系系统管理员';
}

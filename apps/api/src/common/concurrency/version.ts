import { ErrorCode } from '@zhicheng/contracts';
import { AppException } from '../errors/app.exception.js';

/**
 * The one optimistic-version check. A row that carries `version` is changed only by a caller who read that version:
 * the client sends it back, and a mismatch (someone else saved in between) answers 409 `STALE_VERSION` with
 * `<what>已被他人修改，请刷新后重试`. Use `assertVersion` when the row was just read in the same transaction, and
 * `assertUpdated` on the result of `UPDATE … WHERE version = :v` (no row changed means the version moved).
 */
export function staleVersion(what = '数据'): AppException {
  return AppException.conflict(`${what}已被他人修改，请刷新后重试`, ErrorCode.StaleVersion);
}

export function assertVersion(current: number, expected: number | undefined, what?: string): void {
  if (expected !== undefined && current !== expected) throw staleVersion(what);
}

export function assertUpdated(result: { affected?: number | null }, what?: string): void {
  if (!result.affected) throw staleVersion(what);
}

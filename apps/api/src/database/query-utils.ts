/**
 * TypeORM's `query()` on PostgreSQL answers `[rows, rowCount]` for UPDATE and DELETE, and plain rows
 * otherwise. This returns the rows of a `... RETURNING` statement either way.
 */
export function returningRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (result ?? []) as T[];
}

/**
 * A business date (YYYY-MM-DD, from the business clock) as a SQL date literal, for query text that is built once
 * and has no natural parameter slot. The format is checked strictly, so nothing but a date can reach the SQL.
 * Prefer a `$n` parameter where the query has one.
 */
export function sqlDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return `'${date}'::date`;
}

/** An instant as a SQL timestamptz literal (ISO 8601 UTC, checked), with the same use as `sqlDate`. */
export function sqlInstant(instant: Date): string {
  const iso = instant.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new Error(`not an instant: ${iso}`);
  return `'${iso}'::timestamptz`;
}

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

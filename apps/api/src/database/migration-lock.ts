import type { DataSource } from 'typeorm';

/** Key of the session-level advisory lock every process takes around migrations and seeding (any fixed bigint). */
export const MIGRATION_LOCK_KEY = 720_012_0001;

/**
 * Runs `fn` (migrations, seeding) while holding a PostgreSQL advisory lock on a connection of its own, so processes
 * started at once on an empty database take turns: the first migrates, the others wait, then find nothing to do.
 * (Without it the second process failed with a duplicate key in the migrations table or the seeded rows.) The lock
 * is a session lock: it goes with the connection if the process dies.
 */
export async function withMigrationLock<T>(ds: DataSource, fn: () => Promise<T>, opts: { embedded?: boolean } = {}): Promise<T> {
  // The embedded database belongs to one process (its data folder); there is nobody to wait for.
  if (opts.embedded) return fn();
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await qr.release();
  }
}

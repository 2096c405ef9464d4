import type { DataSource } from 'typeorm';

/** The part of a pg client (or pool) used for named, server-side prepared statements. */
export interface PgClient {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

const names = new WeakMap<object, Map<string, string>>();
let counter = 0;

/**
 * The statement name to use on one pg client. Unique per client: PostgreSQL plans a named statement once per
 * connection, and an embedded PGlite serves every client from one session, where a shared name would collide.
 */
export function statementName(client: object, name: string): string {
  let m = names.get(client);
  if (!m) names.set(client, (m = new Map()));
  let n = m.get(name);
  if (!n) m.set(name, (n = `${name}_${++counter}`));
  return n;
}

/**
 * A hot read outside any transaction, straight on the pg pool as a named prepared statement: skips TypeORM's
 * query-runner bookkeeping and PostgreSQL's parse and plan on every call. Falls back to `ds.query` where the driver
 * offers no pg pool.
 */
export async function preparedQuery<R>(ds: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (ds.driver as unknown as { master?: { connect(): Promise<PgClient & { release(): void }> } }).master;
  if (!pool || typeof pool.connect !== 'function') return ds.query(text, values) as Promise<R[]>;
  const client = await pool.connect();
  try {
    return (await client.query<R>({ name: statementName(client, name), text, values })).rows;
  } finally {
    client.release();
  }
}

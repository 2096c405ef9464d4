import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedDatabase {
  url: string;
  poolSize: number;
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL (PGlite) reachable over the wire protocol on a loopback port,
 * so TypeORM uses its ordinary `postgres` driver. `dataDir` null keeps it in memory;
 * `loadDataDir` restores a dump (used by tests to clone a migrated template).
 */
export async function startEmbeddedDatabase(opts: {
  dataDir: string | null;
  loadDataDir?: Blob;
  maxConnections?: number;
}): Promise<EmbeddedDatabase & { db: PGlite }> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({
    extensions: { pg_trgm },
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const maxConnections = opts.maxConnections ?? 8;
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    db,
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    poolSize: maxConnections,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

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
  keepExtendedQueriesTogether(server as unknown as { queryQueue: QueryQueue });
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

/** The parts of pglite-socket's (unexported) query queue this module relies on. */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(e: unknown): void;
  onData(data: Uint8Array): void;
}
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages that belong to an exchange closed by a Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket serves every connection from one PGlite session and queues their messages one by
 * one. Outside a transaction it interleaves connections message by message, so connection B's Parse
 * can land between connection A's Parse and Bind and replace A's unnamed statement ("bind message
 * supplies 2 parameters, but prepared statement requires 1" when a page sends requests in parallel).
 * This keeps one connection's Parse … Sync exchange together, as a real server's separate sessions
 * would; transactions stay with their connection as before.
 */
function keepExtendedQueriesTogether(server: { queryQueue: QueryQueue }): void {
  const q = server.queryQueue;
  let owner: number | null = null;
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    if (owner === handlerId) owner = null;
    clear(handlerId);
    if (!q.processing && q.queue.length) void q.processQueue();
  };
  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = this.db.isInTransaction() && this.lastHandlerId !== null ? this.lastHandlerId : owner;
        let item: QueuedMessage | undefined;
        if (sticky !== null) {
          const i = this.queue.findIndex((r) => r.handlerId === sticky);
          if (i === -1) break; // wait for that connection's next message
          item = this.queue.splice(i, 1)[0];
        } else item = this.queue.shift();
        if (!item) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                item.onData(d);
              },
            }),
          );
        } catch (e) {
          owner = null;
          item.reject(e);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        owner = EXTENDED.has(item.message[0]) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}

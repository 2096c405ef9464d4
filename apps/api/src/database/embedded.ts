import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
import type { Server, Socket } from 'node:net';

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
  /** Connections beyond `maxConnections` wait for a free slot: at most this many (default 256)… */
  maxWaiting?: number;
  /** …for at most this long (default 10 s), then get PostgreSQL's "too many connections" (53300). */
  waitMs?: number;
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
  queueExtraConnections(server as unknown as SocketServerInternals, maxConnections, opts.maxWaiting ?? 256, opts.waitMs ?? 10_000);
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

/** The parts of pglite-socket's server this module relies on. */
interface SocketServerInternals {
  server: Server | null;
  handlers: Set<unknown>;
  handleConnection(socket: Socket): Promise<void>;
}

/** A PostgreSQL ErrorResponse (FATAL, SQLSTATE 53300 too_many_connections) with a Chinese message. */
function tooManyConnections(): Buffer {
  const fields = Buffer.concat([
    Buffer.from('SFATAL\0VFATAL\0C53300\0'),
    Buffer.from('M嵌入式数据库连接已满，请稍后重试\0', 'utf8'),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

/**
 * pglite-socket refuses a connection beyond its limit at once ("Too many connections", and Node's own
 * `server.maxConnections` drops it before that), which surfaced as a 500 whenever one pool too many was opened.
 * Here such a connection waits, unread, in a bounded queue until a connection closes; one that waits too long, or
 * finds the queue full, gets a proper PostgreSQL error (53300), which the API answers as 503 with a Chinese message.
 */
function queueExtraConnections(s: SocketServerInternals, limit: number, maxWaiting: number, waitMs: number): void {
  if (s.server) s.server.maxConnections = limit + maxWaiting;
  const admit = s.handleConnection.bind(s);
  const waiting: { socket: Socket; timer: NodeJS.Timeout }[] = [];
  const refuse = (socket: Socket) => {
    // Written, then closed from this side (a client that got a FATAL error may leave its end open).
    socket.end(tooManyConnections(), () => socket.destroy());
  };
  const next = () => {
    while (waiting.length > 0 && s.handlers.size < limit) {
      const w = waiting.shift()!;
      clearTimeout(w.timer);
      if (!w.socket.destroyed) void take(w.socket);
    }
  };
  const take = async (socket: Socket) => {
    socket.once('close', () => setImmediate(next));
    await admit(socket);
  };
  s.handleConnection = async (socket: Socket) => {
    if (s.handlers.size < limit) return take(socket);
    if (waiting.length >= maxWaiting) return refuse(socket);
    const entry = {
      socket,
      timer: setTimeout(() => {
        const i = waiting.indexOf(entry);
        if (i !== -1) waiting.splice(i, 1);
        refuse(socket);
      }, waitMs),
    };
    socket.once('close', () => {
      const i = waiting.indexOf(entry);
      if (i !== -1) {
        waiting.splice(i, 1);
        clearTimeout(entry.timer);
      }
    });
    waiting.push(entry);
  };
}

import { clock } from '../clock/clock.service.js';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@zhicheng/contracts';
import { AppException } from '../errors/app.exception.js';

/** One key's counter of the current window, as this process knows it. */
interface Slot {
  windowStart: number;
  windowMs: number;
  /** The shared count the database answered at the last sync (all processes). */
  synced: number;
  /** Hits being written by the running sync. */
  inflight: number;
  /** Hits not written yet. */
  pending: number;
}

/** How often batched counters are written (and the other processes' hits learnt). */
const SYNC_MS = 200;

/**
 * Fixed-window rate limiting in PostgreSQL (`rate_limits`), correct across API processes.
 *
 * `hit` (login, registration): one upsert per call, exact.
 * `hitBatched` (public lookups such as certificate verification, where a database write per request would cost more
 * than the lookup itself): the process counts locally and writes the increments of all keys in one upsert every
 * 200 ms, learning the shared counts in the answer. Within one process the decision is exact; across processes a
 * key can exceed its limit by what the other processes let through in one sync interval, which is fine for a
 * per-minute limit on anonymous lookups.
 */
@Injectable()
export class RateLimitService implements BeforeApplicationShutdown {
  private readonly slots = new Map<string, Slot>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;

  constructor(private readonly ds: DataSource) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    const now = clock.nowMs();
    const windowStart = new Date(now - (now % (windowSeconds * 1000)));
    const rows: { count: number }[] = await this.ds.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
       RETURNING count`,
      [key, windowStart],
    );
    if ((rows[0]?.count ?? 0) > limit) {
      throw new AppException(429, ErrorCode.RateLimited, '操作过于频繁，请稍后再试');
    }
    // Opportunistic clean-up of old windows, cheap thanks to the primary key.
    if (Math.random() < 0.01) {
      await this.ds.query(`DELETE FROM rate_limits WHERE window_start < $1`, [new Date(clock.nowMs() - 3600_000)]);
    }
  }

  /**
   * Counts a refresh against its session — the refresh-token family of `tokenHash` — in one statement, so a whole
   * office behind one address never shares a bucket. Answers false when the token is unknown (nothing counted).
   */
  async hitRefreshFamily(tokenHash: string, limit: number, windowSeconds = 60): Promise<boolean> {
    const now = clock.nowMs();
    const windowStart = new Date(now - (now % (windowSeconds * 1000)));
    const rows: { count: number }[] = await this.ds.query(
      `INSERT INTO rate_limits (key, window_start, count)
       SELECT 'refresh:' || family_id::text, $2, 1 FROM refresh_tokens WHERE token_hash = $1
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
       RETURNING count`,
      [tokenHash, windowStart],
    );
    if (!rows[0]) return false;
    if (rows[0].count > limit) throw new AppException(429, ErrorCode.RateLimited, '刷新登录状态过于频繁，请稍后再试');
    return true;
  }

  hitBatched(key: string, limit: number, windowSeconds: number): void {
    const now = clock.nowMs();
    const windowStart = now - (now % (windowSeconds * 1000));
    let s = this.slots.get(key);
    if (!s || s.windowStart !== windowStart) {
      s = { windowStart, windowMs: windowSeconds * 1000, synced: 0, inflight: 0, pending: 0 };
      this.slots.set(key, s);
    }
    s.pending++;
    if (!this.timer && !this.closing) {
      this.timer = setTimeout(() => void this.sync(), SYNC_MS);
      this.timer.unref();
    }
    if (s.synced + s.inflight + s.pending > limit) {
      throw new AppException(429, ErrorCode.RateLimited, '操作过于频繁，请稍后再试');
    }
  }

  /** Writes the pending increments of every key in one statement and takes the shared counts back. */
  async sync(): Promise<void> {
    // The timer that called us (or any other) is spent: forget it, so the next hit can schedule again. (The fault
    // was keeping it when a sync was still running: a fired timer stayed recorded, no hit ever scheduled another
    // sync, and the process counted alone for good while its map of keys grew without bound.)
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.syncing) {
      // One sync at a time; the hits of this turn are written by the one scheduled when the running sync ends.
      return this.syncing;
    }
    this.syncing = (async () => {
      const now = clock.nowMs();
      const keys: string[] = [];
      const starts: Date[] = [];
      const deltas: number[] = [];
      for (const [key, s] of this.slots) {
        // A finished window with nothing left to write is forgotten (the map holds current windows only).
        if (s.pending === 0) {
          if (s.inflight === 0 && now >= s.windowStart + s.windowMs) this.slots.delete(key);
          continue;
        }
        keys.push(key);
        starts.push(new Date(s.windowStart));
        deltas.push(s.pending);
        s.inflight += s.pending;
        s.pending = 0;
      }
      if (!keys.length) return;
      try {
        const rows: { key: string; window_start: Date; count: number }[] = await this.ds.query(
          `INSERT INTO rate_limits (key, window_start, count)
           SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::int[])
           ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + EXCLUDED.count
           RETURNING key, window_start, count`,
          [keys, starts, deltas],
        );
        const answered = new Map(rows.map((r) => [`${r.key}|${new Date(r.window_start).getTime()}`, r.count]));
        keys.forEach((key, i) => {
          const s = this.slots.get(key);
          if (!s || s.windowStart !== starts[i]!.getTime()) return;
          s.inflight -= deltas[i]!;
          s.synced = answered.get(`${key}|${s.windowStart}`) ?? s.synced + deltas[i]!;
        });
        if (Math.random() < 0.05) await this.ds.query(`DELETE FROM rate_limits WHERE window_start < $1`, [new Date(clock.nowMs() - 3600_000)]);
      } catch {
        // The database was unavailable: keep counting locally, write again next time.
        keys.forEach((key, i) => {
          const s = this.slots.get(key);
          if (!s || s.windowStart !== starts[i]!.getTime()) return;
          s.inflight -= deltas[i]!;
          s.pending += deltas[i]!;
        });
      }
    })().finally(() => {
      this.syncing = null;
      // Pending hits, or finished windows still to forget: sync again.
      if (!this.timer && !this.closing && this.slots.size > 0) {
        this.timer = setTimeout(() => void this.sync(), SYNC_MS);
        this.timer.unref();
      }
    });
    return this.syncing;
  }

  /** How many keys this process holds counters for (tests, diagnostics). */
  trackedKeys(): number {
    return this.slots.size;
  }

  private closing = false;

  /**
   * Before the connections close (not after: a flush on a closed pool was the bench's "Connection terminated"): the
   * last counts are written for the other processes, and no further sync is scheduled.
   */
  async beforeApplicationShutdown() {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.syncing?.catch(() => undefined);
    await this.sync().catch(() => undefined);
  }
}

import type { DataSource } from 'typeorm';
import { RateLimitService } from './rate-limit.service.js';

/**
 * A stand-in for the database of `hitBatched`'s sync: it keeps the shared counters like the upsert does, and can be
 * made slow, to show what a slow sync does to the batching.
 */
function fakeDb() {
  const counts = new Map<string, number>();
  let statements = 0;
  let inflight = 0;
  let slow = true;
  const ds = {
    async query(sql: string, params: unknown[]) {
      statements++;
      inflight++;
      await new Promise((r) => setTimeout(r, slow ? 500 : 5));
      inflight--;
      if (sql.startsWith('DELETE')) return [];
      const [keys, starts, deltas] = params as [string[], Date[], number[]];
      return keys.map((key, i) => {
        const k = `${key}|${starts[i]!.getTime()}`;
        counts.set(k, (counts.get(k) ?? 0) + deltas[i]!);
        return { key, window_start: starts[i], count: counts.get(k) };
      });
    },
  } as unknown as DataSource;
  return { ds, counts, statements: () => statements, inflight: () => inflight, fast: () => (slow = false) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
/** Polls until `cond` holds or `ms` pass; answers whether it held (no fixed waits: the machine may be loaded). */
async function waitFor(cond: () => boolean, ms = 4000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

/**
 * The fault: a hit arriving while a slow sync runs schedules a timer; that timer fires during the same sync, finds it
 * running and returns — and the spent timer stayed recorded, so no later hit ever scheduled a sync again.
 */
async function slowSyncThenFast(limits: RateLimitService, db: ReturnType<typeof fakeDb>, key: string, window = 60) {
  limits.hitBatched(key, 1000, window);
  expect(await waitFor(() => db.inflight() > 0)).toBe(true); // the first (slow) sync is running
  limits.hitBatched(key, 1000, window); // arrives during it: schedules the next sync
  await sleep(250); // that timer fires while the slow sync still runs
  db.fast();
}

describe('RateLimitService.hitBatched', () => {
  it('keeps writing its counts after a sync slower than the sync interval', async () => {
    const db = fakeDb();
    const limits = new RateLimitService(db.ds);
    await slowSyncThenFast(limits, db, 'public:a');
    expect(await waitFor(() => total(db.counts) === 2)).toBe(true);
    for (let i = 0; i < 5; i++) limits.hitBatched('public:a', 1000, 60);
    // Every hit reaches the shared counter (with the fault it stayed at 1 for good).
    expect(await waitFor(() => total(db.counts) === 7)).toBe(true);
    await limits.beforeApplicationShutdown();
  });

  it("learns the other processes' hits through the shared counter after a slow sync", async () => {
    const db = fakeDb();
    const a = new RateLimitService(db.ds);
    const b = new RateLimitService(db.ds);
    await slowSyncThenFast(a, db, 'public:x');
    expect(await waitFor(() => total(db.counts) === 2)).toBe(true);
    // Process b lets 8 through (10 in all, the limit); a's next hit makes 11 and a learns it from the answer.
    for (let i = 0; i < 8; i++) b.hitBatched('public:x', 10, 60);
    await b.sync();
    a.hitBatched('public:x', 10, 60);
    expect(await waitFor(() => total(db.counts) === 11)).toBe(true);
    await a.sync();
    expect(() => a.hitBatched('public:x', 10, 60)).toThrow('操作过于频繁');
    await a.beforeApplicationShutdown();
    await b.beforeApplicationShutdown();
  });

  it('forgets the counters of finished windows after a slow sync (memory stays bounded)', async () => {
    const db = fakeDb();
    const limits = new RateLimitService(db.ds);
    await slowSyncThenFast(limits, db, 'public:first', 1);
    // A one-second window: 5,000 addresses, then the window ends.
    for (let i = 0; i < 5000; i++) limits.hitBatched(`public:10.0.${i >> 8}.${i & 255}`, 60, 1);
    expect(limits.trackedKeys()).toBeGreaterThan(1000);
    expect(await waitFor(() => limits.trackedKeys() === 0, 5000)).toBe(true);
    await limits.beforeApplicationShutdown();
  });
});

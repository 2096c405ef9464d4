import type { DataSource } from 'typeorm';
import { RateLimitService } from './rate-limit.service.js';

/**
 * A stand-in for the database of `hitBatched`'s sync: it keeps the shared counters like the upsert does, and can be
 * made slow, to show what a slow sync does to the batching.
 */
function fakeDb(delayMs: () => number) {
  const counts = new Map<string, number>();
  let statements = 0;
  const ds = {
    async query(sql: string, params: unknown[]) {
      statements++;
      await new Promise((r) => setTimeout(r, delayMs()));
      if (sql.startsWith('DELETE')) return [];
      const [keys, starts, deltas] = params as [string[], Date[], number[]];
      return keys.map((key, i) => {
        const k = `${key}|${starts[i]!.getTime()}`;
        counts.set(k, (counts.get(k) ?? 0) + deltas[i]!);
        return { key, window_start: starts[i], count: counts.get(k) };
      });
    },
  } as unknown as DataSource;
  return { ds, counts, statements: () => statements };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('RateLimitService.hitBatched', () => {
  it('keeps writing its counts after a sync slower than the sync interval', async () => {
    let slow = true;
    const db = fakeDb(() => (slow ? 450 : 5));
    const limits = new RateLimitService(db.ds);
    limits.hitBatched('public:a', 1000, 60);
    await sleep(250); // the first sync is running (slow)
    limits.hitBatched('public:a', 1000, 60); // arrives during it
    await sleep(300); // the first sync has ended; the database is fast again
    slow = false;
    for (let i = 0; i < 5; i++) limits.hitBatched('public:a', 1000, 60);
    await sleep(700);
    // Every hit reached the shared counter (the fault: after the slow sync nothing was written again).
    expect(total(db.counts)).toBe(7);
    await limits.onApplicationShutdown();
  });

  it('learns the other processes\' hits through the shared counter after a slow sync', async () => {
    let slow = true;
    const db = fakeDb(() => (slow ? 450 : 5));
    const a = new RateLimitService(db.ds);
    const b = new RateLimitService(db.ds);
    a.hitBatched('public:x', 10, 60);
    await sleep(250);
    a.hitBatched('public:x', 10, 60);
    await sleep(300);
    slow = false;
    await sleep(300); // a's second hit is written (count 2)
    // Process b lets 8 through; once synced, a knows the key is at its limit.
    for (let i = 0; i < 8; i++) b.hitBatched('public:x', 10, 60);
    await sleep(500);
    a.hitBatched('public:x', 10, 60); // sends 10 pending → the shared count is 11 after the next sync
    await sleep(500);
    expect(() => a.hitBatched('public:x', 10, 60)).toThrow('操作过于频繁');
    await a.onApplicationShutdown();
    await b.onApplicationShutdown();
  });

  it('forgets the counters of finished windows after a slow sync (memory stays bounded)', async () => {
    let slow = true;
    const db = fakeDb(() => (slow ? 450 : 5));
    const limits = new RateLimitService(db.ds);
    limits.hitBatched('public:first', 60, 1);
    await sleep(250);
    limits.hitBatched('public:first', 60, 1);
    await sleep(300);
    slow = false;
    // A one-second window: 5,000 addresses, then the window ends.
    for (let i = 0; i < 5000; i++) limits.hitBatched(`public:10.0.${i >> 8}.${i & 255}`, 60, 1);
    await sleep(1300);
    limits.hitBatched('public:other', 60, 1);
    await sleep(600);
    expect(limits.trackedKeys()).toBeLessThanOrEqual(1);
    await limits.onApplicationShutdown();
  });
});

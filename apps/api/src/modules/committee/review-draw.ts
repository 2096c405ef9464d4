import { createHmac, randomBytes } from 'node:crypto';

/**
 * C-03: the reproducible expert draw. The candidates (ids of eligible, non-avoided experts) are sorted;
 * a counter-mode HMAC-SHA256 stream keyed by the seed drives a Fisher–Yates shuffle (rejection sampling,
 * so every order is equally likely); the first `count` are the panel, the next `reserves` the reserves
 * in order. Anyone holding the recorded seed and candidate list can re-run it and get the same result.
 */
export interface DrawResult {
  panel: string[];
  reserves: string[];
}

export function newDrawSeed(): string {
  return randomBytes(32).toString('hex');
}

/** A deterministic stream of uint32 values: HMAC-SHA256(seed, counter) split into 8 words per block. */
export function seededStream(seed: string): () => number {
  let counter = 0;
  let block: Buffer = Buffer.alloc(0);
  let pos = 0;
  return () => {
    if (pos >= block.length) {
      block = createHmac('sha256', seed).update(String(counter++)).digest();
      pos = 0;
    }
    const v = block.readUInt32BE(pos);
    pos += 4;
    return v;
  };
}

/** A uniform integer in [0, n) from the stream (rejection sampling avoids modulo bias). */
function uniform(next: () => number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const v = next();
    if (v < limit) return v % n;
  }
}

export function drawExperts(seed: string, candidates: readonly string[], count: number, reserves: number): DrawResult {
  if (!/^[0-9a-f]{16,128}$/.test(seed)) throw new Error('invalid seed');
  const sorted = [...new Set(candidates)].sort();
  if (sorted.length < count) throw new Error('not enough candidates');
  const next = seededStream(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = uniform(next, i + 1);
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  return { panel: sorted.slice(0, count), reserves: sorted.slice(count, count + reserves) };
}

import { hasQuorum, votePasses } from '@zhicheng/contracts';
import { drawExperts, newDrawSeed } from './review-draw.js';

describe('C-03 reproducible expert draw', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `e${String(i).padStart(2, '0')}`);
  it('gives the same panel and reserves for the same seed and candidates, whatever their input order', () => {
    const seed = newDrawSeed();
    const a = drawExperts(seed, ids, 5, 2);
    const b = drawExperts(seed, [...ids].reverse(), 5, 2);
    expect(b).toEqual(a);
    expect(a.panel).toHaveLength(5);
    expect(a.reserves).toHaveLength(2);
    expect(new Set([...a.panel, ...a.reserves]).size).toBe(7);
  });
  it('is fixed for a known seed (a recorded draw can be re-run years later)', () => {
    const seed = 'ab'.repeat(32);
    expect(drawExperts(seed, ids, 3, 1)).toEqual(drawExperts(seed, ids, 3, 1));
    expect(drawExperts(seed, ids, 3, 1).panel).not.toEqual(drawExperts('cd'.repeat(32), ids, 3, 1).panel);
  });
  it('spreads draws over all candidates (every candidate is drawn by some seed)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) drawExperts(newDrawSeed(), ids, 1, 0).panel.forEach((x) => seen.add(x));
    expect(seen.size).toBe(ids.length);
  });
  it('refuses too few candidates and a malformed seed', () => {
    expect(() => drawExperts(newDrawSeed(), ids.slice(0, 2), 3, 0)).toThrow('not enough candidates');
    expect(() => drawExperts('xyz', ids, 3, 0)).toThrow('invalid seed');
  });
});

describe('E-04 quorum and vote threshold (integer arithmetic)', () => {
  it('quorum needs at least two thirds of the panel', () => {
    expect(hasQuorum(2, 3)).toBe(true);
    expect(hasQuorum(1, 3)).toBe(false);
    expect(hasQuorum(4, 6)).toBe(true);
    expect(hasQuorum(3, 5)).toBe(false);
    expect(hasQuorum(4, 5)).toBe(true);
    expect(hasQuorum(0, 0)).toBe(false);
  });
  it('exactly two thirds of those present passes, one vote fewer fails', () => {
    expect(votePasses(2, 3)).toBe(true);
    expect(votePasses(1, 3)).toBe(false);
    expect(votePasses(6, 9)).toBe(true);
    expect(votePasses(5, 9)).toBe(false);
    expect(votePasses(4, 7)).toBe(false);
    expect(votePasses(5, 7)).toBe(true);
    expect(votePasses(0, 0)).toBe(false);
  });
});

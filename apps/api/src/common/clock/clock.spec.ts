import { addDays, businessNow, chinaDate, chinaDateTime, chinaDayStart, chinaYear, daysBetween, formatChinaDate, setClockSkew, weekday } from '@zhicheng/contracts';
import { ClockService } from './clock.service.js';

describe('business clock (China time)', () => {
  it('gives China’s calendar date on both sides of China’s midnight (16:00 UTC)', () => {
    expect(chinaDate(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-09-30T16:01:00Z'))).toBe('2026-10-01');
    expect(chinaDateTime(new Date('2026-09-30T16:01:00Z'))).toBe('2026-10-01 00:01');
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaDayStart('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('does calendar arithmetic on dates, with no zone involved', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(weekday('2026-12-01')).toBe(2);
    expect(daysBetween('2026-09-30', '2026-10-08')).toBe(8);
    expect(formatChinaDate('2026-09-30T16:30:00.000Z')).toBe('2026-10-01');
    expect(formatChinaDate('2026-10-01')).toBe('2026-10-01');
    expect(formatChinaDate(null)).toBe('');
  });

  it('can be pinned and keeps running from the pinned instant', async () => {
    const c = new ClockService();
    c.pin('2026-09-30T15:59:30Z');
    expect(c.today()).toBe('2026-09-30');
    expect(c.pinned).toBe(true);
    const before = c.nowMs();
    await new Promise((r) => setTimeout(r, 20));
    expect(c.nowMs()).toBeGreaterThan(before);
    c.pin('2026-09-30T16:00:30Z');
    expect(c.today()).toBe('2026-10-01');
    expect(c.yearStart().toISOString()).toBe('2025-12-31T16:00:00.000Z');
    c.reset();
    expect(c.pinned).toBe(false);
    expect(c.today()).toBe(chinaDate(Date.now()));
    expect(() => c.pin('yesterday')).toThrow();
  });

  it('follows a skew from this machine’s clock (the SPA sets the server’s), and defaults to the machine’s', () => {
    const local = Date.now();
    setClockSkew(16 * 3600_000);
    try {
      expect(Math.abs(businessNow() - (local + 16 * 3600_000))).toBeLessThan(1000);
      expect(chinaDate()).toBe(chinaDate(local + 16 * 3600_000));
    } finally {
      setClockSkew(Number.NaN);
    }
    expect(Math.abs(businessNow() - Date.now())).toBeLessThan(1000);
  });
});

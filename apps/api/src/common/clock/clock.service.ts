import { Injectable } from '@nestjs/common';
import { chinaDate, chinaDayStart, chinaYear } from '@zhicheng/contracts';

/**
 * The one business clock. "Now" is an instant; "today" is China's calendar date (Asia/Shanghai) at that instant,
 * whatever the zone of the machine or of the database session. Every business date in the API comes from here and
 * reaches SQL as a parameter, never as `CURRENT_DATE`.
 *
 * The clock can be pinned to a chosen instant (tests, and development behind `CLOCK_ADJUSTABLE`, which the
 * production configuration refuses). A pinned clock keeps running from the pinned instant, so durations measured
 * across it stay real.
 */
@Injectable()
export class ClockService {
  /** Offset added to the machine's time; 0 unless pinned. */
  private offsetMs = 0;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** China's calendar date today, YYYY-MM-DD. */
  today(): string {
    return chinaDate(this.nowMs());
  }

  /** China's calendar year today. */
  year(): number {
    return chinaYear(this.nowMs());
  }

  /** The instant China's current year began (for "this year" counts over timestamps). */
  yearStart(): Date {
    return chinaDayStart(`${this.year()}-01-01`);
  }

  /** The China date of an instant. */
  dateOf(instant: Date | number): string {
    return chinaDate(instant);
  }

  /** Pin the clock so that it reads `instant` now and runs on from there. */
  pin(instant: Date | string | number): void {
    const ms = new Date(instant).getTime();
    if (Number.isNaN(ms)) throw new Error(`invalid instant: ${String(instant)}`);
    this.offsetMs = ms - Date.now();
  }

  /** Back to the machine's time. */
  reset(): void {
    this.offsetMs = 0;
  }

  get pinned(): boolean {
    return this.offsetMs !== 0;
  }
}

/**
 * The process's clock. Nest provides this same instance as `ClockService`, so code outside the container (pure
 * helpers, seeds, scripts) and injected services read one clock.
 */
export const clock = new ClockService();

import { createRequire } from 'node:module';
import { addDays, weekday } from '@zhicheng/contracts';

/**
 * the pure part of the working-day calendar. A day is a working day when the office says so (an office-edited
 * day wins), else when the maintained `chinese-days` data says so (public holidays are rest days, 调休 make-up days
 * are working days), else when it is Monday to Friday. Dates are China calendar dates, `YYYY-MM-DD`.
 */

interface ChineseDaysData {
  /** date → "English,中文,天数" */
  holidays: Record<string, string>;
  /** 调休 make-up working days (weekend days that are worked), same value format. */
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** The years the base data covers (a year outside them falls back to Monday–Friday until the office imports it). */
export const BASE_YEARS: ReadonlySet<number> = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

export type DaySource = 'holiday' | 'makeup' | 'weekend' | 'weekday' | 'office';

export interface DayInfo {
  date: string;
  working: boolean;
  /** Holiday name in Chinese (国庆节, 春节 …) or the office's note. */
  name: string | null;
  source: DaySource;
}

/** One office-edited day (`calendar_days`). */
export interface OfficeDay {
  working: boolean;
  name: string | null;
}

/** Looks a date up: the office's day, if any. */
export type OfficeDays = ReadonlyMap<string, OfficeDay>;

const chineseName = (v: string | undefined) => (v ? (v.split(',')[1] ?? v) : null);

/** The base (package) answer for a date, ignoring office edits. */
export function baseDay(date: string): DayInfo {
  if (data.holidays[date]) return { date, working: false, name: chineseName(data.holidays[date]), source: 'holiday' };
  if (data.workdays[date]) return { date, working: true, name: chineseName(data.workdays[date]), source: 'makeup' };
  const w = weekday(date);
  return w === 0 || w === 6 ? { date, working: false, name: null, source: 'weekend' } : { date, working: true, name: null, source: 'weekday' };
}

export function dayInfo(date: string, office: OfficeDays): DayInfo {
  const o = office.get(date);
  if (o) return { date, working: o.working, name: o.name, source: 'office' };
  return baseDay(date);
}

export function isWorkingDayIn(date: string, office: OfficeDays): boolean {
  return dayInfo(date, office).working;
}

/** The day that is `n` working days after `date` (`date` itself not counted); n = 0 gives `date`; n < 0 counts back. */
export function addWorkingDaysIn(date: string, n: number, office: OfficeDays): string {
  if (!Number.isInteger(n)) throw new Error(`n must be an integer: ${n}`);
  let d = date;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDayIn(d, office)) left--;
  }
  return d;
}

/**
 * The number of working days `d` with `a < d ≤ b` (negative when b is before a). For a working day b,
 * `addWorkingDays(a, workingDaysBetween(a, b)) === b`.
 */
export function workingDaysBetweenIn(a: string, b: string, office: OfficeDays): number {
  if (a === b) return 0;
  const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDayIn(d, office)) n++;
  return n * sign;
}

/** A period of `days` working days starting at `start` (a rest-day start moves to the next working day). */
export function workingPeriodIn(start: string, days: number, office: OfficeDays): { startsOn: string; endsOn: string } {
  if (!Number.isInteger(days) || days < 1) throw new Error('days must be a positive integer');
  const startsOn = isWorkingDayIn(start, office) ? start : addWorkingDaysIn(start, 1, office);
  return { startsOn, endsOn: addWorkingDaysIn(startsOn, days - 1, office) };
}

import dayjs, { type Dayjs } from 'dayjs';
import { chinaDate, formatChinaDate } from '@zhicheng/contracts';

/**
 * Business dates and times are China's (Asia/Shanghai), whatever zone the browser is in. A date picker works on
 * calendar dates: `chinaToday()` is a dayjs on China's current calendar date, and picker values are read with
 * `.format('YYYY-MM-DD')` (a calendar date, no zone). Wall-clock times picked by a user are China times:
 * `chinaInstant()` turns one into the instant it names, `chinaWallTime()` the other way.
 */
const OFFSET_MS = 8 * 3600_000;

/** Shown as YYYY-MM-DD everywhere (an instant shows its China date). */
export function formatDate(value: string | Date | null | undefined): string {
  return formatChinaDate(value);
}

/** An instant as China's wall-clock time, YYYY-MM-DD HH:mm:ss. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** China's calendar date today, as a dayjs for date pickers (defaults and disabled dates). */
export function chinaToday(): Dayjs {
  return dayjs(chinaDate());
}

/** China's calendar year today. */
export function chinaYearNow(): number {
  return Number(chinaDate().slice(0, 4));
}

/** A picker value read as China wall-clock time (its fields, not the browser's zone) → ISO instant. */
export function chinaInstant(wall: Dayjs): string {
  return new Date(Date.parse(`${wall.format('YYYY-MM-DDTHH:mm:ss')}Z`) - OFFSET_MS).toISOString();
}

/** An instant → a dayjs whose fields are China's wall-clock time (for date-time pickers). */
export function chinaWallTime(instant: string | Date): Dayjs {
  const d = instant instanceof Date ? instant : new Date(instant);
  return dayjs(new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 19));
}

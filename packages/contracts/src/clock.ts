/**
 * Business dates are China's calendar dates (Asia/Shanghai, UTC+8 all year, no daylight saving). Every "today",
 * publicity window, deadline and printed date is derived from an instant with these functions, never from the
 * machine's, the browser's or the database session's zone. Both the API and the web use them.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

let skewMs = 0;

/**
 * Now on the business clock, in ms. On the server that is the machine's clock (the API's ClockService passes its own
 * instants); in the browser it is the server's clock: the SPA reads the `X-Business-Time` header of every API answer
 * and calls `setClockSkew`, so a wrong PC clock (or a browser in another zone) never moves a business date.
 */
export function businessNow(): number {
  return Date.now() + skewMs;
}

/** Sets the business clock's offset from this machine's clock (the web: server time − local time). */
export function setClockSkew(ms: number): void {
  skewMs = Number.isFinite(ms) ? ms : 0;
}

/** The calendar date (YYYY-MM-DD) in China at an instant. */
export function chinaDate(instant: Date | number = businessNow()): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock date and time in China at an instant, as `YYYY-MM-DD HH:mm`. */
export function chinaDateTime(instant: Date | number = businessNow()): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar year in China at an instant. */
export function chinaYear(instant: Date | number = businessNow()): number {
  return Number(chinaDate(instant).slice(0, 4));
}

/** The instant at which a China calendar date begins (00:00 Asia/Shanghai). */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** A calendar date plus (or minus) whole days; dates only, no zone involved. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Whole days from one calendar date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** An instant as shown to people: its China date (YYYY-MM-DD), or '' for none. */
export function formatChinaDate(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : chinaDate(d);
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { ClockService } from '../clock/clock.service.js';
import { AppException } from '../errors/app.exception.js';
import { AuditRecorder } from '../audit/audit-recorder.js';
import { CalendarDay } from './calendar-day.entity.js';
import {
  BASE_YEARS,
  addWorkingDaysIn,
  dayInfo,
  isWorkingDayIn,
  workingDaysBetweenIn,
  workingPeriodIn,
  type DayInfo,
  type OfficeDay,
} from './working-days.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(d: string, field = 'date'): void {
  if (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) { // clock-ok: calendar date checked against itself at UTC midnight
    throw AppException.validation({ [field]: '日期格式应为 YYYY-MM-DD' });
  }
}

/**
 * the one working-day calendar. Every period, deadline and "N working days" of the platform asks it.
 * Dates are China calendar dates (`YYYY-MM-DD`, e.g. from `ClockService.today()`), never instants.
 *
 * - `isWorkingDay(date)`: the office's edited day if any, else the `chinese-days` data (holidays rest,
 *   调休 make-up days work), else Monday–Friday.
 * - `addWorkingDays(date, n)`: the day n working days after `date` (`date` not counted; 0 → `date`; negative counts back).
 * - `workingDaysBetween(a, b)`: how many working days d have a < d ≤ b.
 * - `workingPeriod(start, n)`: a period of n working days beginning at `start` (or the next working day).
 *
 * Each call reads the office's days of the range it needs from `calendar_days` (pass the transaction's
 * manager inside a transaction), so every API process sees an edit at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly audit: AuditRecorder,
  ) {}

  private async office(from: string, to: string, m: EntityManager = this.ds.manager): Promise<Map<string, OfficeDay>> {
    const rows: { date: string; working: boolean; name: string | null }[] = await m.query(
      'SELECT date::text AS date, working, name FROM calendar_days WHERE date BETWEEN $1 AND $2',
      [from, to],
    );
    return new Map(rows.map((r) => [r.date, { working: r.working, name: r.name }]));
  }

  async isWorkingDay(date: string, m?: EntityManager): Promise<boolean> {
    return isWorkingDayIn(date, await this.office(date, date, m));
  }

  async addWorkingDays(date: string, n: number, m?: EntityManager): Promise<string> {
    // holidays never run longer than a few weeks: read a generous window and widen it in the unlikely case it is passed
    for (let span = Math.abs(n) * 2 + 60; ; span *= 4) {
      const [lo, hi] = n < 0 ? [addDays(date, -span), date] : [date, addDays(date, span)];
      const out = addWorkingDaysIn(date, n, await this.office(lo, hi, m));
      if (out >= lo && out <= hi) return out;
    }
  }

  async workingDaysBetween(a: string, b: string, m?: EntityManager): Promise<number> {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    return workingDaysBetweenIn(a, b, await this.office(lo, hi, m));
  }

  async workingPeriod(start: string, days: number, m?: EntityManager): Promise<{ startsOn: string; endsOn: string }> {
    const office = await this.office(start, addDays(start, days * 2 + 60), m);
    const p = workingPeriodIn(start, days, office);
    return p.endsOn <= addDays(start, days * 2 + 60) ? p : { startsOn: p.startsOn, endsOn: await this.addWorkingDays(p.startsOn, days - 1, m) };
  }

  /** Today's business date (the clock), for callers counting from today. */
  today(): string {
    return this.clock.today();
  }

  /** The 工作日历 screen: every day of a year with its kind and where it comes from. */
  async year(year: number) {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw AppException.validation({ year: '年度应在2000至2100之间' });
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const office = await this.office(from, to);
    const days: DayInfo[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(dayInfo(d, office));
    return {
      year,
      baseCovered: BASE_YEARS.has(year),
      workingDays: days.filter((d) => d.working).length,
      officeDays: office.size,
      days,
    };
  }

  /** One calendar for the whole platform: the provincial title office maintains it. */
  private assertMaintainer(user: AuthUser): void {
    if (user.orgLevel !== 'province') throw AppException.forbidden('工作日历由省级职称管理部门统一维护');
  }

  /** The office sets one day (rest or working, with an optional name); audit-logged. */
  async setDay(user: AuthUser, date: string, working: boolean, name: string | null, source: 'office' | 'import' = 'office', m: EntityManager = this.ds.manager) {
    this.assertMaintainer(user);
    assertDate(date);
    const before = await m.getRepository(CalendarDay).findOne({ where: { date } });
    await m.getRepository(CalendarDay).upsert({ date, working, name: name?.trim() || null, source, updatedBy: user.id }, ['date']);
    await this.audit.record(
      { actor: user, action: 'calendar.set_day', targetType: 'calendar_day', targetId: date, before: before ? { working: before.working, name: before.name } : null, after: { working, name, source } },
      m,
    );
    return dayInfo(date, new Map([[date, { working, name: name?.trim() || null }]]));
  }

  /** Removes the office's edit of a day: the base data applies again. */
  async clearDay(user: AuthUser, date: string) {
    this.assertMaintainer(user);
    assertDate(date);
    const before = await this.ds.getRepository(CalendarDay).findOne({ where: { date } });
    if (!before) throw AppException.notFound('人工设定的日期');
    await this.ds.getRepository(CalendarDay).delete({ date });
    await this.audit.record({ actor: user, action: 'calendar.clear_day', targetType: 'calendar_day', targetId: date, before: { working: before.working, name: before.name }, after: null });
    return dayInfo(date, new Map());
  }
}

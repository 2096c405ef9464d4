import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { ExcelService, type RawRow, type RowImporter, type RowResult } from '../excel/excel.service.js';
import { CalendarService } from './calendar.service.js';

export const CALENDAR_IMPORT_KIND = 'calendar';

const REST = new Set(['休息日', '节假日', '休', '放假']);
const WORK = new Set(['工作日', '调休上班', '班', '上班']);

/** Excel serial day numbers (1900 system) some sheets carry instead of a date cell. */
function fromSerial(s: string): string | null {
  if (!/^\d{5}$/.test(s)) return null;
  return new Date(Date.UTC(1899, 11, 30) + Number(s) * 86400_000).toISOString().slice(0, 10); // clock-ok: calendar date arithmetic at UTC midnight
}

/**
 * A-29 "导入一年": each row sets one day (日期, 类型 休息日/工作日, 名称); a row for a day already set replaces it.
 * Validated row by row (date format, known type, no date twice in the file) and committed through the generic
 * import by the title office.
 */
@Injectable()
export class CalendarImporter implements RowImporter<{ seen: Map<string, number> }>, OnModuleInit {
  readonly kind = CALENDAR_IMPORT_KIND;
  readonly title = '工作日历';
  readonly columns = [
    { key: 'date', header: '日期', width: 14 },
    { key: 'type', header: '类型', width: 12 },
    { key: 'name', header: '名称', width: 20 },
  ];
  readonly example = { date: '2027-10-01', type: '休息日', name: '国庆节' };

  constructor(
    private readonly excel: ExcelService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit() {
    this.excel.register(this);
  }

  async prepare() {
    return { seen: new Map<string, number>() };
  }

  async validateChunk(rows: RawRow[], ctx: { seen: Map<string, number> }): Promise<RowResult[]> {
    return rows.map((r): RowResult => {
      const raw = (r.values.date ?? '').trim().replace(/[./年月]/g, '-').replace(/日$/, '');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
      const date = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : fromSerial(raw);
      const type = (r.values.type ?? '').trim();
      const name = (r.values.name ?? '').trim();
      if (!date || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return { rowNo: r.rowNo, ok: false, error: '日期格式应为 YYYY-MM-DD' }; // clock-ok: calendar date arithmetic at UTC midnight
      if (!REST.has(type) && !WORK.has(type)) return { rowNo: r.rowNo, ok: false, error: '类型应为“休息日”或“工作日”' };
      if (name.length > 50) return { rowNo: r.rowNo, ok: false, error: '名称不能超过50字' };
      const first = ctx.seen.get(date);
      if (first) return { rowNo: r.rowNo, ok: false, error: `日期与第${first}行重复` };
      ctx.seen.set(date, r.rowNo);
      return { rowNo: r.rowNo, ok: true, data: { date, working: WORK.has(type), name: name || null } };
    });
  }

  async commitChunk(rows: Record<string, unknown>[], user: AuthUser, m: EntityManager): Promise<void> {
    for (const r of rows) await this.calendar.setDay(user, r.date as string, r.working as boolean, (r.name as string | null) ?? null, 'import', m);
  }
}

import { addWorkingDaysIn, baseDay, isWorkingDayIn, workingDaysBetweenIn, workingPeriodIn, type OfficeDay } from './working-days.js';

const none = new Map<string, OfficeDay>();

describe('A-29 working-day calendar', () => {
  it('国庆 2026: 10-01..10-07 rest, the 调休 Sunday 09-20 and Saturday 10-10 are working days', () => {
    for (const d of ['2026-10-01', '2026-10-04', '2026-10-07']) expect(isWorkingDayIn(d, none)).toBe(false);
    expect(isWorkingDayIn('2026-09-20', none)).toBe(true);
    expect(isWorkingDayIn('2026-10-10', none)).toBe(true);
    expect(isWorkingDayIn('2026-10-11', none)).toBe(false);
    expect(baseDay('2026-10-01')).toEqual({ date: '2026-10-01', working: false, name: '国庆节', source: 'holiday' });
    expect(baseDay('2026-10-10').source).toBe('makeup');
  });

  it('a 5-working-day publicity starting before 国庆 ends after the holiday, not on 09-30', () => {
    // 2026-09-24 (Thu) · 09-25 中秋节 · 09-26/27 weekend · 09-28, 29, 30 · 10-01..07 国庆 · 10-08
    expect(workingPeriodIn('2026-09-24', 5, none)).toEqual({ startsOn: '2026-09-24', endsOn: '2026-10-08' });
    // starting on the holiday itself moves to the first working day after it: 10-08, 09, 10 (调休 Saturday), 12, 13
    expect(workingPeriodIn('2026-10-03', 5, none)).toEqual({ startsOn: '2026-10-08', endsOn: '2026-10-13' });
  });

  it('春节 2026 with its 调休 Saturdays 02-14 and 02-28', () => {
    expect(isWorkingDayIn('2026-02-14', none)).toBe(true);
    expect(isWorkingDayIn('2026-02-16', none)).toBe(false);
    expect(isWorkingDayIn('2026-02-23', none)).toBe(false);
    expect(isWorkingDayIn('2026-02-28', none)).toBe(true);
    // 02-12 Thu, 02-13 Fri, 02-14 Sat (调休), then 02-24, 02-25
    expect(workingPeriodIn('2026-02-12', 5, none)).toEqual({ startsOn: '2026-02-12', endsOn: '2026-02-25' });
    expect(addWorkingDaysIn('2026-02-13', 1, none)).toBe('2026-02-14');
    expect(addWorkingDaysIn('2026-02-14', 1, none)).toBe('2026-02-24');
    expect(addWorkingDaysIn('2026-02-24', -1, none)).toBe('2026-02-14');
  });

  it('counts working days between two dates consistently with addWorkingDays', () => {
    expect(workingDaysBetweenIn('2026-09-24', '2026-10-08', none)).toBe(4);
    expect(workingDaysBetweenIn('2026-10-08', '2026-09-24', none)).toBe(-4);
    expect(workingDaysBetweenIn('2026-10-01', '2026-10-01', none)).toBe(0);
    for (const [a, n] of [['2026-09-24', 7], ['2026-02-10', 9], ['2026-12-28', 6]] as const) {
      const b = addWorkingDaysIn(a, n, none);
      expect(workingDaysBetweenIn(a, b, none)).toBe(n);
    }
  });

  it('an office-edited day overrides the base data', () => {
    const office = new Map<string, OfficeDay>([
      ['2026-10-08', { working: false, name: '延长假期' }],
      ['2026-10-11', { working: true, name: '补班' }],
    ]);
    expect(workingPeriodIn('2026-09-24', 5, office)).toEqual({ startsOn: '2026-09-24', endsOn: '2026-10-09' });
    expect(isWorkingDayIn('2026-10-11', office)).toBe(true);
  });

  it('a year outside the package data counts Monday–Friday', () => {
    // 2031-01-03 is a Friday
    expect(addWorkingDaysIn('2031-01-03', 1, none)).toBe('2031-01-06');
  });

  it('refuses a non-positive period and a fractional count', () => {
    expect(() => workingPeriodIn('2026-11-23', 0, none)).toThrow();
    expect(() => addWorkingDaysIn('2026-11-23', 1.5, none)).toThrow();
  });
});

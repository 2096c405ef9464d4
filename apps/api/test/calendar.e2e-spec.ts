import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from './context.js';
import { CalendarService } from '../src/common/calendar/calendar.service.js';

describe('A-29 working-day calendar', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('shows a year with holidays and 调休 make-up days from the base data', async () => {
    const res = await t.http().get('/api/calendar/2026').set(auth(await t.login('applicant'))).expect(200);
    expect(res.body.baseCovered).toBe(true);
    expect(res.body.days).toHaveLength(365);
    const day = (d: string) => res.body.days.find((x: { date: string }) => x.date === d);
    expect(day('2026-10-01')).toMatchObject({ working: false, name: '国庆节', source: 'holiday' });
    expect(day('2026-10-10')).toMatchObject({ working: true, source: 'makeup' });
    expect((await t.http().get('/api/calendar/1800').set(auth(admin))).status).toBe(400);
  });

  it('the provincial office edits a day, the service counts with it at once, and clears it again (audited)', async () => {
    const cal = t.app.get(CalendarService);
    expect(await cal.addWorkingDays('2026-09-24', 4)).toBe('2026-10-08');
    await t.http().put('/api/calendar/days/2026-10-08').set(auth(admin)).send({ working: false, name: '延长假期' }).expect(200);
    expect(await cal.addWorkingDays('2026-09-24', 4)).toBe('2026-10-09');
    expect(await cal.workingDaysBetween('2026-09-24', '2026-10-09')).toBe(4);
    const log = await t.ds.query(`SELECT after FROM audit_logs WHERE action = 'calendar.set_day' AND target_id = '2026-10-08'`);
    expect(log[0].after).toMatchObject({ working: false, name: '延长假期' });
    await t.http().delete('/api/calendar/days/2026-10-08').set(auth(admin)).expect(200);
    expect(await cal.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('refuses a bad date, a city office and an applicant', async () => {
    const bad = await t.http().put('/api/calendar/days/2026-13-01').set(auth(admin)).send({ working: true });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.date).toBeDefined();
    const city = await t.http().put('/api/calendar/days/2026-10-08').set(auth(await t.login('nj_admin'))).send({ working: true });
    expect(city.status).toBe(403);
    expect(city.body.message).toContain('省级职称管理部门');
    expect((await t.http().put('/api/calendar/days/2026-10-08').set(auth(await t.login('applicant'))).send({ working: true })).status).toBe(403);
  });

  it('imports a year from Excel row by row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工作日历');
    ws.addRow(['日期', '类型', '名称']);
    ws.addRow(['2031-10-01', '休息日', '国庆节']);
    ws.addRow(['2031-10-02', '休息日', '国庆节']);
    ws.addRow(['2031-10-11', '工作日', '国庆节调休']);
    ws.addRow(['2031-02-30', '休息日', '']);
    ws.addRow(['2031-10-01', '工作日', '']);
    ws.addRow(['2031-10-03', '放风', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await t.http().post('/api/imports/calendar').set(auth(admin)).attach('file', file, 'cal.xlsx').expect(201);
    expect(up.body).toMatchObject({ total: 6, succeeded: 3, failed: 3 });
    expect(up.body.failures.map((f: { error: string }) => f.error)).toEqual(['日期格式应为 YYYY-MM-DD', '日期与第2行重复', '类型应为“休息日”或“工作日”']);
    await t.http().post(`/api/imports/jobs/${up.body.jobId}/commit`).set(auth(admin)).expect(201);
    const year = await t.http().get('/api/calendar/2031').set(auth(admin)).expect(200);
    expect(year.body.baseCovered).toBe(false);
    expect(year.body.officeDays).toBe(3);
    const day = (d: string) => year.body.days.find((x: { date: string }) => x.date === d);
    expect(day('2031-10-01')).toMatchObject({ working: false, name: '国庆节', source: 'office' });
    expect(day('2031-10-11')).toMatchObject({ working: true, source: 'office' });
  });
});

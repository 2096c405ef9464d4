import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { binary, bodyBuffer } from './support/binary.js';

describe('blacklist (B-01..B-04)', () => {
  let t: TestContext;
  let admin: string;
  const applicantId = demoIdCard('32010219900307123');
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const entry = (over: Record<string, unknown> = {}) => ({
    realName: '张三',
    idCard: applicantId,
    reason: '提供虚假学历证明',
    source: '审核发现',
    startsOn: '2026-01-01',
    endsOn: '2028-12-31',
    ...over,
  });

  it('B-01 adds a person with reason, source and period, masked in the answer and audited', async () => {
    const res = await t.http().post('/api/blacklist').set(auth(admin)).send(entry());
    expect(res.status).toBe(201);
    expect(res.body.idCard).toBe('320***********' + applicantId.slice(-4));
    expect(res.body.status).toBe('active');
    const log = await t.ds.query(`SELECT after FROM audit_logs WHERE action = 'blacklist.add'`);
    expect(log[0].after.idCard).not.toContain('19900307');
  });

  it('refuses a second active entry and an inverted period', async () => {
    const dup = await t.http().post('/api/blacklist').set(auth(admin)).send(entry());
    expect(dup.status).toBe(409);
    const bad = await t.http().post('/api/blacklist').set(auth(admin)).send(entry({ idCard: demoIdCard('11010519491231002'), startsOn: '2027-01-01', endsOn: '2026-01-01' }));
    expect(bad.status).toBe(400);
    expect(bad.body.fields.endsOn).toBe('结束日期不能早于开始日期');
  });

  it('B-03 finds entries by name or by the full ID number, never by a partial number', async () => {
    const byName = await t.http().get('/api/blacklist?keyword=张').set(auth(admin)).expect(200);
    expect(byName.body.total).toBe(1);
    const byId = await t.http().get(`/api/blacklist?keyword=${applicantId}`).set(auth(admin)).expect(200);
    expect(byId.body.total).toBe(1);
    const partial = await t.http().get(`/api/blacklist?keyword=${applicantId.slice(0, 10)}`).set(auth(admin)).expect(200);
    expect(partial.body.total).toBe(0);
  });

  it('B-02 edits with optimistic locking; B-04 lifts with a reason', async () => {
    const list = await t.http().get('/api/blacklist').set(auth(admin)).expect(200);
    const e = list.body.items[0];
    const edited = await t.http().patch(`/api/blacklist/${e.id}`).set(auth(admin)).send({ version: e.version, endsOn: '2027-12-31' });
    expect(edited.status).toBe(200);
    expect(edited.body.endsOn).toBe('2027-12-31');
    const stale = await t.http().patch(`/api/blacklist/${e.id}`).set(auth(admin)).send({ version: e.version, endsOn: '2029-12-31' });
    expect(stale.status).toBe(409);
    const noReason = await t.http().post(`/api/blacklist/${e.id}/lift`).set(auth(admin)).send({ version: edited.body.version });
    expect(noReason.status).toBe(400);
    const lifted = await t.http().post(`/api/blacklist/${e.id}/lift`).set(auth(admin)).send({ version: edited.body.version, reason: '复核后撤销' });
    expect(lifted.status).toBe(201);
    expect(lifted.body.status).toBe('lifted');
  });

  it('only the title office manages the blacklist; other organisations do not see its entries', async () => {
    const unit = await t.login('unit_demo');
    const res = await t.http().post('/api/blacklist').set(auth(unit)).send(entry({ idCard: demoIdCard('11010519491231003') }));
    expect(res.status).toBe(403);
    const list = await t.http().get('/api/blacklist').set(auth(unit)).expect(200);
    expect(list.body.total).toBe(0);
  });
});

describe('blacklist export (B-05)', () => {
  it('exports the current query as .xlsx with masked ID numbers', async () => {
    const t = await createTestContext();
    try {
      const admin = await t.login('admin');
      await t.http().post('/api/blacklist').set({ authorization: `Bearer ${admin}` }).send({
        realName: '李四', idCard: demoIdCard('11010519491231002'), reason: '伪造业绩材料', source: '举报核实', startsOn: '2026-01-01', endsOn: '2029-01-01',
      }).expect(201);
      const res = await t.http().get('/api/blacklist/export?status=active').set({ authorization: `Bearer ${admin}` }).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bodyBuffer(res) as never);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('姓名');
      expect(ws.getRow(2).getCell(1).value).toBe('李四');
      expect(String(ws.getRow(2).getCell(2).value)).toMatch(/^110\*+/);
      expect(ws.getRow(2).getCell(7).value).toBe('有效');
    } finally {
      await t.close();
    }
  });
});

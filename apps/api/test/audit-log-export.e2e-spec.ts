import ExcelJS from 'exceljs';
import { chinaDate, chinaDayStart } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

// Issue 13, X-02: the audit log an assessor accepts — field-level changes, date and actor filters, xlsx export.
describe('audit log: field changes, date/actor filters and the xlsx export (issue 13, X-02)', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    // the log is read by the region's 审计管理员
    admin = await t.login('audit_admin');
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  /** One row as the API records it, by the office admin, for a target of its own; `at` moves it to another day. */
  async function insertRow(targetId: string, before: object, after: object, at?: Date) {
    const [me] = await t.ds.query(`SELECT id, organisation_id FROM users WHERE username = 'admin'`);
    await t.ds.query(
      `INSERT INTO audit_logs (user_id, organisation_id, action, target_type, target_id, before, after, ip, created_at)
       VALUES ($1, $2, 'user.update', 'user', $3, $4, $5, '127.0.0.1', COALESCE($6, now()))`,
      [me.id, me.organisation_id, targetId, JSON.stringify(before), JSON.stringify(after), at ?? null],
    );
  }

  it('a changed field appears in changes with its Chinese label, old and new values, ID numbers and mobiles masked', async () => {
    await insertRow('t-changes', { status: 'active', idCard: '110101199003074514', mobile: '13812345678', realName: '王五' }, { status: 'disabled', idCard: '110101199003074522', mobile: '13912345678', realName: '王五' });
    const res = await t.http().get('/api/audit-logs?targetId=t-changes').set(auth(admin)).expect(200);
    expect(res.body.total).toBe(1);
    const changes = res.body.items[0].changes as { field: string; label: string; before: string; after: string }[];
    // jsonb keeps its own key order: compare as a set
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(expect.arrayContaining([
      { field: 'status', label: '状态', before: 'active', after: 'disabled' },
      { field: 'idCard', label: '身份证号', before: '110***********4514', after: '110***********4522' },
      { field: 'mobile', label: '手机号码', before: '138****5678', after: '139****5678' },
    ]));
  });

  it('filters by China calendar dates (from/to inclusive) and by the actor account', async () => {
    // 2026-03-10 00:30 in China is still 2026-03-09 in UTC: it belongs to the 10th
    await insertRow('t-dates', { status: 'a' }, { status: 'b' }, new Date(chinaDayStart('2026-03-10').getTime() + 30 * 60_000));
    await insertRow('t-dates', { status: 'b' }, { status: 'c' }, new Date(chinaDayStart('2026-03-12').getTime() + 60 * 60_000));
    const count = async (qs: string) => (await t.http().get(`/api/audit-logs?targetId=t-dates&${qs}`).set(auth(admin)).expect(200)).body.total as number;
    expect(await count('from=2026-03-10&to=2026-03-10')).toBe(1);
    expect(await count('from=2026-03-09&to=2026-03-09')).toBe(0);
    expect(await count('from=2026-03-10&to=2026-03-12')).toBe(2);
    expect(await count('from=2026-03-11')).toBe(1);
    expect(await count('to=2026-03-11')).toBe(1);
    expect(await count('actor=admin')).toBe(2);
    expect(await count('actor=nobody_here')).toBe(0);
    expect((await t.http().get('/api/audit-logs?from=2026-3-1').set(auth(admin))).status).toBe(400);
  });

  it('the export holds the same rows as the list, with Chinese headers and masked changes', async () => {
    const today = chinaDate();
    const qs = `from=${today}&to=${today}`;
    const list = await t.http().get(`/api/audit-logs?${qs}&pageSize=100`).set(auth(admin)).expect(200);
    const res = await t.http().get(`/api/audit-logs/export?${qs}`).set(auth(admin)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(res) as never);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['时间', '操作人', '账号', '所属机构', '操作', '对象', '变更内容', '地址']);
    expect(ws.actualRowCount - 1).toBe(list.body.total);
    const texts: string[] = [];
    ws.eachRow((row, n) => n > 1 && texts.push(String(row.getCell(7).value ?? '')));
    const mine = texts.find((s) => s.includes('身份证号'));
    expect(mine).toContain('状态：active → disabled');
    expect(mine).toContain('110***********4514');
    expect(texts.join('\n')).not.toMatch(/110101199003074514|13812345678/);
  });

  it('an applicant or a unit user is refused the export', async () => {
    for (const who of ['applicant', 'unit_demo']) {
      const token = await t.login(who);
      expect((await t.http().get('/api/audit-logs/export').set(auth(token))).status).toBe(403);
    }
  });
});

import ExcelJS from 'exceljs';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

/**
 * U-12 职数申报 / 职数审核 and A-19 职数申报查询. unit_demo (南京示范科技有限公司, 玄武区) reports 工程技术 副高级 through
 * 玄武区工业和信息化局 (xw_dept), so that department audits its quota declarations.
 */
describe('quota (U-12, A-19)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (u: string) => ({ authorization: `Bearer ${tok[u]}` });
  const body = { year: 2026, seriesCode: 'GC', titleLevel: 'vice_senior', postTotal: 20, employedCount: 12, requestedCount: 5, remark: '新增研发岗位' };
  let id: string;
  let unitId: string;
  let tzQuota: string;

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['unit_demo', 'sz_unit', 'tz_unit', 'xw_dept', 'nj_dept', 'admin', 'nj_admin', 'xw_admin']) tok[u] = await t.login(u);
    unitId = ((await t.ds.query(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`)) as { id: string }[])[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('U-12 validates the declaration: counts, vacancy, unknown fields, a unit without an audit path', async () => {
    const post = (u: string, b: object) => t.http().post('/api/quotas').set(auth(u)).send(b);
    const over = await post('unit_demo', { ...body, employedCount: 21 });
    expect(over.status).toBe(400);
    expect(over.body.fields).toMatchObject({ employedCount: '已聘数不能大于岗位总数' });
    const vac = await post('unit_demo', { ...body, requestedCount: 9 });
    expect(vac.status).toBe(400);
    expect(vac.body.fields.requestedCount).toContain('空缺岗位数');
    const bad = await post('unit_demo', { ...body, titleLevel: 'x', postTotal: -1, hack: 1 });
    expect(bad.status).toBe(400);
    expect((await post('unit_demo', { ...body, seriesCode: 'NOPE' })).body.fields).toMatchObject({ seriesCode: '职称系列不存在' });
    const noPath = await post('sz_unit', body);
    expect(noPath.status).toBe(400);
    expect(noPath.body.message).toContain('审核路径');
    // only units declare
    expect((await post('xw_dept', body)).status).toBe(403);
  });

  it('U-12 a unit declares; the supervising department (from the audit path) audits it, nobody else', async () => {
    const res = await t.http().post('/api/quotas').set(auth('unit_demo')).send(body);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: 'submitted', supervisorName: '玄武区工业和信息化局', unitName: '南京示范科技有限公司', vacancy: 8, seriesName: expect.any(String) });
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['quota.submit']);
    const dup = await t.http().post('/api/quotas').set(auth('unit_demo')).send(body);
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('已申报过职数');
    const mine = await t.http().get('/api/quotas/mine?year=2026').set(auth('unit_demo')).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const queue = await t.http().get('/api/quotas/audit?status=submitted').set(auth('xw_dept')).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const other = await t.http().get('/api/quotas/audit').set(auth('nj_dept')).expect(200);
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await t.http().post(`/api/quotas/${id}/pass`).set(auth('nj_dept')).send({ version: res.body.version })).status).toBe(404);
    expect((await t.http().get(`/api/quotas/${id}`).set(auth('nj_dept'))).status).toBe(404);
    expect((await t.http().get(`/api/quotas/${id}`).set(auth('sz_unit'))).status).toBe(404);
    expect((await t.http().post(`/api/quotas/${id}/pass`).set(auth('unit_demo')).send({ version: res.body.version })).status).toBe(403);
    // a unit cannot change a declaration waiting for audit
    const early = await t.http().put(`/api/quotas/${id}`).set(auth('unit_demo')).send({ ...body, version: res.body.version });
    expect(early.status).toBe(409);
  });

  it('U-12 return with a reason, resubmission after correction, then pass; every change is in the audit log and the history', async () => {
    let q = (await t.http().get(`/api/quotas/${id}`).set(auth('xw_dept')).expect(200)).body;
    const noReason = await t.http().post(`/api/quotas/${id}/return`).set(auth('xw_dept')).send({ version: q.version, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toMatchObject({ reason: '请输入不通过原因' });
    const ret = await t.http().post(`/api/quotas/${id}/return`).set(auth('xw_dept')).send({ version: q.version, reason: '已聘数与人事台账不符' });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', auditOpinion: '已聘数与人事台账不符' });
    // the returned declaration leaves the department's pending list and cannot be passed
    const pending = await t.http().get('/api/quotas/audit?status=submitted').set(auth('xw_dept')).expect(200);
    expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await t.http().post(`/api/quotas/${id}/pass`).set(auth('xw_dept')).send({ version: ret.body.version })).status).toBe(409);
    const stale = await t.http().put(`/api/quotas/${id}`).set(auth('unit_demo')).send({ ...body, employedCount: 13, requestedCount: 4, version: ret.body.version - 1 });
    expect(stale.status).toBe(409);
    const re = await t.http().put(`/api/quotas/${id}`).set(auth('unit_demo')).send({ ...body, employedCount: 13, requestedCount: 4, version: ret.body.version });
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ status: 'submitted', employedCount: 13, requestedCount: 4, resubmissions: 1 });
    q = re.body;
    const pass = await t.http().post(`/api/quotas/${id}/pass`).set(auth('xw_dept')).send({ version: q.version, opinion: '同意' });
    expect(pass.status).toBe(200);
    expect(pass.body.status).toBe('passed');
    expect((await t.http().post(`/api/quotas/${id}/return`).set(auth('xw_dept')).send({ version: pass.body.version, reason: 'x' })).status).toBe(409);
    const detail = (await t.http().get(`/api/quotas/${id}`).set(auth('unit_demo')).expect(200)).body;
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['quota.submit', 'quota.return', 'quota.resubmit', 'quota.pass']);
    expect(detail.history[1]).toMatchObject({ opinion: '已聘数与人事台账不符', organisationName: '玄武区工业和信息化局' });
    const logs: { action: string }[] = await t.ds.query(`SELECT action FROM audit_logs WHERE target_type = 'quota' AND target_id = $1 ORDER BY id`, [id]);
    expect(logs.map((l) => l.action)).toEqual(['quota.submit', 'quota.return', 'quota.resubmit', 'quota.pass']);
  });

  it('A-19 the title office queries its region with filters and pagination; other roles cannot', async () => {
    const tz = await t.http().post('/api/quotas').set(auth('tz_unit')).send({ ...body, titleLevel: 'intermediate', postTotal: 8, employedCount: 6, requestedCount: 2 });
    expect(tz.status).toBe(201);
    tzQuota = tz.body.id;
    const all = await t.http().get('/api/quotas/query?year=2026').set(auth('admin')).expect(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([id, tzQuota]));
    const f = async (qs: string, user = 'admin') => (await t.http().get(`/api/quotas/query?${qs}`).set(auth(user)).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(await f('titleLevel=intermediate')).toEqual([tzQuota]);
    expect(await f('status=passed')).toEqual([id]);
    expect(await f(`unitOrgId=${unitId}`)).toEqual([id]);
    expect(await f('keyword=示范科技')).toEqual([id]);
    expect(await f('year=2025')).toEqual([]);
    expect(await f('seriesCode=GC&pageSize=1&page=2')).toHaveLength(1);
    // region scope: Nanjing sees its unit, not Taizhou's
    expect(await f('', 'nj_admin')).toEqual([id]);
    expect(await f('', 'xw_admin')).toEqual([id]);
    expect((await t.http().get(`/api/quotas/${tzQuota}`).set(auth('nj_admin'))).status).toBe(404);
    expect((await t.http().get(`/api/quotas/${tzQuota}`).set(auth('admin'))).status).toBe(200);
    expect((await t.http().get('/api/quotas/query').set(auth('unit_demo'))).status).toBe(403);
    expect((await t.http().get('/api/quotas/query').set(auth('xw_dept'))).status).toBe(403);
    expect((await t.http().get('/api/quotas/query?status=bogus').set(auth('admin'))).status).toBe(400);
  });

  it('A-19 exports the current query as xlsx (streamed), in scope', async () => {
    const exp = await t.http().get('/api/quotas/export?year=2026').set(auth('nj_admin')).buffer(true).parse(binary);
    expect(exp.status).toBe(200);
    expect(exp.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(exp) as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['单位名称', '岗位总数', '已聘数', '申报职数', '审核状态']));
    const units = ws.getColumn(2).values.slice(2);
    expect(units).toEqual(['南京示范科技有限公司']);
    expect(ws.getRow(2).getCell(8).value).toBe(4);
    expect(ws.getRow(2).getCell(11).value).toBe('审核通过');
  });
});

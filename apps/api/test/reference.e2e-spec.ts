import ExcelJS from 'exceljs';
import { creditCodeCheckChar, ErrorCode } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

const cc = (first17: string) => first17 + creditCodeCheckChar(first17);

async function xlsx(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reference data and organisations (issue 3)', () => {
  let t: TestContext;
  let admin: string;
  let nj: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    nj = await t.login('nj_admin');
  });
  afterAll(() => t.close());
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  it('regions cascade province → city → county from the full GB/T 2260 data', async () => {
    const provinces = await t.http().get('/api/regions').expect(200);
    expect(provinces.body.length).toBeGreaterThanOrEqual(31);
    expect(provinces.body.find((r: { code: string }) => r.code === '320000').name).toBe('江苏省');
    const cities = await t.http().get('/api/regions?parent=320000').expect(200);
    expect(cities.body.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['南京市', '苏州市']));
    const counties = await t.http().get('/api/regions?parent=320100').expect(200);
    expect(counties.body.map((r: { code: string }) => r.code)).toContain('320102');
    const bj = await t.http().get('/api/regions?parent=110000').expect(200);
    expect(bj.body[0].code).toBe('110100');
    const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM regions');
    expect(n).toBeGreaterThan(3000);
  });

  it('A-01 refuses a new top-level category, a duplicate code, and deleting a referenced node', async () => {
    const top = await t.http().post('/api/professions').set(auth(admin)).send({ code: 'NEWTOP', name: '新类别' });
    expect(top.status).toBe(400);
    expect(top.body.code).toBe(ErrorCode.TopLevelLocked);
    const gc = (await t.http().get('/api/professions').set(auth(admin)).expect(200)).body.find((p: { code: string }) => p.code === 'GC');
    const dup = await t.http().post('/api/professions').set(auth(admin)).send({ parentId: gc.id, code: 'GC01', name: '重复' });
    expect(dup.status).toBe(409);
    const children = (await t.http().get(`/api/professions?parentId=${gc.id}`).set(auth(admin)).expect(200)).body;
    const used = children.find((p: { code: string }) => p.code === 'GC01');
    const del = await t.http().delete(`/api/professions/${used.id}`).set(auth(admin));
    expect(del.status).toBe(409);
    expect(del.body.code).toBe(ErrorCode.ReferenceInUse);
    expect(del.body.message).toMatch(/评委会评审范围/);
    const delTop = await t.http().delete(`/api/professions/${gc.id}`).set(auth(admin));
    expect(delTop.status).toBe(400);
    const leaf = await t.http().post('/api/professions').set(auth(admin)).send({ parentId: gc.id, code: 'GC99', name: '测试专业' }).expect(201);
    expect(leaf.body.depth).toBe(1);
    await t.http().delete(`/api/professions/${leaf.body.id}`).set(auth(admin)).expect(204);
    const applicant = await t.login('applicant');
    await t.http().post('/api/professions').set(auth(applicant)).send({ parentId: gc.id, code: 'GC98', name: 'x' }).expect(403);
  });

  it('A-02 keeps ministry title codes unique and refuses unknown series', async () => {
    const dup = await t.http().post('/api/titles').set(auth(admin)).send({ seriesCode: 'GC', level: 'senior', name: '重复', ministryCode: '0651' });
    expect(dup.status).toBe(409);
    const bad = await t.http().post('/api/titles').set(auth(admin)).send({ seriesCode: 'NOPE', level: 'senior', name: 'x', ministryCode: '9999' });
    expect(bad.status).toBe(400);
    const titles = await t.http().get('/api/titles?seriesCode=GC').set(auth(admin)).expect(200);
    expect(titles.body.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['工程师', '高级工程师', '正高级工程师']));
  });

  it('X-01 validates an organisation import row by row, previews, then commits only the good rows', async () => {
    const file = await xlsx(
      ['机构名称', '机构类型', '行政区划代码', '级别', '统一社会信用代码', '单位性质', '联系人', '联系电话'],
      [
        ['导入测试甲公司', '单位', '320102', '', cc('91320102MA1AMP001'), '企业', '甲', '1'],
        ['导入测试乙公司', '单位', '999999', '', cc('91320102MA1AMP002'), '企业', '', ''],
        ['导入测试丙公司', '单位', '320102', '', (() => { const g = cc('91320102MA1AMP003'); return g.slice(0, 17) + (g[17] === '0' ? '1' : '0'); })(), '企业', '', ''],
        ['导入测试丁公司', '单位', '320102', '', cc('91320102MA1AMP001'), '企业', '', ''],
        ['南京市导入主管部门', '行政主管部门', '320100', '市级', '', '', '', ''],
        ['', '外星机构', '320100', '', '', '', '', ''],
      ],
    );
    const up = await t.http().post('/api/imports/organisations').set(auth(admin)).attach('file', file, 'orgs.xlsx');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ total: 6, succeeded: 2, failed: 4 });
    const reasons = Object.fromEntries(up.body.failures.map((f: { rowNo: number; error: string }) => [f.rowNo, f.error]));
    expect(reasons[3]).toMatch(/行政区划代码 999999 不存在/);
    expect(reasons[4]).toMatch(/校验位|统一社会信用代码/);
    expect(reasons[5]).toMatch(/文件中重复/);
    expect(reasons[7]).toMatch(/机构名称不能为空/);
    const failed = await t.http().get(`/api/imports/jobs/${up.body.jobId}/rows?ok=false`).set(auth(admin)).expect(200);
    expect(failed.body.total).toBe(4);
    const done = await t.http().post(`/api/imports/jobs/${up.body.jobId}/commit`).set(auth(admin)).expect(201);
    expect(done.body.committed).toBe(2);
    await t.http().post(`/api/imports/jobs/${up.body.jobId}/commit`).set(auth(admin)).expect(409);
    const found = await t.http().get(`/api/organisations?keyword=${encodeURIComponent('导入测试')}`).set(auth(admin)).expect(200);
    expect(found.body.items.map((o: { name: string }) => o.name)).toEqual(['导入测试甲公司']);
    const byCode = await t.http().get(`/api/organisations?keyword=${cc('91320102MA1AMP001')}`).set(auth(admin)).expect(200);
    expect(byCode.body.total).toBe(1);
  });

  it('X-01 refuses a file that is not an xlsx by its content, and a city office importing outside its city', async () => {
    const fake = await t.http().post('/api/imports/organisations').set(auth(admin)).attach('file', Buffer.from('name,type\n'), 'orgs.xlsx');
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe(ErrorCode.InvalidFile);
    const file = await xlsx(['机构名称', '机构类型', '行政区划代码', '级别'], [['苏州某主管部门', '行政主管部门', '320500', '市级']]);
    const up = await t.http().post('/api/imports/organisations').set(auth(nj)).attach('file', file, 'x.xlsx').expect(201);
    expect(up.body.failed).toBe(1);
    expect(up.body.failures[0].error).toMatch(/不在您的管理范围/);
  });

  it('X-01 serves an import template and exports the current query as xlsx', async () => {
    const tpl = await t.http().get('/api/imports/acceptance/template').set(auth(admin)).buffer(true).parse(binary);
    expect(tpl.status).toBe(200);
    expect((tpl.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const exp = await t.http().get('/api/organisations/export?type=unit').set(auth(admin)).buffer(true).parse(binary);
    expect(exp.status).toBe(200);
    expect(exp.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(exp) as never);
    const names = wb.worksheets[0].getColumn(1).values.slice(2);
    expect(names).toEqual(expect.arrayContaining(['南京示范科技有限公司', '苏州工业示范研究院']));
  });

  it('scope: a city title office sees and edits its city organisations only', async () => {
    const list = await t.http().get('/api/organisations?pageSize=200').set(auth(nj)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const o of list.body.items) expect(o.regionCode.startsWith('3201')).toBe(true);
    const [sz] = await t.ds.query(`SELECT id, version FROM organisations WHERE name = '苏州工业示范研究院'`);
    await t.http().get(`/api/organisations/${sz.id}`).set(auth(nj)).expect(403);
    const edit = await t.http().put(`/api/organisations/${sz.id}`).set(auth(nj))
      .send({ name: '改名', type: 'unit', regionCode: '320500', creditCode: cc('12320500MB0DEM002'), nature: 'institution', version: sz.version });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe(ErrorCode.OutOfScope);
    const create = await t.http().post('/api/organisations').set(auth(nj)).send({ name: '苏州行业协会', type: 'industry_dept', regionCode: '320500' });
    expect(create.status).toBe(400);
    expect(create.body.fields.regionCode).toMatch(/管理范围/);
    const ok = await t.http().post('/api/organisations').set(auth(nj)).send({ name: '南京市建设行业协会', type: 'industry_dept', regionCode: '320100' }).expect(201);
    expect(ok.body.level).toBe('city');
    const badRegion = await t.http().post('/api/organisations').set(auth(admin)).send({ name: 'x', type: 'industry_dept', regionCode: '329999' });
    expect(badRegion.status).toBe(400);
    const dereg = await t.http().post(`/api/organisations/${ok.body.id}/deregister`).set(auth(nj)).send({ reason: '撤并' }).expect(201);
    expect(dereg.body).toMatchObject({ status: 'deregistered', deregisterReason: '撤并' });
    const adminSees = await t.http().get(`/api/organisations/${sz.id}`).set(auth(admin)).expect(200);
    expect(adminSees.body.name).toBe('苏州工业示范研究院');
  });

  it('U-02/A-20 refuses a name that duplicates a permitted unit; others go to the office, rejected units resubmit', async () => {
    const register = async (unitName: string, seed: string, username: string) => {
      const res = await t.http().post('/api/auth/register-unit').send({
        unitName,
        creditCode: cc(seed),
        regionCode: '320102',
        nature: 'enterprise',
        contactName: '钱经办',
        contactMobile: '13511113333',
        email: `${username}@example.com`,
        username,
        password: 'Unit#2026x',
        ...(await t.captcha()),
      });
      expect(res.status).toBe(201);
      return t.login(username, 'Unit#2026x');
    };
    const dupTok = await register('南京示范科技有限公司', '91320102MA1DUP001', 'unit_dup');
    const dup = await t.http().post('/api/unit-permission/applications').set(auth(dupTok)).send({});
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe(ErrorCode.UnitNameDuplicate);
    expect(dup.body.message).toMatch(/单位名称与已取得权限的单位重复/);

    const tok = await register('南京新申请科技有限公司', '91320102MA1NEW001', 'unit_new2');
    const applied = await t.http().post('/api/unit-permission/applications').set(auth(tok)).send({ remark: '申请开展职称工作' }).expect(201);
    expect(applied.body.status).toBe('pending');
    expect(applied.body.autoCheck).toMatchObject({ creditCodeValid: true, nameUnique: true, regionConsistent: true });
    const sz = await t.login('sz_unit');
    await t.http().get('/api/unit-permission/applications').set(auth(sz)).expect(403);
    const pending = await t.http().get('/api/unit-permission/applications?status=pending').set(auth(nj)).expect(200);
    expect(pending.body.items.map((a: { id: string }) => a.id)).toContain(applied.body.id);
    const rejected = await t.http().post(`/api/unit-permission/applications/${applied.body.id}/review`).set(auth(nj))
      .send({ decision: 'reject', opinion: '营业执照扫描件不清晰', version: applied.body.version }).expect(201);
    expect(rejected.body.status).toBe('rejected');
    const mine = await t.http().get('/api/unit-permission/mine').set(auth(tok)).expect(200);
    expect(mine.body.applications[0].opinion).toBe('营业执照扫描件不清晰');
    const again = await t.http().put(`/api/unit-permission/applications/${applied.body.id}`).set(auth(tok)).send({
      unitName: '南京新申请科技股份有限公司', creditCode: cc('91320102MA1NEW001'), regionCode: '320102', nature: 'enterprise', version: rejected.body.version,
    }).expect(200);
    expect(again.body).toMatchObject({ status: 'pending', submissions: 2 });
    await t.http().post(`/api/unit-permission/applications/${applied.body.id}/review`).set(auth(nj)).send({ decision: 'approve', version: again.body.version }).expect(201);
    const after = await t.http().get('/api/unit-permission/mine').set(auth(tok)).expect(200);
    expect(after.body.permitted).toBe(true);
    expect(after.body.organisation.name).toBe('南京新申请科技股份有限公司');
  });

  it('A-28 template rules are stored by /admin and read back by the declaration side', async () => {
    const applicant = await t.login('applicant');
    const open = await t.http().get('/api/batches/open?kind=review&level=senior').set(auth(applicant)).expect(200);
    expect(open.body.length).toBe(1);
    const batch = open.body[0];
    const bad = await t.http().put(`/api/batches/${batch.id}/template`).set(auth(admin)).send({ modules: [{ key: 'education', required: true }] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.modules).toMatch(/基本信息/);
    const wrongKind = await t.http().put(`/api/batches/${batch.id}/template`).set(auth(admin))
      .send({ modules: [{ key: 'basic_info', required: true }, { key: 'probation_work', required: false }] });
    expect(wrongKind.status).toBe(400);
    await t.http().put(`/api/batches/${batch.id}/template`).set(auth(admin)).send({
      modules: [
        { key: 'papers', required: false, attachment: { required: true, maxBytes: 10 * 1024 * 1024 } },
        { key: 'basic_info', required: true },
        { key: 'work_summary', required: true, attachment: { required: false, maxBytes: 512000 } },
      ],
    }).expect(200);
    const tpl = await t.http().get(`/api/batches/${batch.id}/template`).set(auth(applicant)).expect(200);
    expect(tpl.body.modules).toEqual([
      { key: 'basic_info', name: '个人基本信息', kind: 'form', required: true, attachment: { required: false, maxBytes: 500 * 1024 } },
      { key: 'papers', name: '论文论著', kind: 'table', required: false, attachment: { required: true, maxBytes: 10 * 1024 * 1024 } },
      { key: 'work_summary', name: '任现职以来工作总结', kind: 'text', required: true, attachment: { required: false, maxBytes: 512000 } },
    ]);
    const match = await t.http().get('/api/committees/match?regionCode=320102&titleLevel=senior&professionCode=GC01').set(auth(applicant)).expect(200);
    expect(match.body.map((c: { name: string }) => c.name)).toEqual(['江苏省工程技术研究系列高级职称评审委员会']);
    const none = await t.http().get('/api/committees/match?regionCode=110101&titleLevel=senior&professionCode=GC01').set(auth(applicant)).expect(200);
    expect(none.body).toEqual([]);
  });

  it('A-06/A-07 creates, lists and deregisters committees with a reason', async () => {
    const [founder] = await t.ds.query(`SELECT id FROM organisations WHERE name = '南京市工业和信息化局'`);
    const created = await t.http().post('/api/committees').set(auth(nj)).send({
      name: '南京市电子信息中级职称评审委员会', regionCode: '320100', level: 'city', committeeClass: 'middle', issuingDelegated: true,
      feeStandard: '每人 300 元', founderIds: [founder.id], professions: [{ professionCode: 'GC01', titleLevel: 'intermediate', seriesCode: 'GC' }],
    }).expect(201);
    expect(created.body).toMatchObject({ committeeClass: 'middle', level: 'city', issuingDelegated: true, founders: [{ name: '南京市工业和信息化局' }] });
    const list = await t.http().get('/api/committees?committeeClass=middle').set(auth(nj)).expect(200);
    expect(list.body.items.some((c: { id: string }) => c.id === created.body.id)).toBe(true);
    expect(list.body.items.every((c: { committeeClass: string }) => c.committeeClass === 'middle')).toBe(true);
    const provincial = await t.http().get('/api/committees').set(auth(nj)).expect(200);
    expect(provincial.body.items.every((c: { regionCode: string }) => c.regionCode.startsWith('3201'))).toBe(true);
    const dereg = await t.http().post(`/api/committees/${created.body.id}/deregister`).set(auth(nj)).send({ reason: '职能调整' }).expect(201);
    expect(dereg.body).toMatchObject({ status: 'deregistered', deregisterReason: '职能调整' });
  });
});

import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { creditCodeCheckChar } from '@zhicheng/contracts';
import { ErrorCode } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

async function xlsx(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('expert pool, committee operators and committee import (issue 3)', () => {
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

  it('A-06 the contact person becomes the committee operator account, who can log in and list its batches', async () => {
    const created = await t.http().post('/api/committees').set(auth(nj)).send({
      name: '南京市建筑工程中级职称评审委员会', regionCode: '320100', level: 'city', committeeClass: 'middle', issuingDelegated: false,
      founderIds: [], professions: [{ professionCode: 'GC01', titleLevel: 'intermediate', seriesCode: 'GC' }],
      contact: { realName: '赵联系', mobile: '13900001111', username: 'nj_jz_committee', password: 'Committee@2026' },
    }).expect(201);
    expect(created.body.contact).toMatchObject({ username: 'nj_jz_committee', realName: '赵联系' });
    const [u] = await t.ds.query('SELECT role, organisation_id FROM users WHERE username = $1', ['nj_jz_committee']);
    expect(u).toEqual({ role: 'committee_operator', organisation_id: created.body.id });
    // the contact's account was made by an administrator: it sets its own password first (issue 13)
    const first = await t.login('nj_jz_committee', 'Committee@2026');
    expect((await t.http().get('/api/batches').set(auth(first))).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http().post('/api/me/password').set(auth(first)).send({ oldPassword: 'Committee@2026', newPassword: 'Own#Committee26' }).expect(200);
    const op = await t.login('nj_jz_committee', 'Own#Committee26');
    const batches = await t.http().get('/api/batches').set(auth(op)).expect(200);
    expect(batches.body.total).toBe(0);
    // changing the contact to another user of another organisation is refused
    const [other] = await t.ds.query(`SELECT id FROM users WHERE username = 'committee_demo'`);
    const bad = await t.http().put(`/api/committees/${created.body.id}`).set(auth(nj)).send({
      name: created.body.name, regionCode: '320100', level: 'city', committeeClass: 'middle', issuingDelegated: false, founderIds: [], professions: [], contactUserId: other.id, version: created.body.version,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.contactUserId).toMatch(/经办人/);
    const dupUser = await t.http().post('/api/committees').set(auth(nj)).send({
      name: '重复账号评委会', regionCode: '320100', level: 'city', committeeClass: 'middle', issuingDelegated: false, founderIds: [], professions: [],
      contact: { realName: '钱', mobile: '13900002222', username: 'nj_jz_committee', password: 'Committee@2026' },
    });
    expect(dupUser.status).toBe(409);
    expect(dupUser.body.fields['contact.username']).toBe('该用户名已被使用');
  });

  it('X-01 imports committees: a bad row is reported and the good rows committed with founders and professions', async () => {
    const [founder] = await t.ds.query(`SELECT credit_code FROM organisations WHERE credit_code IS NOT NULL AND region_code LIKE '32%' LIMIT 1`);
    const headers = ['评委会名称', '行政区划代码', '级别', '类别', '发证权限下放', '组建单位信用代码', '职称系列代码', '评审专业及级别', '收费标准'];
    const file = await xlsx(headers, [
      ['江苏省导入高评会', '320000', '省级', '高评会', '是', founder.credit_code, 'GC', 'GC01:副高级、正高级；GC02:正高级', '每人 500 元'],
      ['坏行评委会', '320000', '省级', '大评会', '否', '', 'GC', 'NOPE:中级', ''],
    ]);
    const up = await t.http().post('/api/imports/committees').set(auth(admin)).attach('file', file, 'c.xlsx').expect(201);
    expect(up.body).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(up.body.failures[0].rowNo).toBe(3);
    expect(up.body.failures[0].error).toMatch(/类别应为/);
    expect(up.body.failures[0].error).toMatch(/专业代码 NOPE 不存在/);
    await t.http().post(`/api/imports/jobs/${up.body.jobId}/commit`).set(auth(admin)).expect(201);
    const list = await t.http().get('/api/committees?keyword=导入高评会').set(auth(admin)).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ committeeClass: 'senior', issuingDelegated: true, feeStandard: '每人 500 元' });
    expect(list.body.items[0].founders).toHaveLength(1);
    expect(list.body.items[0].professions).toHaveLength(3);
  });

  it('expert pool: an office creates an expert with a new account, conflicts masked; a committee sees only its own experts', async () => {
    const [unit] = await t.ds.query(`SELECT id, name FROM organisations WHERE type = 'unit' AND region_code LIKE '3201%' LIMIT 1`);
    const created = await t.http().post('/api/experts').set(auth(nj)).send({
      account: { username: 'expert_nj_new', realName: '孙专家', mobile: '13700001234', password: 'Expert@2026' },
      professionCodes: ['GC01', 'GC02'], titleLevel: 'senior', titleName: '正高级工程师', organisationId: unit.id, regionCode: '320102',
      conflicts: [{ organisationId: unit.id, reason: '本单位' }, { name: '孙某', idCard: '11010519491231002X', reason: '亲属' }],
    }).expect(201);
    expect(created.body).toMatchObject({ realName: '孙专家', status: 'active', organisationName: unit.name });
    expect(created.body.professionCodes.sort()).toEqual(['GC01', 'GC02']);
    expect(created.body.conflicts[0]).toMatchObject({ organisationId: unit.id, name: unit.name });
    expect(created.body.conflicts[1].idCardMasked).toMatch(/^\d{3}\*+/);
    expect(JSON.stringify(created.body)).not.toContain('11010519491231002X');
    const [u] = await t.ds.query(`SELECT role FROM users WHERE username = 'expert_nj_new'`);
    expect(u.role).toBe('expert');

    const mine = await t.http().get('/api/experts?professionCode=GC02').set(auth(nj)).expect(200);
    expect(mine.body.items.map((e: { username: string }) => e.username)).toContain('expert_nj_new');
    const committee = await t.login('committee_demo');
    const theirs = await t.http().get('/api/experts').set(auth(committee)).expect(200);
    // the three demo experts of the committee's pool (issue 7 seeds expert_demo2 and expert_demo3)
    expect(theirs.body.items.map((e: { username: string }) => e.username).sort()).toEqual(['expert_demo', 'expert_demo2', 'expert_demo3']);
    await t.http().get(`/api/experts/${created.body.id}`).set(auth(committee)).expect(404);
    const applicant = await t.login('applicant');
    await t.http().get('/api/experts').set(auth(applicant)).expect(403);

    const updated = await t.http().put(`/api/experts/${created.body.id}`).set(auth(nj)).send({
      userId: created.body.userId, professionCodes: ['GC01'], titleLevel: 'vice_senior', titleName: '高级工程师', regionCode: '320102', conflicts: [], version: created.body.version,
    }).expect(200);
    expect(updated.body).toMatchObject({ titleLevel: 'vice_senior', professionCodes: ['GC01'], conflicts: [] });
    const stale = await t.http().put(`/api/experts/${created.body.id}`).set(auth(nj)).send({
      userId: created.body.userId, professionCodes: ['GC01'], titleLevel: 'vice_senior', titleName: 'x', regionCode: '320102', version: created.body.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe(ErrorCode.StaleVersion);
    const off = await t.http().post(`/api/experts/${created.body.id}/deactivate`).set(auth(nj)).send({ version: updated.body.version }).expect(201);
    expect(off.body.status).toBe('retired');
    const exp = await t.http().get('/api/experts/export?status=retired').set(auth(nj)).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(exp) as never);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('孙专家');
  });

  it('expert pool refuses bad input with field messages', async () => {
    const noProf = await t.http().post('/api/experts').set(auth(nj)).send({ userId: '00000000-0000-4000-8000-000000000000', professionCodes: [], titleLevel: 'senior', titleName: 'x', regionCode: '320102' });
    expect(noProf.status).toBe(400);
    expect(noProf.body.fields.professionCodes).toBeDefined();
    const [applicant] = await t.ds.query(`SELECT id FROM users WHERE username = 'applicant'`);
    const wrongRole = await t.http().post('/api/experts').set(auth(nj)).send({ userId: applicant.id, professionCodes: ['GC01'], titleLevel: 'senior', titleName: 'x', regionCode: '320102' });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.fields.userId).toMatch(/评审专家/);
    const outOfScope = await t.http().post('/api/experts').set(auth(nj)).send({ userId: applicant.id, professionCodes: ['GC01'], titleLevel: 'senior', titleName: 'x', regionCode: '320500' });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.fields.regionCode).toMatch(/管理范围/);
  });

  it('U-02/A-20 the reviewing office reads the attachments; another region and foreign file ids are refused', async () => {
    const res = await t.http().post('/api/auth/register-unit').send({
      unitName: '南京附件测试有限公司', creditCode: '91320102MA1ATT001' + creditCodeCheckChar('91320102MA1ATT001'), regionCode: '320102', nature: 'enterprise',
      contactName: '孙经办', contactMobile: '13511114444', email: 'unit_att@example.com', username: 'unit_att', password: 'Unit#2026x', ...(await t.captcha()),
    });
    expect(res.status).toBe(201);
    const unit = await t.login('unit_att', 'Unit#2026x');
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const pdf = Buffer.from(await doc.save());
    const file = await t.http().post('/api/files').set(auth(unit)).field('purpose', 'unit-permission').field('sizeClass', 'large').attach('file', pdf, { filename: '营业执照.pdf', contentType: 'application/pdf' }).expect(201);
    const applicant = await t.login('applicant');
    const foreign = await t.http().post('/api/files').set(auth(applicant)).field('purpose', 'declaration').attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' }).expect(201);
    const bad = await t.http().post('/api/unit-permission/applications').set(auth(unit)).send({ attachments: [foreign.body.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.attachments).toMatch(/附件/);
    await t.http().post('/api/unit-permission/applications').set(auth(unit)).send({ attachments: [file.body.id] }).expect(201);
    await t.http().get(`/api/files/${file.body.id}`).set(auth(nj)).expect(200);
    await t.http().get(`/api/files/${file.body.id}/content`).set(auth(admin)).expect(200);
    const sz = await t.login('sz_unit');
    await t.http().get(`/api/files/${file.body.id}`).set(auth(sz)).expect(404);
  });

  it('X-01 exports the batch list and the unit permission review list of the current query', async () => {
    const read = async (path: string, tok: string) => {
      const res = await t.http().get(path).set(auth(tok)).buffer(true).parse(binary).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bodyBuffer(res) as never);
      const rows: string[][] = [];
      wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const batches = await read('/api/batches/export', admin);
    expect(batches[0]).toEqual(expect.arrayContaining(['批次名称', '申报类型', '状态']));
    const listed = await t.http().get('/api/batches?pageSize=100').set(auth(admin)).expect(200);
    expect(batches.length - 1).toBe(listed.body.total);
    const apps = await read('/api/unit-permission/applications/export?status=pending', admin);
    expect(apps[0]).toContain('单位名称');
    expect(apps.slice(1).map((r) => r[0])).toContain('南京附件测试有限公司');
    const unit = await t.login('unit_att', 'Unit#2026x');
    await t.http().get('/api/unit-permission/applications/export').set(auth(unit)).expect(403);
  });
});

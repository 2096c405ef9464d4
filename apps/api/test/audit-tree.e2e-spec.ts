import ExcelJS from 'exceljs';
import { DeclarationKind, TitleLevel } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { DEMO_BROKEN_CASE, DEMO_CHAIN_CASES, DEMO_PROFESSION, DEMO_SERIES } from '../src/database/seeds/audit-tree.seed.js';
import { PathResolverService } from '../src/modules/audit-tree/path-resolver.service.js';

/** The chains of seed 000 §3.3.3.2, copied verbatim (in the seed's order). */
const SEED_CHAINS: string[] = [
  // 1. 省直单位人员职称评审申报
  '评审申报 ---> 单位审核、公示 ---> 行政主管部门审核 ---> 评委会审核 ---> 职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 职称管理部门发证',
  '评审申报 ---> 单位审核、公示 ---> 行政主管部门审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省职称管理部门备案--->评委会发证',
  // 2.1 省评 县/区级上报
  '评审申报 ---> 县区单位审核、公示 ---> 县区行政主管部门审核 ---> 县区行业主管部门审核 ---> 县区职称办审核 ---> 市行政主管部门审核 ---> 市行业主管部门审核 ---> 市职称办审核 ---> 评委会审核 ---> 省职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省职称管理部门发证',
  '评审申报 ---> 县区单位审核、公示 ---> 县区行政主管部门审核 ---> 县区行业主管部门审核 ---> 县区职称办审核 ---> 市行政主管部门审核 ---> 市行业主管部门审核 ---> 市职称办审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示  ---> 省职称管理部门备案---> 评委会发证',
  // 2.2 省评 市级上报
  '评审申报 ---> 市单位审核、公示 ---> 市行政主管部门审核 ---> 市行业主管部门审核 ---> 市职称办审核 ---> 评委会审核 ---> 省职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省职称管理部门发证',
  '评审申报 ---> 市单位审核、公示 ---> 市行政主管部门审核 ---> 市行业主管部门审核 ---> 市职称办审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示---> 省职称管理部门备案---> 评委会发证',
  // 3.1 市评 县/区级上报
  '评审申报 ---> 县区单位审核、公示 ---> 县区行政主管部门审核 ---> 县区行业主管部门审核 ---> 县区职称办审核 ---> 市行政主管部门审核 ---> 评委会审核 ---> 省/市职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省/市职称管理部门发证',
  '评审申报 ---> 县区单位审核、公示 ---> 县区行政主管部门审核 ---> 县区行业主管部门审核 ---> 县区职称办审核 ---> 市行政主管部门审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示  ---> 省/市职称管理部门备案---> 评委会发证',
  // 3.2 市评 市级上报
  '评审申报 ---> 市单位审核、公示 ---> 市行政主管部门审核 ---> 评委会审核 ---> 省/市职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省/市职称管理部门发证',
  '评审申报 ---> 市单位审核、公示 ---> 市行政主管部门审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示  ---> 省/市职称管理部门备案---> 评委会发证',
  // 4. 县区评审
  '评审申报 ---> 县单位审核、公示 ---> 县行政主管部门审核 ---> 评委会审核 ---> 省/县职称管理部门审核 ---> 评前公示 ---> 专家评审 ---> 评后公示 ---> 省/县职称管理部门发证',
  '评审申报 ---> 县单位审核、公示 ---> 县行政主管部门审核 ---> 评委会审核 ---> 评前公示 ---> 专家评审 ---> 评后公示---> 省/市职称管理部门备案 ---> 评委会发证',
];
const split = (chain: string) => chain.split('--->').map((s) => s.trim());

describe('audit tree (U-07, U-08, U-09, A-04, A-23, C-10, C-11)', () => {
  let t: TestContext;
  let admin: string;
  const orgId = async (name: string): Promise<string> => (await t.ds.query('SELECT id FROM organisations WHERE name = $1', [name]))[0].id;

  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the chains of seed 000 §3.3.3.2', () => {
    DEMO_CHAIN_CASES.forEach((c, i) => {
      it(`A-23 resolves chain ${c.section}, ${c.delegated ? '发证权限下放' : '发证权限未下放'}, stage by stage`, async () => {
        const res = await t
          .http()
          .post('/api/audit-tree/simulate')
          .set('Authorization', `Bearer ${admin}`)
          .send({ unitOrgId: await orgId(c.unit), committeeOrgId: await orgId(c.committee), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: c.titleLevel, professionCode: DEMO_PROFESSION });
        expect(res.status).toBe(201);
        expect(res.body.broken).toBeNull();
        expect(['评审申报', ...res.body.stages.map((s: { label: string }) => s.label)]).toEqual(split(SEED_CHAINS[i]));
      });
    });

    it('resolve() is deterministic and returns the same snapshot twice', async () => {
      const resolver = t.app.get(PathResolverService);
      const c = DEMO_CHAIN_CASES[2];
      const input = { unitOrgId: await orgId(c.unit), committeeOrgId: await orgId(c.committee), kind: DeclarationKind.Review, seriesCode: DEMO_SERIES, titleLevel: c.titleLevel, professionCode: DEMO_PROFESSION };
      const a = await resolver.resolve(input);
      const b = await resolver.resolve(input);
      expect(a.stages).toEqual(b.stages);
      expect(a.stages[0]).toMatchObject({ seq: 1, kind: 'unit_audit', orgName: c.unit });
    });
  });

  it('A-23 names the node where the path breaks', async () => {
    const unit = await orgId(DEMO_BROKEN_CASE.unit);
    const committee = await orgId(DEMO_CHAIN_CASES[0].committee);
    const res = await t
      .http()
      .post('/api/audit-tree/simulate')
      .set('Authorization', `Bearer ${admin}`)
      .send({ unitOrgId: unit, committeeOrgId: committee, kind: 'review', seriesCode: DEMO_SERIES, titleLevel: DEMO_BROKEN_CASE.titleLevel, professionCode: DEMO_PROFESSION });
    expect(res.status).toBe(201);
    expect(res.body.ok).toBe(false);
    expect(res.body.broken).toMatchObject({ nodeOrgId: await orgId(DEMO_BROKEN_CASE.breaksAt), nodeName: DEMO_BROKEN_CASE.breaksAt });
    expect(res.body.broken.reason).toMatch(/没有评审·GC·副高级的上级审核机构，且不是终审机构/);
    expect(res.body.nodes.map((n: { name: string; isFinalAuthority: boolean }) => [n.name, n.isFinalAuthority])).toEqual([
      [DEMO_BROKEN_CASE.unit, false],
      [DEMO_BROKEN_CASE.breaksAt, false],
    ]);
    // resolve() at submission refuses with the same node
    const resolver = t.app.get(PathResolverService);
    await expect(
      resolver.resolve({ unitOrgId: unit, committeeOrgId: committee, kind: DeclarationKind.Review, seriesCode: DEMO_SERIES, titleLevel: TitleLevel.ViceSenior, professionCode: DEMO_PROFESSION }),
    ).rejects.toMatchObject({ broken: { nodeName: DEMO_BROKEN_CASE.breaksAt } });
  });

  it('A-23 flags a committee that cannot review the profession', async () => {
    const c = DEMO_CHAIN_CASES[0];
    const res = await t
      .http()
      .post('/api/audit-tree/simulate')
      .set('Authorization', `Bearer ${admin}`)
      .send({ unitOrgId: await orgId(c.unit), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: c.titleLevel, professionCode: '9999' });
    expect(res.body.broken).toMatchObject({ nodeName: c.committee });
    expect(res.body.broken.reason).toMatch(/不能评审该专业/);
    const last = res.body.nodes[res.body.nodes.length - 1];
    expect(last).toMatchObject({ name: c.committee, isFinalAuthority: true, canReviewProfession: false });
  });

  it('A-23 lists an organisation\'s uppers and lowers with their scope', async () => {
    const res = await t.http().get(`/api/audit-tree/orgs/${await orgId('南京市工业和信息化局')}/links`).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.uppers).toEqual(expect.arrayContaining([expect.objectContaining({ upperOrgName: '南京市工程技术行业协会', kind: 'review', titleLevel: 'vice_senior', status: 'approved' })]));
    expect(res.body.lowers.map((e: { lowerOrgName: string }) => e.lowerOrgName)).toEqual(expect.arrayContaining(['玄武区职称办', '南京市电子信息研究所']));
  });

  it('U-07/U-09 a path application approved by the upper makes the path usable; a second upper is refused', async () => {
    const unit = await t.login('unit_demo');
    const dept = await t.login('xw_dept');
    const upper = await orgId('玄武区工业和信息化局');
    const applied = await t.http().post('/api/audit-tree/applications').set('Authorization', `Bearer ${unit}`).send({ upperOrgId: upper, kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'pending', lowerOrgName: '南京示范科技有限公司', upperOrgName: '玄武区工业和信息化局' });
    const waiting = await t.http().get('/api/audit-tree/applications/to-review').set('Authorization', `Bearer ${dept}`);
    expect(waiting.body.items.map((e: { id: string }) => e.id)).toContain(applied.body.id);
    const ok = await t.http().post(`/api/audit-tree/applications/${applied.body.id}/approve`).set('Authorization', `Bearer ${dept}`);
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('approved');
    const again = await t.http().post(`/api/audit-tree/applications/${applied.body.id}/approve`).set('Authorization', `Bearer ${dept}`);
    expect(again.status).toBe(409);
    // the path now climbs one step further and breaks at the county department (no senior edge above it)
    const sim = await t.http().post('/api/audit-tree/simulate').set('Authorization', `Bearer ${admin}`)
      .send({ unitOrgId: await orgId('南京示范科技有限公司'), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior', professionCode: DEMO_PROFESSION });
    expect(sim.body.broken.nodeName).toBe('玄武区工业和信息化局');
    // the unique path: a second upper for the same scope is refused
    const second = await t.http().post('/api/audit-tree/applications').set('Authorization', `Bearer ${unit}`).send({ upperOrgId: await orgId('玄武区职称办'), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/审核路径必须唯一/);
  });

  it('U-07/U-08/C-10 pickers list uppers, committees and lowers beyond the caller\'s own organisation', async () => {
    const unit = await t.login('unit_demo');
    const uppers = await t.http().get('/api/audit-tree/upper-options').query({ keyword: '玄武区' }).set('Authorization', `Bearer ${unit}`);
    expect(uppers.status).toBe(200);
    expect(uppers.body.items.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['玄武区工业和信息化局', '玄武区职称办']));
    expect(uppers.body.items.every((o: { type: string }) => o.type !== 'unit' && o.type !== 'committee')).toBe(true);
    const committees = await t.http().get('/api/audit-tree/upper-options').query({ side: 'committee', keyword: '工程技术' }).set('Authorization', `Bearer ${unit}`);
    expect(committees.body.items.length).toBeGreaterThan(0);
    expect(committees.body.items.every((o: { type: string }) => o.type === 'committee')).toBe(true);
    const op = await t.login('committee_demo');
    const committee = await orgId('江苏省工程技术研究系列高级职称评审委员会');
    const lowers = await t.http().get(`/api/audit-tree/committees/${committee}/lower-options`).query({ keyword: '第一中学' }).set('Authorization', `Bearer ${op}`);
    expect(lowers.status).toBe(200);
    expect(lowers.body.items.map((o: { name: string }) => o.name)).toContain('南京市第一中学');
    const foreign = await t.http().get(`/api/audit-tree/committees/${await orgId('泰州市工程技术中级职称评审委员会')}/lower-options`).set('Authorization', `Bearer ${op}`);
    expect(foreign.status).toBe(403);
  });

  it('U-08/U-09 rejection carries the reason back to the applicant; another organisation cannot review', async () => {
    const unit = await t.login('tz_unit');
    const committeeOp = await t.login('committee_demo');
    const other = await t.login('nj_dept');
    const committee = await orgId('江苏省工程技术研究系列高级职称评审委员会');
    const applied = await t.http().post('/api/audit-tree/applications').set('Authorization', `Bearer ${unit}`).send({ upperOrgId: committee, kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(applied.status).toBe(201);
    const foreign = await t.http().post(`/api/audit-tree/applications/${applied.body.id}/reject`).set('Authorization', `Bearer ${other}`).send({ reason: '不属于本部门' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('OUT_OF_SCOPE');
    const noReason = await t.http().post(`/api/audit-tree/applications/${applied.body.id}/reject`).set('Authorization', `Bearer ${committeeOp}`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toHaveProperty('reason');
    const rej = await t.http().post(`/api/audit-tree/applications/${applied.body.id}/reject`).set('Authorization', `Bearer ${committeeOp}`).send({ reason: '请先经泰州市主管部门上报' });
    expect(rej.status).toBe(201);
    const mine = await t.http().get('/api/audit-tree/applications/mine').set('Authorization', `Bearer ${unit}`);
    expect(mine.body.items.find((e: { id: string }) => e.id === applied.body.id)).toMatchObject({ status: 'rejected', reason: '请先经泰州市主管部门上报' });
  });

  it('A-04 import previews row by row and commits only the valid rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审核路径');
    ws.addRow(['下级机构', '上级机构', '申报类型', '职称系列代码', '职称等级']);
    ws.addRow(['南京市教育局', '南京市职称办', '评审', DEMO_SERIES, '副高级']);
    ws.addRow(['不存在的单位', '南京市职称办', '评审', DEMO_SERIES, '副高级']);
    ws.addRow(['南京市第一中学', '南京市职称办', '评定', DEMO_SERIES, '特级']);
    ws.addRow(['南京市教育局', '南京市职称办', '评审', DEMO_SERIES, '副高级']);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = await t.http().post('/api/audit-tree/edges/import').set('Authorization', `Bearer ${admin}`).send({ fileBase64 });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ okCount: 1, failCount: 3, committed: false, created: 0 });
    expect(preview.body.rows[1]).toMatchObject({ row: 3, ok: false });
    expect(preview.body.rows[1].errors[0]).toMatch(/找不到机构“不存在的单位”/);
    expect(preview.body.rows[2].errors.join('；')).toMatch(/申报类型.*；职称等级/);
    expect(preview.body.rows[3].errors[0]).toMatch(/与前面的行重复/);
    const commit = await t.http().post('/api/audit-tree/edges/import').set('Authorization', `Bearer ${admin}`).send({ fileBase64, commit: true });
    expect(commit.body.created).toBe(1);
    const bad = await t.http().post('/api/audit-tree/edges/import').set('Authorization', `Bearer ${admin}`).send({ fileBase64: 'bm90IGFuIHhsc3g=' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/xlsx/);
  });

  it('A-04 a city office cannot configure an organisation outside its city', async () => {
    const nj = await t.login('nj_admin');
    const res = await t.http().post('/api/audit-tree/edges').set('Authorization', `Bearer ${nj}`)
      .send({ lowerOrgId: await orgId('泰州市电子信息研究所'), upperOrgId: await orgId('泰州市职称办'), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(res.status).toBe(403);
  });

  it('C-10/C-11 a committee manages its subordinates and confirms the audit levels', async () => {
    const op = await t.login('committee_demo');
    const committee = await orgId('江苏省工程技术研究系列高级职称评审委员会');
    const list = await t.http().get(`/api/audit-tree/committees/${committee}/subordinates`).set('Authorization', `Bearer ${op}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { lowerOrgName: string }) => e.lowerOrgName)).toEqual(expect.arrayContaining(['江苏省科学技术厅', '南京市职称办']));
    const added = await t.http().post(`/api/audit-tree/committees/${committee}/subordinates`).set('Authorization', `Bearer ${op}`)
      .send({ lowerOrgId: await orgId('江苏省科学技术厅'), kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(added.status).toBe(201);
    let conf = await t.http().get(`/api/audit-tree/committees/${committee}/confirmations`).set('Authorization', `Bearer ${op}`);
    expect(conf.body.find((r: { titleLevel: string }) => r.titleLevel === 'senior')).toMatchObject({ confirmed: false });
    const ok = await t.http().post(`/api/audit-tree/committees/${committee}/confirmations`).set('Authorization', `Bearer ${op}`).send({ kind: 'review', seriesCode: DEMO_SERIES, titleLevel: 'senior' });
    expect(ok.status).toBe(201);
    conf = await t.http().get(`/api/audit-tree/committees/${committee}/confirmations`).set('Authorization', `Bearer ${op}`);
    expect(conf.body.find((r: { titleLevel: string }) => r.titleLevel === 'senior')).toMatchObject({ confirmed: true });
    const removed = await t.http().delete(`/api/audit-tree/committees/${committee}/subordinates/${added.body.id}`).set('Authorization', `Bearer ${op}`);
    expect(removed.status).toBe(200);
    const foreign = await t.http().get(`/api/audit-tree/committees/${await orgId('南京市工程技术中级职称评审委员会')}/subordinates`).set('Authorization', `Bearer ${op}`);
    expect(foreign.status).toBe(403);
  });
});

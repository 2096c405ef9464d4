import ExcelJS from 'exceljs';
import type { Page, WaitingDashboard, WaitingDeclaration } from '@zhicheng/contracts';
import { DashboardSnapshotService } from '../src/modules/dashboard/dashboard-snapshot.service.js';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

/**
 * A-30 办件在哪儿: on a batch of its own (a copy of the demo batch) the test crafts six declarations — four waiting at
 * the unit for 1, 3, 4 and 10 days, two returned to their applicants (one of them twice) 2 and 6 days ago — and checks
 * the counts, medians, 90th percentiles and longest waits per node, the returns with their reasons and repeat share,
 * the daily flow, the drill-down behind each figure, the export, the refresh, and who sees what.
 */
describe('where-is-it-waiting dashboard (A-30)', () => {
  let t: TestContext;
  let batch: string;
  let unit: string;
  const decl: string[] = [];
  const tok: Record<string, string> = {};
  const auth = (u: string) => ({ authorization: `Bearer ${tok[u]}` });
  const version = async (id: string) =>
    ((await t.ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0]!.version;
  const waiting = async (u: string, q = ''): Promise<WaitingDashboard> => {
    const r = await t.http().get(`/api/dashboard/waiting?batchId=${batch}${q}`).set(auth(u));
    expect([u, r.status]).toEqual([u, 200]);
    return r.body as WaitingDashboard;
  };
  const drill = async (u: string, q: string): Promise<Page<WaitingDeclaration>> => {
    const r = await t.http().get(`/api/dashboard/waiting/declarations?batchId=${batch}${q}`).set(auth(u));
    expect([u, r.status]).toEqual([u, 200]);
    return r.body as Page<WaitingDeclaration>;
  };
  const refresh = () => t.app.get(DashboardSnapshotService).refresh({ wait: true });
  const daysAgo = (id: string, days: number) =>
    t.ds.query(`UPDATE declarations SET stage_entered_at = now() - make_interval(days => $2) WHERE id = $1`, [id, days]);

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['admin', 'nj_admin', 'unit_demo', 'committee_demo', 'acceptance_demo', 'nj_dept', 'expert_demo', 'applicant'])
      tok[u] = await t.login(u);
    const ids = await t.demo();
    unit = ids.unit;
    // a batch of the test's own: the demo batch copied, so no other declaration is counted with the crafted ones
    const copy = (await t.ds.query(
      `INSERT INTO batches
       SELECT (jsonb_populate_record(b, jsonb_build_object('id', gen_random_uuid(), 'name', b.name || '（看板测试）'))).* FROM batches b WHERE b.id = $1
       RETURNING id`,
      [ids.batch],
    )) as { id: string }[];
    batch = copy[0]!.id;
    tok.xw_dept = await t.login('xw_dept');
    for (let i = 0; i < 6; i++) {
      const a = await t.newApplicant();
      tok[`a${i}`] = a.token;
      decl.push((await t.newDeclaration(a.token)).id);
    }
    // d4: returned with a failing module, resubmitted, returned again on the opinion alone; d5: two modules failing
    const judge = async (id: string, failures: Record<string, Record<string, string>>) =>
      expect(
        (
          await t
            .http()
            .put(`/api/audit/declarations/${id}/judgement`)
            .set(auth('unit_demo'))
            .send({ version: await version(id), failures })
        ).status,
      ).toBe(200);
    const giveBack = async (id: string, opinion: string) =>
      expect(
        (
          await t
            .http()
            .post(`/api/audit/declarations/${id}/return`)
            .set(auth('unit_demo'))
            .send({ version: await version(id), opinion })
        ).status,
      ).toBe(200);
    await judge(decl[4]!, { education: { '0.diplomaNo': '学历证书编号有误' } });
    await giveBack(decl[4]!, '学历证书编号有误');
    expect(
      (
        await t
          .http()
          .post(`/api/declarations/${decl[4]}/resubmit`)
          .set(auth('a4'))
          .send({ version: await version(decl[4]!) })
      ).status,
    ).toBe(200);
    await giveBack(decl[4]!, '请补充近三年考核结果');
    await judge(decl[5]!, { education: { '0.school': '学校名称有误' }, current_title: { certificateNo: '证书编号有误' } });
    await giveBack(decl[5]!, '学历和现有职称有误');
    await t.ds.query('UPDATE declarations SET batch_id = $1 WHERE id = ANY($2::uuid[])', [batch, decl]);
    for (const [i, days] of [1, 3, 4, 10, 2, 6].entries()) await daysAgo(decl[i]!, days);
    await refresh();
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts each node with its median, 90th percentile and longest wait', async () => {
    const d = await waiting('admin');
    expect(d.total).toBe(6);
    const atUnit = d.nodes.find((n) => n.orgId === unit);
    expect(atUnit).toMatchObject({
      orgName: '南京示范科技有限公司',
      status: 'under_audit',
      count: 4,
      medianDays: 3,
      p90Days: 10,
      longestDays: 10,
    });
    const atApplicant = d.nodes.find((n) => n.orgId === null);
    expect(atApplicant).toMatchObject({
      orgName: '申报人（退回修改）',
      status: 'returned',
      count: 2,
      medianDays: 2,
      p90Days: 6,
      longestDays: 6,
    });
    // the slowest first: the applicant's median of 2 days is below the unit's 3
    expect(d.slowest.map((n) => n.orgId)).toEqual([unit, null]);
    expect(d.nodeCount).toBe(2);
    // per state over all nodes
    expect(d.byStatus.map((x) => [x.orgName, x.status, x.count, x.medianDays, x.p90Days, x.longestDays]).sort()).toEqual([
      ['全部节点', 'returned', 2, 2, 6, 6],
      ['全部节点', 'under_audit', 4, 3, 10, 10],
    ]);
    // a department's narrower scope is summed from the day histograms: the same figures
    const dept = await waiting('xw_dept');
    expect(dept.nodes).toEqual(d.nodes);
    expect(dept.byStatus).toEqual(d.byStatus);
    expect(Date.now() - new Date(d.refreshedAt).getTime()).toBeLessThan(60_000);
  });

  it('shows returns per node with the top reasons and the share returned more than once', async () => {
    const d = await waiting('admin');
    expect(d.returns).toHaveLength(1);
    expect(d.returns[0]).toMatchObject({ orgId: unit, declarations: 2, returns: 3, repeatShare: 0.5 });
    expect(d.returns[0]!.topReasons[0]).toEqual({ moduleKey: 'education', label: '学历学位信息', count: 2 });
    expect(
      d.returns[0]!.topReasons.slice(1)
        .map((r) => [r.moduleKey, r.count])
        .sort(),
    ).toEqual([
      ['current_title', 1],
      ['opinion', 1],
    ]);
  });

  it('draws the daily flow of submissions and passes, the last day today', async () => {
    const d = await waiting('admin');
    expect(d.flow).toHaveLength(30);
    const today = d.flow.at(-1)!;
    const submittedToday = (await t.ds.query(
      `SELECT count(*)::int AS n FROM declarations WHERE batch_id = $1 AND (submitted_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date`,
      [batch],
    )) as { n: number }[];
    expect(today.submitted).toBe(submittedToday[0]!.n);
    expect(today.submitted).toBeGreaterThanOrEqual(6);
    expect(today.passed).toBe(0);
  });

  it('drills down to exactly the declarations behind a figure, longest waiting first', async () => {
    const u = await drill('admin', `&orgId=${unit}&status=under_audit`);
    expect(u.total).toBe(4);
    expect(u.items.map((x) => x.id)).toEqual([decl[3], decl[2], decl[1], decl[0]]);
    expect(u.items.map((x) => x.days)).toEqual([10, 4, 3, 1]);
    expect(u.items[0]).toMatchObject({
      unitName: '南京示范科技有限公司',
      statusLabel: expect.any(String),
      orgName: '南京示范科技有限公司',
    });
    const back = await drill('admin', '&atApplicant=true');
    expect(back.items.map((x) => x.id)).toEqual([decl[5], decl[4]]);
    expect(back.items.every((x) => x.orgName === '申报人（退回修改）')).toBe(true);
    expect((await drill('admin', '&titleLevel=senior')).total).toBe(0);
    expect((await drill('admin', `&orgId=${unit}&pageSize=2&page=2`)).items.map((x) => x.id)).toEqual([decl[1], decl[0]]);
  });

  it('filters by level and series', async () => {
    expect((await waiting('admin', '&titleLevel=vice_senior&seriesCode=GC')).total).toBe(6);
    expect((await waiting('admin', '&titleLevel=senior')).total).toBe(0);
    expect((await waiting('admin', '&seriesCode=ZZ')).nodes).toEqual([]);
  });

  it('follows a move after the next refresh: a pass leaves the unit’s waiting and counts as a pass today', async () => {
    expect(
      (
        await t
          .http()
          .post(`/api/audit/declarations/${decl[0]}/pass`)
          .set(auth('unit_demo'))
          .send({ version: await version(decl[0]!) })
      ).status,
    ).toBe(200);
    // the snapshot is what it was until it is rebuilt; the drill-down is live
    expect((await waiting('admin')).nodes.find((n) => n.orgId === unit && n.status === 'under_audit')?.count).toBe(4);
    expect((await drill('admin', `&orgId=${unit}&status=under_audit`)).total).toBe(3);
    await refresh();
    const d = await waiting('admin');
    expect(d.nodes.find((n) => n.orgId === unit && n.status === 'under_audit')).toMatchObject({ count: 3, medianDays: 4, longestDays: 10 });
    expect(d.nodes.find((n) => n.orgId === unit && n.status === 'unit_passed')).toMatchObject({ count: 1, medianDays: 0, longestDays: 0 });
    expect(d.flow.at(-1)!.passed).toBe(1);
  });

  it('立即刷新 rebuilds at most once every few seconds, whoever asks', async () => {
    const first = await t.http().post('/api/dashboard/waiting/refresh').set(auth('committee_demo'));
    expect(first.status).toBe(200);
    const second = await t.http().post('/api/dashboard/waiting/refresh').set(auth('admin'));
    expect(second.body.refreshedAt).toBe(first.body.refreshedAt);
  });

  it('keeps each reader to their scope', async () => {
    // the province's and the city's title offices, the committee and the supervising department see all six
    for (const u of ['admin', 'nj_admin', 'committee_demo', 'xw_dept']) expect([u, (await waiting(u)).total]).toEqual([u, 6]);
    // another committee's acceptance institution and another department see none of them, in figures or lists
    for (const u of ['acceptance_demo', 'nj_dept']) {
      const d = await waiting(u);
      expect([u, d.total, d.returns.length]).toEqual([u, 0, 0]);
      expect([u, (await drill(u, `&orgId=${unit}`)).total]).toEqual([u, 0]);
      const batches = (await t.http().get('/api/dashboard/batches').set(auth(u))).body as { id: string }[];
      expect(batches.map((b) => b.id)).not.toContain(batch);
    }
    const mine = (await t.http().get('/api/dashboard/batches').set(auth('xw_dept'))).body as { id: string; name: string }[];
    expect(mine.find((b) => b.id === batch)?.name).toMatch(/看板测试/);
    // units, experts and applicants have no dashboard
    for (const u of ['unit_demo', 'expert_demo', 'applicant']) {
      expect([u, (await t.http().get(`/api/dashboard/waiting?batchId=${batch}`).set(auth(u))).status]).toEqual([u, 403]);
    }
    expect((await t.http().get(`/api/dashboard/waiting?batchId=${batch}`)).status).toBe(401);
  });

  it('refuses bad input in Chinese', async () => {
    const cases: [string, string][] = [
      ['/api/dashboard/waiting', '此项为必填项'],
      ['/api/dashboard/waiting?batchId=x', '请选择批次'],
      [`/api/dashboard/waiting?batchId=${batch}&titleLevel=nope`, '职称级别有误'],
      [`/api/dashboard/waiting?batchId=${batch}&seriesCode=%27%3B--`, '职称系列有误'],
      [`/api/dashboard/waiting/declarations?batchId=${batch}&orgId=1`, '节点有误'],
      [`/api/dashboard/waiting/declarations?batchId=${batch}&status=draft`, '申报状态有误'],
    ];
    for (const [url, message] of cases) {
      const r = await t.http().get(url).set(auth('admin'));
      expect([url, r.status, JSON.stringify(r.body.message)]).toEqual([url, 400, expect.stringContaining(message)]);
    }
  });

  it('exports the figures as .xlsx', async () => {
    const r = await t.http().get(`/api/dashboard/waiting/export?batchId=${batch}`).set(auth('admin')).buffer(true).parse(binary);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(r) as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toContain('停留天数中位数');
    const unitRow = rows.find((x) => x.includes('南京示范科技有限公司') && x.includes('在途') && x.includes('审核中'));
    expect(unitRow).toBeDefined();
    const returnRow = rows.find((x) => x.includes('退回'));
    expect(returnRow).toContain('50%');
  });
});

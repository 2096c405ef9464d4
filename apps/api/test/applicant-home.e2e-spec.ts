import type { ApplicantHome } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';

/**
 * U-13 the applicant's home: where the current declaration waits and since when, the usual wait at that node (the
 * median of the last closed batch of the same committee and kind, crafted here: the unit took 2, 4, 5, 9 and 12 days
 * on five declarations), and the next step; a returned declaration is with the applicant and asks them to act.
 */
describe("applicant's home (U-13)", () => {
  let t: TestContext;
  let unit: string;
  const version = async (id: string) =>
    ((await t.ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0]!.version;
  const home = async (token: string): Promise<ApplicantHome> => {
    const r = await t
      .http()
      .get('/api/dashboard/my-declaration')
      .set({ authorization: `Bearer ${token}` });
    expect(r.status).toBe(200);
    return r.body as ApplicantHome;
  };

  beforeAll(async () => {
    t = await createTestContext();
    const ids = await t.demo();
    unit = ids.unit;
    // last year's batch of the same committee: a copy of the demo batch, closed a month ago
    const [last] = (await t.ds.query(
      `INSERT INTO batches
       SELECT (jsonb_populate_record(b, jsonb_build_object('id', gen_random_uuid(), 'name', '上一批次（测试）', 'year', b.year - 1,
                 'opens_at', now() - interval '90 days', 'closes_at', now() - interval '30 days'))).*
         FROM batches b WHERE b.id = $1 RETURNING id`,
      [ids.batch],
    )) as { id: string }[];
    // five declarations of it, each submitted and then passed by the unit so many days later
    for (const days of [2, 4, 5, 9, 12]) {
      const a = await t.newApplicant();
      const d = await t.newDeclaration(a.token);
      await t.ds.query('UPDATE declarations SET batch_id = $1 WHERE id = $2', [last!.id, d.id]);
      await t.ds.query(`UPDATE declaration_events SET created_at = now() - interval '60 days' WHERE declaration_id = $1`, [d.id]);
      await t.ds.query(
        `INSERT INTO declaration_events (declaration_id, actor_org_id, action, from_status, to_status, created_at)
         VALUES ($1, $2, 'pass', 'under_audit', 'unit_passed', now() - interval '60 days' + make_interval(days => $3))`,
        [d.id, unit, days],
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows where the declaration waits, for how long, the usual wait there and the next step', async () => {
    const a = await t.newApplicant();
    expect((await home(a.token)).current).toBeNull();
    const d = await t.newDeclaration(a.token, { stage: 'draft' });
    const draft = (await home(a.token)).current!;
    expect(draft).toMatchObject({
      declarationId: d.id,
      status: 'draft',
      nodeName: '本人',
      atApplicant: true,
      actionNeeded: true,
      usualDays: null,
    });
    expect(draft.nextStep).toMatch(/提交/);

    const filled = await t.fillModules(a.token, d.id, d.version);
    expect(
      (
        await t
          .http()
          .post(`/api/declarations/${d.id}/submit`)
          .set({ authorization: `Bearer ${a.token}` })
          .send({ version: filled })
      ).status,
    ).toBe(200);
    await t.ds.query(`UPDATE declarations SET stage_entered_at = now() - interval '3 days' WHERE id = $1`, [d.id]);
    const waiting = (await home(a.token)).current!;
    expect(waiting).toMatchObject({
      status: 'under_audit',
      nodeName: '南京示范科技有限公司',
      atApplicant: false,
      waitedDays: 3,
      usualDays: 5,
      usualFrom: '上一批次（测试）',
      usualSample: 5,
      actionNeeded: false,
    });
    expect(waiting.nextStep).toBe('等待“南京示范科技有限公司”审核，您无需操作；审核结果会通过消息通知您。');
    expect(waiting.path?.find((s) => s.state === 'current')?.orgName).toBe('南京示范科技有限公司');
  });

  it('a declaration returned to the applicant asks them to correct and resubmit', async () => {
    const a = await t.newApplicant();
    const d = await t.newDeclaration(a.token);
    const unitToken = await t.login('unit_demo');
    const r = await t
      .http()
      .post(`/api/audit/declarations/${d.id}/return`)
      .set({ authorization: `Bearer ${unitToken}` })
      .send({ version: await version(d.id), opinion: '请补充业绩材料' });
    expect(r.status).toBe(200);
    const back = (await home(a.token)).current!;
    expect(back).toMatchObject({ status: 'returned', nodeName: '本人', atApplicant: true, actionNeeded: true, waitedDays: 0 });
    expect(back.nextStep).toBe('申报已退回给您：请按退回意见修改后重新提交。');
  });

  it('is the applicant’s own: back-office accounts have no such home', async () => {
    const unitToken = await t.login('unit_demo');
    expect(
      (
        await t
          .http()
          .get('/api/dashboard/my-declaration')
          .set({ authorization: `Bearer ${unitToken}` })
      ).status,
    ).toBe(403);
    expect((await t.http().get('/api/dashboard/my-declaration')).status).toBe(401);
  });
});

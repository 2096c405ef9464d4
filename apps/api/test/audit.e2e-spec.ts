import { clock } from '../src/common/clock/clock.service.js';
import { CryptoService } from '../src/common/crypto/crypto.service.js';
import { DEMO_PASSWORD, demoIdCard } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

/**
 * Issue 6: the audit workflow. The demo applicant (张三, 南京示范科技有限公司, 副高级, 省评委会) travels:
 * 0 unit_demo → 1 xw_dept → 2 xw_industry → 3 xw_admin → 4 nj_dept → 5 nj_industry → 6 nj_admin
 * → 7 committee_demo (评委会审核) → 8 admin (省职称管理部门审核 = the qualification audit).
 */
const PATH = ['unit_demo', 'xw_dept', 'xw_industry', 'xw_admin', 'nj_dept', 'nj_industry', 'nj_admin', 'committee_demo', 'admin'];

describe('audit workflow (issue 6)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const auth = (user: string) => ({ authorization: `Bearer ${tok[user]}` });
  let main: string;

  /** An applicant of the given name (a builder), answering the user id. */
  const createApplicant = async (username: string, realName: string, idFirst17: string) => (await t.newApplicant({ username, realName, idFirst17 })).userId;

  /** A copy of a submitted declaration for another (SQL-created) applicant, waiting at the given stage. */
  async function clone(src: string, applicantId: string, stage: number, over: { year?: number; status?: string } = {}): Promise<string> {
    const rows: { id: string }[] = await t.ds.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id,
          unit_org_id, supervising_dept_id, unit_nature, region_code, method, civil_servant, status, returned_to_applicant, current_stage,
          current_org_id, path_snapshot, module_data, module_failures, submitted_at, version)
       SELECT $1, batch_id, $4, kind, title_level, series_code, title_id, profession_code, committee_id, unit_org_id, supervising_dept_id,
          unit_nature, region_code, method, civil_servant, $5, false, $3, (path_snapshot->'stages'->$3::int->>'orgId')::uuid, path_snapshot,
          module_data, '{}'::jsonb, now(), 1
         FROM declarations WHERE id = $2 RETURNING id`,
      [applicantId, src, stage, over.year ?? 2026, over.status ?? 'under_audit'],
    );
    return rows[0].id;
  }

  const version = async (id: string) => ((await t.ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0].version;
  const state = async (id: string) =>
    ((await t.ds.query('SELECT status, current_stage, current_org_id, returned_to_applicant, committee_id FROM declarations WHERE id = $1', [id])) as {
      status: string; current_stage: number; current_org_id: string | null; returned_to_applicant: boolean; committee_id: string;
    }[])[0];
  const pass = async (user: string, id: string) => t.http().post(`/api/audit/declarations/${id}/pass`).set(auth(user)).send({ version: await version(id) });
  const ret = async (user: string, id: string, opinion = '材料不全，请补充') =>
    t.http().post(`/api/audit/declarations/${id}/return`).set(auth(user)).send({ version: await version(id), opinion });
  const report = async (id: string) => {
    const set = await t.http().put(`/api/audit/report-up/${id}`).set(auth('unit_demo')).send({ version: await version(id), entrusted: true, recommendationRank: 1 });
    expect(set.status).toBe(200);
    // 人社部令第40号: the unit publicity (≥ 5 working days) has run before report-up
    const pub = await t.http().post('/api/audit/publicity').set(auth('unit_demo')).send({ title: '已结束的单位公示', startsOn: '2026-01-05', endsOn: '2026-01-09', declarationIds: [id] });
    expect(pub.status).toBe(201);
    return t.http().post('/api/audit/report-up').set(auth('unit_demo')).send({ items: [{ id, version: await version(id) }] });
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['applicant', ...PATH]) tok[u] = await t.login(u);
    const q = async (sql: string, p: unknown[] = []) => ((await t.ds.query(sql, p)) as { id: string }[])[0].id;
    Object.assign(ids, await t.demo());
    ids.njOffice = await q(`SELECT id FROM organisations WHERE name = '南京市职称办'`);
    main = (await t.newDeclaration(tok.applicant)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('U-03 the unit queue shows the declaration waiting there; nobody else sees or acts on it (the auditor never acts off their node)', async () => {
    const q = await t.http().get('/api/audit/queue?status=pending').set(auth('unit_demo')).expect(200);
    expect(q.body.items.map((i: { id: string }) => i.id)).toContain(main);
    expect(q.body.items[0]).toMatchObject({ applicantName: '张三', unitName: '南京示范科技有限公司', statusLabel: '审核中', returnsThisYear: 0 });
    for (const u of ['xw_dept', 'committee_demo', 'admin']) {
      const other = await t.http().get('/api/audit/queue').set(auth(u)).expect(200);
      expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(main);
      expect((await t.http().get(`/api/audit/declarations/${main}`).set(auth(u))).status).toBe(404);
      expect((await pass(u, main)).status).toBe(404);
      expect((await ret(u, main)).status).toBe(404);
    }
    const applicantTry = await t.http().get('/api/audit/queue').set(auth('applicant'));
    expect(applicantTry.status).toBe(403);
    const bad = await t.http().get('/api/audit/queue?status=whatever').set(auth('unit_demo'));
    expect(bad.status).toBe(400);
    expect(bad.body.fields.status).toBe('审核状态应为 待审核 / 通过未上报 / 被退回');
  });

  it('U-03 the audit page shows the whole declaration, its attachments (readable) and the timeline; failed items block the pass; return reaches the applicant in red', async () => {
    const d = await t.http().get(`/api/audit/declarations/${main}`).set(auth('unit_demo')).expect(200);
    expect(d.body.data.basic_info.gender).toBe('男');
    expect(d.body.actions).toMatchObject({ pass: true, passLabel: '审核通过（待上报）', returnForSupplement: false });
    expect(d.body.blacklist).toBeNull();
    const fileId = Object.keys(d.body.files)[0];
    expect((await t.http().get(`/api/files/${fileId}`).set(auth('unit_demo'))).status).toBe(200);
    const judged = await t.http().put(`/api/audit/declarations/${main}/judgement`).set(auth('unit_demo'))
      .send({ version: d.body.version, failures: { education: { '0.diplomaNo': '学历证书编号与学信网不符' } } });
    expect(judged.status).toBe(200);
    const blocked = await pass('unit_demo', main);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toBe('还有1项审核不通过，不能审核通过，请退回修改');
    const badJudge = await t.http().put(`/api/audit/declarations/${main}/judgement`).set(auth('unit_demo')).send({ version: await version(main), failures: { nope: { x: 'y' } } });
    expect(badJudge.status).toBe(400);
    expect((await ret('unit_demo', main, '学历证书编号有误，请核对')).status).toBe(200);
    const mine = await t.http().get(`/api/declarations/${main}`).set(auth('applicant')).expect(200);
    expect(mine.body).toMatchObject({ status: 'returned', returnedToApplicant: true, editable: true, lastReturnReason: '学历证书编号有误，请核对' });
    expect(mine.body.modules.find((m: { key: string }) => m.key === 'education')).toMatchObject({ status: 'failed', failures: { '0.diplomaNo': '学历证书编号与学信网不符' } });
    const outbox: { channel: string }[] = await t.ds.query(
      `SELECT channel FROM outbox_messages WHERE user_id = (SELECT id FROM users WHERE username = 'applicant') AND subject = '职称申报退回'`,
    );
    expect(outbox.map((o) => o.channel).sort()).toEqual(['email', 'inapp', 'sms']);
    // the applicant resubmits; it comes back to the unit with the failures cleared
    const re = await t.http().post(`/api/declarations/${main}/resubmit`).set(auth('applicant')).send({ version: mine.body.version });
    expect(re.status).toBe(200);
    const q = await t.http().get('/api/audit/queue').set(auth('unit_demo')).expect(200);
    expect(q.body.items.find((i: { id: string }) => i.id === main).returnsThisYear).toBe(1);
  });

  it('U-05 the unit passes (passed, not reported); report-up needs 委托评审 and the rank, then advances along the path', async () => {
    expect((await pass('unit_demo', main)).status).toBe(200);
    const q = await t.http().get('/api/audit/queue?status=passed_not_reported').set(auth('unit_demo')).expect(200);
    expect(q.body.items.map((i: { id: string }) => i.id)).toContain(main);
    const tab = await t.http().get('/api/audit/report-up?tab=non_entrusted').set(auth('unit_demo')).expect(200);
    expect(tab.body.items.map((i: { id: string }) => i.id)).toContain(main);
    const noSettings = await t.http().post('/api/audit/report-up').set(auth('unit_demo')).send({ items: [{ id: main, version: await version(main) }] });
    expect(noSettings.status).toBe(400);
    expect(noSettings.body.message).toBe('请先为 张三 设置委托评审和推荐排名');
    expect((await report(main)).status).toBe(200);
    const reported = await t.http().get('/api/audit/report-up?tab=reported').set(auth('unit_demo')).expect(200);
    expect(reported.body.items[0]).toMatchObject({ id: main, entrusted: true, recommendationRank: 1 });
    expect((await state(main)).current_stage).toBe(1);
    const dept = await t.http().get('/api/audit/queue').set(auth('xw_dept')).expect(200);
    expect(dept.body.items.map((i: { id: string }) => i.id)).toContain(main);
  });

  it('U-06 return cascade: a return goes back one node, each node passes it further down, until the applicant; under 逐级 the resubmission restarts at the unit', async () => {
    expect((await pass('xw_dept', main)).status).toBe(200);
    expect((await ret('xw_industry', main, '业绩材料不足')).status).toBe(200);
    let s = await state(main);
    expect(s).toMatchObject({ status: 'returned', current_stage: 1, returned_to_applicant: false });
    const failed = await t.http().get('/api/audit/queue?status=failed').set(auth('xw_dept')).expect(200);
    expect(failed.body.items[0]).toMatchObject({ id: main, statusLabel: '被上级退回' });
    expect((await pass('xw_dept', main)).status).toBe(409);
    expect((await ret('xw_dept', main, '业绩材料不足')).status).toBe(200);
    s = await state(main);
    expect(s).toMatchObject({ status: 'returned', current_stage: 0, current_org_id: ids.unit });
    expect((await ret('unit_demo', main, '业绩材料不足，请补充')).status).toBe(200);
    expect((await state(main)).returned_to_applicant).toBe(true);
    const d = await t.http().get(`/api/declarations/${main}`).set(auth('applicant')).expect(200);
    // the batch says 逐级 (the default 直达退回节点 is covered in declaration-rules.e2e-spec.ts)
    const rules = (await t.http().get(`/api/batches/${ids.batch}/rules`).set(auth('admin')).expect(200)).body;
    await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send({ ...rules, batchId: undefined, resubmitMode: 'climb' }).expect(200);
    expect((await t.http().post(`/api/declarations/${main}/resubmit`).set(auth('applicant')).send({ version: d.body.version })).status).toBe(200);
    expect(await state(main)).toMatchObject({ status: 'under_audit', current_stage: 0, current_org_id: ids.unit });
    await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send({ ...rules, batchId: undefined, resubmitMode: 'direct', version: rules.version + 1 }).expect(200);
  });

  it('A-08 the path to the title office: committee check, supplementary return straight to the applicant, then qualified', async () => {
    expect((await pass('unit_demo', main)).status).toBe(200);
    expect((await report(main)).status).toBe(200);
    for (const u of PATH.slice(1, 8)) expect((await pass(u, main)).status).toBe(200);
    const d = await t.http().get(`/api/audit/declarations/${main}`).set(auth('admin')).expect(200);
    expect(d.body).toMatchObject({ stageKind: 'office_audit', isFinalAudit: true, actions: { returnForSupplement: true, passLabel: '资格审核通过' } });
    const sup = await t.http().post(`/api/audit/declarations/${main}/supplement`).set(auth('admin')).send({ version: d.body.version, opinion: '请补充继续教育证明' });
    expect(sup.status).toBe(200);
    const mine = await t.http().get(`/api/declarations/${main}`).set(auth('applicant')).expect(200);
    expect(mine.body).toMatchObject({ returnedToApplicant: true, lastReturnReason: '请补充继续教育证明' });
    expect((await t.http().post(`/api/declarations/${main}/resubmit`).set(auth('applicant')).send({ version: mine.body.version })).status).toBe(200);
    expect((await state(main)).current_stage).toBe(8);
    expect((await pass('admin', main)).status).toBe(200);
    expect((await state(main)).status).toBe('qualified');
  });

  it('A-22 rolls back the qualification (newest first, with a reason, audited) so it can be redone; A-24 traces every step', async () => {
    const list = await t.http().get('/api/audit/admin/qualified').set(auth('admin')).expect(200);
    expect(list.body.items[0].id).toBe(main);
    const noReason = await t.http().post(`/api/audit/admin/declarations/${main}/rollback`).set(auth('admin')).send({ version: await version(main) });
    expect(noReason.status).toBe(400);
    const rb = await t.http().post(`/api/audit/admin/declarations/${main}/rollback`).set(auth('admin')).send({ version: await version(main), reason: '资格条件复核有误' });
    expect(rb.status).toBe(200);
    expect(await state(main)).toMatchObject({ status: 'under_audit', current_stage: 8 });
    const logs: { action: string }[] = await t.ds.query(`SELECT action FROM audit_logs WHERE target_id = $1 AND action = 'declaration.rollback_qualification'`, [main]);
    expect(logs).toHaveLength(1);
    expect((await pass('admin', main)).status).toBe(200);
    const trace = await t.http().get(`/api/audit/admin/declarations/${main}/trace`).set(auth('admin')).expect(200);
    const actions = trace.body.timeline.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'return')).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining(['submit', 'report_up', 'return_for_supplement', 'qualify', 'rollback_qualification']));
    const ret0 = trace.body.timeline.find((e: { action: string }) => e.action === 'return');
    expect(ret0).toMatchObject({ actorName: '单位经办人', organisationName: '南京示范科技有限公司', opinion: '学历证书编号有误，请核对' });
    // the applicant's progress is the same timeline
    const mine = await t.http().get(`/api/declarations/${main}/timeline`).set(auth('applicant')).expect(200);
    expect(mine.body.map((e: { id: string }) => e.id)).toEqual(trace.body.timeline.map((e: { id: string }) => e.id));
    // the trace is a title-office screen: a unit operator has no permission for it
    expect((await t.http().get(`/api/audit/admin/declarations/${main}/trace`).set(auth('unit_demo'))).status).toBe(403);
  });

  it('A-22 rollback order: newest qualification of the batch first, a declaration in a review plan only after its expert operations; clear Chinese refusals', async () => {
    const a = await clone(main, await createApplicant('audit_rb1', '孙八', '32010219880101777'), 8, { status: 'qualified' });
    const b = await clone(main, await createApplicant('audit_rb2', '周九', '32010219880101888'), 8, { status: 'qualified' });
    // later than main's qualification, on the API's clock (the database's own clock does not matter)
    await t.ds.query(`UPDATE declarations SET qualified_at = $2 WHERE id = $1`, [a, new Date(clock.nowMs() + 60_000)]);
    await t.ds.query(`UPDATE declarations SET qualified_at = $2 WHERE id = $1`, [b, new Date(clock.nowMs() + 120_000)]);
    const rollback = async (id: string) =>
      t.http().post(`/api/audit/admin/declarations/${id}/rollback`).set(auth('admin')).send({ version: await version(id), reason: '资格条件复核有误' });
    // the list says which one can be rolled back now
    const list = await t.http().get('/api/audit/admin/qualified').set(auth('admin')).expect(200);
    const flags = Object.fromEntries(list.body.items.map((i: { id: string; rollbackable: boolean }) => [i.id, i.rollbackable]));
    expect(flags).toMatchObject({ [b]: true, [a]: false, [main]: false });
    for (const older of [main, a]) {
      const res = await rollback(older);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'ROLLBACK_ORDER' });
      expect(res.body.message).toContain('从新到旧');
      expect(res.body.message).toContain('周九');
      // Issue 14: dates as YYYY-MM-DD (it read “2026/12/1 10:00:00”).
      expect(res.body.message).toMatch(/周九（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
      expect(await state(older)).toMatchObject({ status: 'qualified' });
    }
    expect((await rollback(b)).status).toBe(200);
    // a declaration already in a review plan: its expert operations must be undone first
    await t.ds.query(`UPDATE declarations SET review_plan_id = gen_random_uuid() WHERE id = $1`, [a]);
    const inPlan = await rollback(a);
    expect(inPlan.status).toBe(409);
    expect(inPlan.body.message).toContain('请先回退评委');
    await t.ds.query(`UPDATE declarations SET review_plan_id = NULL WHERE id = $1`, [a]);
    expect((await rollback(a)).status).toBe(200);
    const logs: { n: number }[] = await t.ds.query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE target_id = ANY($1) AND action = 'declaration.rollback_qualification'`, [[a, b]]);
    expect(logs[0].n).toBe(2);
    // leave the shared batch as it was for the tests below
    await t.ds.query(`UPDATE declarations SET status = 'cancelled' WHERE id = ANY($1)`, [[a, b]]);
  });

  it('U-05 report-up is refused, naming the node, where the path for the series and level is not open', async () => {
    const who = await createApplicant('audit_p1', '李四', '32010219880101111');
    const d = await clone(main, who, 0, { status: 'unit_passed' });
    await t.ds.query(`UPDATE audit_edges SET status = 'rejected' WHERE lower_org_id = $1 AND title_level = 'vice_senior' AND kind = 'review' AND status = 'approved'`, [ids.unit]);
    const res = await report(d);
    await t.ds.query(`UPDATE audit_edges SET status = 'approved' WHERE lower_org_id = $1 AND title_level = 'vice_senior' AND kind = 'review' AND status = 'rejected'`, [ids.unit]);
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^李四的申报不能上报：审核路径在“南京示范科技有限公司”处中断/);
    expect((await state(d)).status).toBe('unit_passed');
  });

  it('concurrency: two auditors acting on the same declaration at once get one success and one conflict', async () => {
    const who = await createApplicant('audit_p2', '王五', '32010219880101222');
    const d = await clone(main, who, 1);
    const crypto = t.app.get(CryptoService);
    await t.ds.query(
      `INSERT INTO users (username, role, real_name, organisation_id, password_hash, version) VALUES ('xw_dept2', 'dept_operator', '玄武区第二经办人', $1, $2, 1)`,
      [ids.dept, await crypto.hashPassword(DEMO_PASSWORD)],
    );
    tok.xw_dept2 = await t.login('xw_dept2');
    const v = await version(d);
    const [a, b] = await Promise.all([
      t.http().post(`/api/audit/declarations/${d}/pass`).set(auth('xw_dept')).send({ version: v }),
      t.http().post(`/api/audit/declarations/${d}/return`).set(auth('xw_dept2')).send({ version: v, opinion: '同时退回' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.message).toBe('数据已在其他页面修改，请刷新后重试');
    const events: { n: number }[] = await t.ds.query(`SELECT count(*)::int AS n FROM declaration_events WHERE declaration_id = $1`, [d]);
    expect(events[0].n).toBe(1);
  });

  it('B-01 the auditor adds the applicant to the blacklist from the audit page; auditors see the warning; new submissions are refused', async () => {
    const who = await createApplicant('audit_p3', '赵六', '32010219880101333');
    const d = await clone(main, who, 0);
    const bl = await t.http().post(`/api/audit/declarations/${d}/blacklist`).set(auth('unit_demo'))
      .send({ reason: '提供虚假业绩材料', startsOn: '2026-01-01', endsOn: '2099-12-31' });
    expect(bl.status).toBe(201);
    expect(bl.body).toMatchObject({ realName: '赵六', declarationId: d, status: 'active' });
    const page = await t.http().get(`/api/audit/declarations/${d}`).set(auth('unit_demo')).expect(200);
    expect(page.body.blacklist.message).toMatch(/^该申报人已被列入职称申报黑名单.*原因：提供虚假业绩材料/);
    const q = await t.http().get('/api/audit/queue').set(auth('unit_demo')).expect(200);
    expect(q.body.items.find((i: { id: string }) => i.id === d).blacklisted).toBe(true);
    // returned to the applicant, the resubmission is refused with the blacklist message
    expect((await ret('unit_demo', d, '退回')).status).toBe(200);
    tok.audit_p3 = await t.login('audit_p3');
    const re = await t.http().post(`/api/declarations/${d}/resubmit`).set(auth('audit_p3')).send({ version: await version(d) });
    expect(re.status).toBe(403);
    expect(re.body.message).toMatch(/^您已被列入职称申报黑名单/);
  });

  it('U-04 / P-02 a unit publicises its applicants for a period; the public list masks names; U-10 lists the unit’s applicants masked', async () => {
    // `main` has been reported up by now: the unit publicises a declaration still at its node (issue 15).
    const fresh = (await t.newDeclaration((await t.newApplicant({ realName: '张四' })).token)).id;
    const res = await t.http().post('/api/audit/publicity').set(auth('unit_demo')).send({ title: '2026年度职称申报公示', startsOn: '2026-01-01', endsOn: '2099-12-31', declarationIds: [fresh] });
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(1);
    const bad = await t.http().post('/api/audit/publicity').set(auth('unit_demo')).send({ title: '公示', startsOn: '2026-02-01', endsOn: '2026-01-01', declarationIds: [main] });
    expect(bad.body.fields.endsOn).toBe('公示结束日期不能早于开始日期');
    const dept = await t.http().post('/api/audit/publicity').set(auth('xw_dept')).send({ title: '公示', startsOn: '2026-01-01', endsOn: '2099-12-31', declarationIds: [main] });
    expect(dept.status).toBe(403);
    const pub = await t.http().get('/api/public/publicity').expect(200);
    expect(pub.body.items).toContainEqual(expect.objectContaining({ name: '张*', unitName: '南京示范科技有限公司', publicityTitle: '2026年度职称申报公示', endsOn: '2099-12-31' }));
    const apps = await t.http().get('/api/audit/unit-applicants').set(auth('unit_demo')).expect(200);
    const me = apps.body.items.find((i: { id: string }) => i.id === main);
    expect(me.applicantName).toBe('张三');
    expect(me.idCard).toContain('*');
    expect(me.idCard).not.toBe(demoIdCard('32010219900307123'));
    const other = await t.http().get('/api/audit/unit-applicants').set(auth('xw_dept')).expect(200);
    expect(other.body.total).toBe(0);
  });

  it('U-04 (issue 15) the publicity form offers only declarations the unit can publicise; returned, reported and filed ones are refused in Chinese', async () => {
    const [orig] = await t.ds.query(`SELECT status, current_org_id, unit_org_id FROM declarations WHERE id = $1`, [main]);
    const set = (status: string, atUnit: boolean) =>
      t.ds.query(`UPDATE declarations SET status = $2, current_org_id = CASE WHEN $3 THEN unit_org_id ELSE $4::uuid END WHERE id = $1`, [main, status, atUnit, orig.current_org_id === orig.unit_org_id ? null : orig.current_org_id]);
    const candidates = async () => (await t.http().get('/api/audit/unit-applicants').query({ purpose: 'publicity', pageSize: 100 }).set(auth('unit_demo')).expect(200)).body.items as { id: string; status: string }[];
    const publicise = () => t.http().post('/api/audit/publicity').set(auth('unit_demo')).send({ title: '2026年度职称申报公示', startsOn: '2026-01-01', endsOn: '2099-12-31', declarationIds: [main] });
    try {
      await set('unit_passed', true);
      expect((await candidates()).map((c) => c.id)).toContain(main);
      expect((await publicise()).status).toBe(201);
      for (const [status, label] of [['returned', '已退回'], ['filed', '已备案'], ['cancelled', '已取消']] as const) {
        await set(status, status !== 'filed');
        const list = await candidates();
        expect(list.map((c) => c.id)).not.toContain(main);
        const res = await publicise();
        expect(res.status).toBe(400);
        expect(res.body.message).toBe(`只能公示本单位正在审核或审核通过待上报的申报：张三（${label}）不能公示`);
      }
      // Reported up: under audit at a higher node, no longer the unit's to publicise.
      await t.ds.query(`UPDATE declarations SET status = 'under_audit', current_org_id = (SELECT id FROM organisations WHERE id <> $2 AND type <> 'unit' LIMIT 1) WHERE id = $1`, [main, orig.unit_org_id]);
      expect((await candidates()).map((c) => c.id)).not.toContain(main);
      expect((await publicise()).body.message).toBe('只能公示本单位正在审核或审核通过待上报的申报：张三（已上报）不能公示');
      expect((await candidates()).every((c) => c.status === 'under_audit' || c.status === 'unit_passed')).toBe(true);
      expect((await t.http().get('/api/audit/unit-applicants').query({ purpose: 'all' }).set(auth('unit_demo'))).status).toBe(400);
    } finally {
      await t.ds.query(`UPDATE declarations SET status = $2, current_org_id = $3 WHERE id = $1`, [main, orig.status, orig.current_org_id]);
    }
  });

  it('X-01 the unit and the office export their declaration lists as .xlsx with the list filters, ID numbers and phones masked', async () => {
    const ExcelJS = (await import('exceljs')).default;
    tok.sz_unit ??= await t.login('sz_unit');
    const sheet = async (url: string, user: string) => {
      const res = await t.http().get(url).set(auth(user)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bodyBuffer(res) as never);
      const ws = wb.worksheets[0]!;
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const unit = await sheet('/api/audit/unit-applicants/export', 'unit_demo');
    expect(unit[0].slice(0, 3)).toEqual(['姓名', '身份证号', '手机号']);
    const zhang = unit.find((r) => r[0] === '张三')!;
    expect(zhang[1]).toContain('*');
    expect(zhang[1]).not.toBe(demoIdCard('32010219900307123'));
    const office = await sheet('/api/audit/admin/declarations/export', 'admin');
    expect(office.length).toBeGreaterThan(1);
    expect(office.some((r) => r[0] === '张三')).toBe(true);
    expect(office.slice(1).every((r) => !/\d{17}[\dX]/.test(r[1]))).toBe(true);
    // the filters apply: a year with no declarations exports the header only
    expect(await sheet('/api/audit/admin/declarations/export?year=2001', 'admin')).toHaveLength(1);
    // nobody else's: the other unit's export has no 张三; an applicant may not export
    expect((await sheet('/api/audit/unit-applicants/export', 'sz_unit')).some((r) => r[0] === '张三')).toBe(false);
    expect((await t.http().get('/api/audit/admin/declarations/export').set(auth('applicant'))).status).toBe(403);
  });

  it('本年退回 (issue 15): one cascade from the third node down to the applicant is one return at each node, and one person more in the node’s count', async () => {
    const count = async (user: string) => (await t.http().get('/api/audit/queue').set(auth(user)).expect(200)).body.returnedThisYear as number;
    const unitBefore = await count('unit_demo');
    const industryBefore = await count('xw_industry');
    const x = await t.newApplicant({ realName: '孙退回' });
    const { id } = await t.newDeclaration(x.token);
    expect((await pass('unit_demo', id)).status).toBe(200);
    expect((await report(id)).status).toBe(200);
    expect((await pass('xw_dept', id)).status).toBe(200);
    for (const u of ['xw_industry', 'xw_dept']) expect((await ret(u, id, '请补充业绩证明')).status).toBe(200);
    const row = async (user: string) => (await t.http().get('/api/audit/queue').set(auth(user)).expect(200)).body.items.find((i: { id: string }) => i.id === id);
    // at the unit after two steps of the cascade: the unit itself has not returned it yet
    expect(await row('unit_demo')).toMatchObject({ statusLabel: '被上级退回', returnsThisYear: 0 });
    expect((await ret('unit_demo', id, '请补充业绩证明')).status).toBe(200);
    const mine = await t.http().get(`/api/declarations/${id}`).set({ authorization: `Bearer ${x.token}` }).expect(200);
    expect((await t.http().post(`/api/declarations/${id}/resubmit`).set({ authorization: `Bearer ${x.token}` }).send({ version: mine.body.version })).status).toBe(200);
    // straight back to the node that started the return (the demo batch's setting): it returned this person once
    expect(await row('xw_industry')).toMatchObject({ returnsThisYear: 1 });
    expect(await count('xw_industry')).toBe(industryBefore + 1);
    expect(await count('unit_demo')).toBe(unitBefore + 1);
  });

  it('当前环节 (issue 15): 过程跟踪 follows the declaration past the qualification audit — review, results publicity, filing, certificate', async () => {
    const y = await t.newApplicant({ realName: '周环节' });
    const id = await clone(main, y.userId, 8, { status: 'qualified' });
    const listed = async () => (await t.http().get('/api/audit/admin/declarations').query({ keyword: '周环节' }).set(auth('admin')).expect(200)).body.items[0].stage as string;
    const traced = async () => (await t.http().get(`/api/audit/admin/declarations/${id}/trace`).set(auth('admin')).expect(200)).body as { stage: string; path: { label: string; state: string }[] };
    const seen: string[] = [];
    for (const status of ['qualified', 'in_review', 'reviewed', 'post_review_publicity', 'filed']) {
      await t.ds.query('UPDATE declarations SET status = $2 WHERE id = $1', [id, status]);
      const stage = await listed();
      const trace = await traced();
      expect(trace.stage).toBe(stage);
      expect(trace.path.find((s) => s.state === 'current')?.label).toBe(stage.replace(/（.*$/, ''));
      seen.push(stage.replace(/（.*$/, ''));
    }
    expect(seen).not.toContain('省职称管理部门审核');
    expect(seen).toEqual(['评前公示', '专家评审', '评后公示', '评后公示', expect.stringMatching(/发证$/)]);
  });

  it('A-25 transfer by query moves exactly the matching set (dry-run count first), re-resolving and re-snapshotting each; the trace records it', async () => {
    // a second provincial committee that can review GC01 副高级; 南京市职称办 now reports to it
    const org: { id: string }[] = await t.ds.query(
      `INSERT INTO organisations (name, type, region_code, level, permitted, version) VALUES ('江苏省工程技术第二高级职称评审委员会', 'committee', '320000', 'province', false, 1) RETURNING id`,
    );
    const c2 = org[0].id;
    await t.ds.query(`INSERT INTO committees (organisation_id, committee_class, issuing_delegated, status, version) VALUES ($1, 'senior', false, 'active', 1)`, [c2]);
    await t.ds.query(`INSERT INTO committee_professions (committee_id, profession_code, title_level, series_code) VALUES ($1, 'GC01', 'vice_senior', 'GC')`, [c2]);
    await t.ds.query(`UPDATE audit_edges SET upper_org_id = $1 WHERE lower_org_id = $2 AND title_level = 'vice_senior' AND kind = 'review' AND status = 'approved'`, [c2, ids.njOffice]);
    const a = await clone(main, await createApplicant('audit_t1', '钱一', '32010219880101444'), 3, { year: 2025 });
    const b = await clone(main, await createApplicant('audit_t2', '钱二', '32010219880101555'), 7, { year: 2025 });
    const c = await clone(main, await createApplicant('audit_t3', '钱三', '32010219880101666'), 2, { year: 2024 });
    const query = { year: 2025 };
    const dry = await t.http().post('/api/audit/admin/transfer').set(auth('admin')).send({ targetCommitteeId: c2, query, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.count).toBe(2);
    const stale = await t.http().post('/api/audit/admin/transfer').set(auth('admin')).send({ targetCommitteeId: c2, query, expectedCount: 5 });
    expect(stale.status).toBe(409);
    const go = await t.http().post('/api/audit/admin/transfer').set(auth('admin')).send({ targetCommitteeId: c2, query, expectedCount: 2 });
    expect(go.status).toBe(200);
    expect(go.body.moved).toBe(2);
    expect(await state(a)).toMatchObject({ committee_id: c2, current_stage: 3 });
    expect(await state(b)).toMatchObject({ committee_id: c2, current_stage: 7, current_org_id: c2 });
    expect((await state(c)).committee_id).toBe(ids.committee);
    expect((await state(main)).committee_id).toBe(ids.committee);
    const snap: { name: string }[] = await t.ds.query(`SELECT path_snapshot->'stages'->7->>'orgName' AS name FROM declarations WHERE id = $1`, [b]);
    expect(snap[0].name).toBe('江苏省工程技术第二高级职称评审委员会');
    const trace = await t.http().get(`/api/audit/admin/declarations/${b}/trace`).set(auth('admin')).expect(200);
    expect(trace.body.timeline.at(-1)).toMatchObject({ action: 'transfer', opinion: '由“江苏省工程技术研究系列高级职称评审委员会”转至“江苏省工程技术第二高级职称评审委员会”' });
    // a city office only sees its region; the committee operator cannot transfer
    expect((await t.http().post('/api/audit/admin/transfer').set(auth('committee_demo')).send({ targetCommitteeId: c2, ids: [c] })).status).toBe(403);
  });
});

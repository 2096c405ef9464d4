import { addDays } from '@zhicheng/contracts';
import { CalendarService } from '../src/common/calendar/calendar.service.js';
import { clock } from '../src/common/clock/clock.service.js';
import { CorrectionsService } from '../src/modules/declaration/corrections.service.js';
import { sweepOverdueReturns } from '../src/modules/declaration/overdue-returns.job.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 16: the national rules on the declaration side (人社部令第40号) — H-14 eligibility, the unit publicity minimum,
 * A-34 one-time notice of corrections with its deadline and 放弃申报, U-14 resubmission straight back with a diff.
 * Path of the demo batch: 0 unit_demo → 1 xw_dept → 2 xw_industry → … (see audit.e2e-spec.ts).
 */
describe('declaration-side national rules (H-14, A-34, U-14)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const auth = (user: string) => ({ authorization: `Bearer ${tok[user]}` });
  let seq = 0;

  /** A new applicant (a builder) signed in; answers the username. */
  async function applicant(realName: string): Promise<string> {
    seq++;
    const a = await t.newApplicant({ username: `rules_${seq}`, realName, idFirst17: `44030619770203${String(seq).padStart(3, '0')}` });
    tok[a.username] = a.token;
    ids[`${a.username}.idCard`] = a.idCard;
    return a.username;
  }

  const startBody = (over: Record<string, unknown> = {}) => ({
    batchId: ids.batch, regionCode: '320102', unitNature: 'enterprise', supervisingDeptId: ids.dept, unitOrgId: ids.unit,
    titleLevel: 'vice_senior', seriesCode: 'GC', titleId: ids.title, professionCode: 'GC01', method: '正常晋升', civilServant: false,
    committeeId: ids.committee, commitmentAccepted: true, ...over,
  });

  const file = async (user: string, text?: string) => t.upload(tok[user], { data: await t.pdf(text) });

  /** Starts, fills and submits (a builder); answers the declaration id. */
  const declare = async (user: string) => (await t.newDeclaration(tok[user])).id;

  const version = async (id: string) => ((await t.ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0].version;
  const state = async (id: string) =>
    ((await t.ds.query('SELECT status, current_stage, current_org_id, returned_to_applicant, resubmit_count FROM declarations WHERE id = $1', [id])) as {
      status: string; current_stage: number; current_org_id: string | null; returned_to_applicant: boolean; resubmit_count: number;
    }[])[0];
  /** The batch rules as a PUT body (the GET answer carries batchId too). */
  const rulesBody = ({ batchId: _b, ...r }: Record<string, unknown>, over: Record<string, unknown> = {}) => ({ ...r, ...over });
  const post = (user: string, path: string, body: unknown) => t.http().post(path).set(auth(user)).send(body as object);
  const pass = async (user: string, id: string) => post(user, `/api/audit/declarations/${id}/pass`, { version: await version(id) });
  const ret = async (user: string, id: string, opinion = '材料有误，请按退回事项修改') => post(user, `/api/audit/declarations/${id}/return`, { version: await version(id), opinion });
  const settings = async (id: string) => (await t.http().put(`/api/audit/report-up/${id}`).set(auth('unit_demo')).send({ version: await version(id), entrusted: true, recommendationRank: 1 })).status;
  const publicise = (id: string, startsOn: string, endsOn: string) => post('unit_demo', '/api/audit/publicity', { title: '单位公示', startsOn, endsOn, declarationIds: [id] });
  const reportUp = async (id: string) => post('unit_demo', '/api/audit/report-up', { items: [{ id, version: await version(id) }] });
  /** Unit audit, a publicity that has ended, report-up: the declaration waits at xw_dept (stage 1). */
  async function toDept(id: string) {
    expect((await pass('unit_demo', id)).status).toBe(200);
    expect(await settings(id)).toBe(200);
    expect((await publicise(id, '2026-01-05', '2026-01-09')).status).toBe(201);
    expect((await reportUp(id)).status).toBe(200);
    expect((await state(id)).current_stage).toBe(1);
  }

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['admin', 'unit_demo', 'xw_dept', 'nj_admin']) tok[u] = await t.login(u);
    Object.assign(ids, await t.demo());
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t.close();
  });

  describe('H-14 eligibility self-check', () => {
    it('refuses civil servants, 参公 staff and retired people with the rule’s words', async () => {
      const u = await applicant('赵公务');
      for (const personStatus of ['civil_servant', 'managed_as_civil_servant']) {
        const res = await post(u, '/api/declarations', startBody({ eligibility: { personStatus } }));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('CIVIL_SERVANT');
        expect(res.body.message).toContain('公务员和参照公务员法管理的单位工作人员不得申报参加专业技术人才职称评审');
      }
      // the old flag of the start form means the same
      expect((await post(u, '/api/declarations', startBody({ civilServant: true }))).body.code).toBe('CIVIL_SERVANT');
      const retired = await post(u, '/api/declarations', startBody({ eligibility: { personStatus: 'retired' } }));
      expect(retired.status).toBe(403);
      expect(retired.body.message).toContain('离退休人员不得申报参加职称评审');
      const check = await post(u, '/api/declarations/eligibility', { batchId: ids.batch, seriesCode: 'GC', titleLevel: 'vice_senior', answers: { personStatus: 'retired' } });
      expect(check.status).toBe(201);
      expect(check.body.result.allowedMethods).toEqual([]);
      // the hall's first step checks identity and sanctions before a series and level are chosen
      const first = await post(u, '/api/declarations/eligibility', { batchId: ids.batch, answers: { personStatus: 'civil_servant', education: '本科' } });
      expect(first.status).toBe(201);
      expect(first.body.result).toMatchObject({ years: null, allowedMethods: [], refusals: [{ code: 'CIVIL_SERVANT' }] });
      expect((await post(u, '/api/declarations/eligibility', { batchId: ids.batch, titleLevel: 'junior', answers: { personStatus: 'professional' } })).body.fields.titleLevel).toBe('请选择申报级别');
    });

    it('a sanction recorded by the unit blocks during its period (start and submission), not after it is lifted', async () => {
      const u = await applicant('钱处分');
      const s = await post('unit_demo', '/api/sanctions', { realName: '钱处分', idCard: ids[`${u}.idCard`], kind: '记过', reason: '违反工作纪律', startsOn: '2026-01-01', endsOn: '2099-06-30' });
      expect(s.status).toBe(201);
      expect(s.body.idCard).toContain('*');
      const res = await post(u, '/api/declarations', startBody({ eligibility: { personStatus: 'professional' } }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SANCTIONED');
      expect(res.body.message).toContain('记过处分（2026-01-01 至 2099-06-30）尚在处分期内');
      // another unit's operator or a city office outside the region does not see it; the province office does
      expect((await t.http().get('/api/sanctions').set(auth('admin'))).body.items.map((i: { realName: string }) => i.realName)).toContain('钱处分');
      const lifted = await post('unit_demo', `/api/sanctions/${s.body.id}/lift`, { reason: '处分已解除' });
      expect(lifted.status).toBe(201);
      expect((await post(u, '/api/declarations', startBody({ eligibility: { personStatus: 'professional' } }))).status).toBe(201);
      const log = await t.ds.query(`SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at`, [s.body.id]);
      expect(log.map((l: { action: string }) => l.action)).toEqual(['sanction.add', 'sanction.lift']);
    });

    it('qualifying years by the batch rule: 不满足，差 N 个月 leaves only 破格; the auditors see the same computation', async () => {
      const put = await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send({
        unitPublicityMinDays: 5, correctionDays: 5, maxResubmissions: null, resubmitMode: 'direct',
        qualifyingRules: [{ seriesCode: 'GC', titleLevel: 'vice_senior', countFrom: 'date', countTo: 'declaration_year_end', requirements: [{ education: '本科', basis: 'current_title', years: 5 }, { education: '硕士研究生', basis: 'current_title', years: 4 }] }],
      });
      expect(put.status).toBe(200);
      expect((await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send(rulesBody(put.body, { unitPublicityMinDays: 3 }))).body.fields.unitPublicityMinDays).toContain('不得少于5个工作日');
      const u = await applicant('孙资历');
      const answers = { personStatus: 'professional', education: '本科', graduationDate: '2018-07-01', currentTitleDate: '2022-03-15' };
      const check = await post(u, '/api/declarations/eligibility', { batchId: ids.batch, seriesCode: 'GC', titleLevel: 'vice_senior', answers });
      // 2022-03-15 → 2026-12-31: 57 whole months of the 60 required
      expect(check.body.result.years).toMatchObject({ countedMonths: 57, requiredMonths: 60, satisfied: false, text: '不满足，差 3 个月' });
      expect(check.body.result.allowedMethods).toEqual(['破格']);
      const normal = await post(u, '/api/declarations', startBody({ eligibility: answers }));
      expect(normal.status).toBe(400);
      expect(normal.body.fields.method).toContain('只能选择“破格”');
      expect((await post(u, '/api/declarations', startBody())).body.fields.eligibility).toContain('申报条件自检');
      const ok = await post(u, '/api/declarations', startBody({ eligibility: answers, method: '破格', exceptionalCondition: '业绩突出破格' }));
      expect(ok.status).toBe(201);
      expect(ok.body.eligibility.result.years.text).toBe('不满足，差 3 个月');
      // clear the rule again for the other tests
      expect((await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send(rulesBody(put.body, { qualifyingRules: [] }))).status).toBe(200);
    });
  });

  describe('unit publicity minimum', () => {
    it('refuses a publicity shorter than 5 working days and report-up until the publicity has run, naming the end date', async () => {
      const u = await applicant('李公示');
      const id = await declare(u);
      expect((await pass('unit_demo', id)).status).toBe(200);
      expect(await settings(id)).toBe(200);
      const none = await reportUp(id);
      expect(none.status).toBe(409);
      expect(none.body.message).toContain('尚未在本单位公示');
      // 2026-09-24 + 国庆: five working days end on 10-08; 09-30 is too short
      const short = await publicise(id, '2026-09-24', '2026-09-30');
      expect(short.status).toBe(400);
      expect(short.body.fields.endsOn).toBe('公示期不得少于5个工作日：自 2026-09-24 起至少公示至 2026-10-08');
      const today = clock.today();
      const period = await t.app.get(CalendarService).workingPeriod(today, 5);
      expect((await publicise(id, today, period.endsOn)).status).toBe(201);
      const early = await reportUp(id);
      expect(early.status).toBe(409);
      expect(early.body.message).toBe(`李公示的单位公示期至 ${period.endsOn} 结束（不少于5个工作日），公示期满后方可上报`);
      clock.pin(`${addDays(period.endsOn, 1)}T02:00:00Z`);
      expect((await reportUp(id)).status).toBe(200);
    });
  });

  describe('A-34 one-time notice and U-14 resubmission', () => {
    it('a return lists every failing item with a deadline; the resubmission goes straight back and its diff lists exactly the changes', async () => {
      const u = await applicant('周退回');
      const id = await declare(u);
      await toDept(id);
      const j = await t.http().put(`/api/audit/declarations/${id}/judgement`).set(auth('xw_dept')).send({
        version: await version(id),
        failures: { basic_info: { nation: '民族与身份证不符' }, current_title: { '_files.certificateFile': '证书扫描件不清晰' }, work_experience: { _: '缺少2015年以后的工作经历' } },
      });
      expect(j.status).toBe(200);
      expect((await ret('xw_dept', id)).status).toBe(200);
      expect(await state(id)).toMatchObject({ status: 'returned', current_stage: 0, returned_to_applicant: false });
      // the unit passes the return on (a cascade: no new items)
      expect((await ret('unit_demo', id, '退回申报人修改')).status).toBe(200);
      expect(await state(id)).toMatchObject({ status: 'returned', returned_to_applicant: true });
      const detail = await t.http().get(`/api/declarations/${id}`).set(auth(u)).expect(200);
      const deadline = await t.app.get(CalendarService).addWorkingDays(clock.today(), 5);
      expect(detail.body.correction).toMatchObject({ deadline, correctionDays: 5, resubmitMode: 'direct', maxResubmissions: null, resubmitCount: 0, returnedByOrgName: '玄武区工业和信息化局', opinion: '材料有误，请按退回事项修改' });
      expect(detail.body.correction.items.map((i: { moduleName: string; itemLabel: string }) => `${i.moduleName}·${i.itemLabel}`)).toEqual(['个人基本信息·民族', '现有职称资格·职称证书', '工作经历·整个模块']);
      const notice: { body: string }[] = await t.ds.query(`SELECT body FROM outbox_messages WHERE channel = 'inapp' AND subject = '职称申报补正通知（一次性告知）' AND recipient = $1`, [u]);
      expect(notice).toHaveLength(1);
      expect(notice[0].body).toContain(`请在 ${deadline}（5个工作日）前一次性补正`);
      expect(notice[0].body).toContain('现有职称资格·职称证书：证书扫描件不清晰');

      // fix: one field, one added row, one replaced file
      const data = detail.body.data;
      let v = detail.body.version as number;
      const save = async (key: string, value: unknown) => {
        const res = await t.http().put(`/api/declarations/${id}/modules/${key}`).set(auth(u)).send({ value, version: v });
        expect(res.status).toBe(200);
        v = res.body.version;
      };
      const oldCert = data.current_title._files.certificateFile as string;
      const newCert = await file(u, 'clear scan');
      await save('basic_info', { ...data.basic_info, nation: '回族' });
      await save('current_title', { ...data.current_title, _files: { certificateFile: newCert } });
      await save('work_experience', [...data.work_experience, { startDate: '2015-03-01', unit: '南京示范科技有限公司', duties: '系统架构设计' }]);
      const re = await post(u, `/api/declarations/${id}/resubmit`, { version: v });
      expect(re.status).toBe(200);
      expect(await state(id)).toMatchObject({ status: 'under_audit', current_stage: 1, current_org_id: ids.dept, resubmit_count: 1 });
      const last = re.body.timeline[re.body.timeline.length - 1];
      expect(last.actionLabel).toBe('修改后重新提交（直达退回节点）');
      expect(last.opinion).toContain('跳过已审核通过的县区单位审核、公示（南京示范科技有限公司）');

      const audit = await t.http().get(`/api/audit/declarations/${id}`).set(auth('xw_dept')).expect(200);
      const diff = audit.body.resubmission.diff;
      expect(audit.body.resubmission.route).toBe('direct');
      expect(diff.map((m: { moduleKey: string }) => m.moduleKey)).toEqual(['basic_info', 'current_title', 'work_experience']);
      expect(diff[0]).toMatchObject({ failed: true, failedPaths: ['nation'], fields: [{ field: 'nation', label: '民族', old: '汉族', new: '回族' }], files: [], addedRows: [], removedRows: [], changedRows: [] });
      expect(diff[1]).toMatchObject({ fields: [], files: [{ slot: 'certificateFile', label: '职称证书', oldFileIds: [oldCert], newFileIds: [newCert] }] });
      expect(diff[2]).toMatchObject({ fields: [], removedRows: [], changedRows: [], files: [] });
      expect(diff[2].addedRows).toEqual([{ index: 1, row: { startDate: '2015-03-01', unit: '南京示范科技有限公司', duties: '系统架构设计' } }]);
      expect(Object.keys(audit.body.resubmission.files).sort()).toEqual([oldCert, newCert].sort());
      // both files open for the returning node
      for (const f of [oldCert, newCert]) expect((await t.http().get(`/api/files/${f}/content`).set(auth('xw_dept'))).status).toBe(200);
    });

    it('changes outside the returned items make the resubmission climb again from the unit (逐级)', async () => {
      const u = await applicant('吴逐级');
      const id = await declare(u);
      await toDept(id);
      await t.http().put(`/api/audit/declarations/${id}/judgement`).set(auth('xw_dept')).send({ version: await version(id), failures: { basic_info: { nation: '民族有误' } } }).expect(200);
      await ret('xw_dept', id);
      await ret('unit_demo', id);
      const d = (await t.http().get(`/api/declarations/${id}`).set(auth(u))).body;
      const s = await t.http().put(`/api/declarations/${id}/modules/work_summary`).set(auth(u)).send({ value: { text: '另行改写的工作总结。' }, version: d.version });
      const re = await post(u, `/api/declarations/${id}/resubmit`, { version: s.body.version });
      expect(re.status).toBe(200);
      expect(await state(id)).toMatchObject({ status: 'under_audit', current_stage: 0 });
      expect(re.body.timeline[re.body.timeline.length - 1].opinion).toContain('修改了退回事项以外的内容（任现职以来工作总结）');
    });

    it('a return by the unit itself comes back to the unit, labelled 直达退回节点 (not 逐级)', async () => {
      const u = await applicant('钱单位退');
      const id = await declare(u);
      expect((await ret('unit_demo', id, '缺少单位推荐意见')).status).toBe(200);
      const d = (await t.http().get(`/api/declarations/${id}`).set(auth(u))).body;
      const re = await post(u, `/api/declarations/${id}/resubmit`, { version: d.version });
      expect(re.status).toBe(200);
      expect(await state(id)).toMatchObject({ status: 'under_audit', current_stage: 0 });
      const last = re.body.timeline[re.body.timeline.length - 1];
      expect(last.actionLabel).toBe('修改后重新提交（直达退回节点）');
      expect(last.opinion).toContain('退回的即第一个审核环节');
    });

    it('a return left unfixed past its deadline becomes 放弃申报 by the sweep, with a message; a capped batch refuses a further resubmission', async () => {
      const u = await applicant('郑逾期');
      const id = await declare(u);
      await ret('unit_demo', id, '缺少单位推荐意见');
      const notice = (await t.http().get(`/api/declarations/${id}`).set(auth(u))).body.correction;
      const corrections = t.app.get(CorrectionsService);
      // the deadline day runs to 24:00 China time: at 23:59 (15:59 UTC, a UTC date equal to China's) nothing happens…
      clock.pin(`${notice.deadline}T15:59:00Z`);
      expect(await sweepOverdueReturns(t.ds, corrections)).toBe(0);
      expect((await state(id)).status).toBe('returned');
      // …and at 00:01 the next day (16:01 UTC, still the deadline's date in UTC) the return is overdue
      clock.pin(`${notice.deadline}T16:01:00Z`);
      const late = await post(u, `/api/declarations/${id}/resubmit`, { version: await version(id) });
      expect(late.status).toBe(409);
      expect(late.body.message).toContain(`补正期限已于 ${notice.deadline} 届满`);
      expect(await sweepOverdueReturns(t.ds, corrections)).toBeGreaterThanOrEqual(1);
      expect((await state(id)).status).toBe('abandoned');
      const tl = (await t.http().get(`/api/declarations/${id}/timeline`).set(auth(u))).body;
      expect(tl[tl.length - 1]).toMatchObject({ action: 'abandon', actionLabel: '逾期未补正，视为放弃申报' });
      const msg: unknown[] = await t.ds.query(`SELECT 1 FROM outbox_messages WHERE recipient = $1 AND subject = '职称申报逾期未补正，视为放弃申报'`, [u]);
      expect(msg.length).toBe(1);
      clock.reset();

      // the cap: one resubmission only
      const rules = (await t.http().get(`/api/batches/${ids.batch}/rules`).set(auth('admin'))).body;
      await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send(rulesBody(rules, { maxResubmissions: 1 })).expect(200);
      const u2 = await applicant('王上限');
      const id2 = await declare(u2);
      await ret('unit_demo', id2);
      expect((await t.http().get(`/api/declarations/${id2}`).set(auth(u2))).body.correction).toMatchObject({ maxResubmissions: 1, resubmitCount: 0 });
      expect((await post(u2, `/api/declarations/${id2}/resubmit`, { version: await version(id2) })).status).toBe(200);
      await ret('unit_demo', id2);
      const again = await post(u2, `/api/declarations/${id2}/resubmit`, { version: await version(id2) });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('本批次每份申报最多可重新提交1次，您已重新提交1次，不能再次提交');
      await t.http().put(`/api/batches/${ids.batch}/rules`).set(auth('admin')).send(rulesBody(rules, { maxResubmissions: null, version: rules.version + 1 })).expect(200);
    });
  });

  it('the hall shows the whole path before submitting', async () => {
    const u = await applicant('冯路径');
    const start = await post(u, '/api/declarations', startBody());
    const p = await t.http().get(`/api/declarations/${start.body.id}/path-preview`).set(auth(u)).expect(200);
    expect(p.body.ok).toBe(true);
    expect(p.body.stages[0]).toMatchObject({ kind: 'unit_audit', orgName: '南京示范科技有限公司' });
    expect(p.body.stages.map((s: { label: string }) => s.label)).toContain('评前公示');
    expect(p.body.supervisingDept).toEqual({ name: '玄武区工业和信息化局', onPath: true, explanation: null });
  });
});

import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 17: the national rules (人社部令第40号) in the committee review — C-17 authority period, C-16 panel rules,
 * C-13 评前公示, the secret ballot. The seed's senior committee (江苏省工程技术研究系列高级职称评审委员会) has a filed
 * authority 2024-01-01..2030-12-31 and three `qualified` declarations review_demo1..3.
 */
describe('committee review under the national rules (C-13, C-16, C-17)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (user: string) => ({ authorization: `Bearer ${tok[user]}` });
  let committeeId: string;
  let batchId: string;
  const demo: string[] = [];

  const rules = [
    { key: 'm1', name: '业绩成果', kind: 'material', maxScore: 60, weight: 60 },
    { key: 'i1', name: '答辩表现', kind: 'interview', maxScore: 100, weight: 40 },
  ];
  const planBody = (declarationIds: string[], over: Record<string, unknown> = {}) => ({
    batchId,
    name: '国家规定评审方案',
    kind: 'normal',
    mode: 'online',
    expertRequirement: { professionCodes: ['GC01'], titleLevels: ['senior'], count: 25, reserves: 1 },
    scoringRules: rules,
    attachmentIds: [],
    declarationIds,
    chairExpertId: chairId,
    chairRole: 'director',
    ...over,
  });
  let chairId: string; // 李评委 (expert_demo), of the committee's pool
  const userOfExpert = new Map<string, string>();
  const login = async (u: string) => (tok[u] ??= await t.login(u));

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['committee_demo', 'admin']) tok[u] = await t.login(u);
    committeeId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`))[0].id;
    batchId = (await t.ds.query(`SELECT id FROM batches WHERE committee_id = $1 AND year = 2026`, [committeeId]))[0].id;
    const experts: { id: string; username: string }[] = await t.ds.query(`SELECT e.id, u.username FROM experts e JOIN users u ON u.id = e.user_id WHERE e.managed_by = $1`, [committeeId]);
    for (const e of experts) userOfExpert.set(e.id, e.username);
    chairId = experts.find((e) => e.username === 'expert_demo')!.id;
    for (const n of [1, 2, 3]) {
      demo.push((await t.ds.query(`SELECT d.id FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE u.username = $1`, [`review_demo${n}`]))[0].id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** The office edits the committee's authority period through A-06 (the committee screen's API). */
  async function setAuthority(from: string | null, until: string | null) {
    const c = (await t.http().get(`/api/committees/${committeeId}`).set(auth('admin')).expect(200)).body;
    const body = {
      name: c.name, regionCode: c.regionCode, level: c.level, committeeClass: c.committeeClass, issuingDelegated: c.issuingDelegated,
      feeStandard: c.feeStandard ?? undefined, founderIds: c.founders.map((f: { id: string }) => f.id), professions: c.professions,
      authorityFrom: from, authorityUntil: until, version: c.version,
    };
    return t.http().put(`/api/committees/${committeeId}`).set(auth('admin')).send(body);
  }

  it('C-17 the committee carries its authority period; plans and draws outside it are refused with a clear message', async () => {
    const c = (await t.http().get(`/api/committees/${committeeId}`).set(auth('admin')).expect(200)).body;
    expect(c).toMatchObject({ authorityFrom: '2024-01-01', authorityUntil: '2030-12-31' });
    // half a period, or one ending before it starts, is refused
    const half = await setAuthority('2024-01-01', null);
    expect(half.status).toBe(400);
    expect(half.body.fields.authorityUntil).toBe('请填写完整的评审权备案有效期（起止日期）');
    const backwards = await setAuthority('2025-01-01', '2024-12-31');
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields.authorityUntil).toBe('备案有效期截止日期不能早于起始日期');
    // a plan inside the period is accepted
    const inside = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[0]]));
    expect(inside.status).toBe(201);
    // the authority lapsed: creating, submitting another plan is refused
    expect((await setAuthority('2020-01-01', '2021-12-31')).status).toBe(200);
    const expired = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]]));
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('AUTHORITY_EXPIRED');
    expect(expired.body.message).toMatch(/^评委会评审权备案有效期为 2020-01-01 至 2021-12-31，\d{4}-\d{2}-\d{2} 不在有效期内，不能制定评审方案$/);
    const submit = await t.http().post(`/api/review-plans/${inside.body.id}/submit`).set(auth('committee_demo')).send({ version: inside.body.version });
    expect(submit.status).toBe(409);
    expect(submit.body.message).toContain('不能呈报评审方案');
    // never filed: refused too
    await t.ds.query(`UPDATE committees SET authority_from = NULL, authority_until = NULL WHERE organisation_id = $1`, [committeeId]);
    const unfiled = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]]));
    expect(unfiled.status).toBe(409);
    expect(unfiled.body).toMatchObject({ code: 'AUTHORITY_NOT_FILED', message: '评委会尚未登记评审权备案有效期，不能制定评审方案，请联系职称管理部门登记' });
    // the office files it again; the change is audited
    expect((await setAuthority('2024-01-01', '2030-12-31')).status).toBe(200);
    const logs: { after: { authorityUntil: string } }[] = await t.ds.query(`SELECT after FROM audit_logs WHERE action = 'committee.update' AND target_id = $1 ORDER BY created_at`, [committeeId]);
    expect(logs.at(-1)!.after.authorityUntil).toBe('2030-12-31');
    await t.http().post(`/api/review-plans/${inside.body.id}/submit`).set(auth('committee_demo')).send({ version: inside.body.version }).expect(201);
  });

  it('C-16 the panel is odd and at least the class minimum (office setting); the plan names a chair from the committee pool', async () => {
    const even = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]], { expertRequirement: { professionCodes: ['GC01'], titleLevels: ['senior'], count: 24, reserves: 1 } }));
    expect(even.status).toBe(400);
    expect(even.body.fields['expertRequirement.count']).toBe('评委人数应为单数（当前为24人）');
    const small = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]], { expertRequirement: { professionCodes: ['GC01'], titleLevels: ['senior'], count: 23, reserves: 1 } }));
    expect(small.status).toBe(400);
    expect(small.body.fields['expertRequirement.count']).toBe('高级评审委员会的评委人数不得少于25人（当前为23人）');
    // the national defaults; the province office raises the senior minimum, a city office cannot; an even minimum is refused
    const rules0 = await t.http().get('/api/review-settings/panel-rules').set(auth('committee_demo')).expect(200);
    expect(rules0.body.map((r: { committeeClass: string; minPanel: number }) => [r.committeeClass, r.minPanel])).toEqual([['senior', 25], ['middle', 11], ['primary', 5]]);
    await login('nj_admin');
    expect((await t.http().put('/api/review-settings/panel-rules').set(auth('nj_admin')).send({ items: [{ committeeClass: 'senior', minPanel: 27 }] })).status).toBe(403);
    expect((await t.http().put('/api/review-settings/panel-rules').set(auth('committee_demo')).send({ items: [{ committeeClass: 'senior', minPanel: 27 }] })).status).toBe(403);
    const evenMin = await t.http().put('/api/review-settings/panel-rules').set(auth('admin')).send({ items: [{ committeeClass: 'senior', minPanel: 26 }] });
    expect(evenMin.status).toBe(400);
    const raised = await t.http().put('/api/review-settings/panel-rules').set(auth('admin')).send({ items: [{ committeeClass: 'senior', minPanel: 27 }] }).expect(200);
    expect(raised.body[0]).toMatchObject({ committeeClass: 'senior', minPanel: 27, isDefault: false });
    const below = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]]));
    expect(below.body.fields['expertRequirement.count']).toBe('高级评审委员会的评委人数不得少于27人（当前为25人）');
    await t.http().put('/api/review-settings/panel-rules').set(auth('admin')).send({ items: [{ committeeClass: 'senior', minPanel: 25 }] }).expect(200);
    expect((await t.ds.query(`SELECT 1 FROM audit_logs WHERE action = 'panel_rules.update'`)).length).toBe(2);
    // the chair: required, with a role, and from the committee's own pool
    const noChair = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]], { chairExpertId: undefined }));
    expect(noChair.status).toBe(400);
    expect(noChair.body.fields.chairExpertId).toBe('请指定主持评审会议的主任委员或副主任委员');
    const stranger = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1]], { chairExpertId: '00000000-0000-4000-8000-000000000000' }));
    expect(stranger.body.fields.chairExpertId).toBe('主持人须为本评委会专家库中的在库专家');
  });

  let planId: string;
  let panel: string[];
  it('C-16 the chair sits in seat 0 without being drawn; only the chair opens the meeting, and only with two thirds of the panel present', async () => {
    const created = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[1], demo[2]]));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ chairExpertId: chairId, chairRole: 'director', chairName: '李评委' });
    planId = created.body.id;
    let p = (await t.http().post(`/api/review-plans/${planId}/submit`).set(auth('committee_demo')).send({ version: created.body.version }).expect(201)).body;
    p = (await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version, result: 'approve' }).expect(201)).body;
    p = (await t.http().post(`/api/review-plans/${planId}/draw`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    expect(p.draw.candidates).not.toContain(chairId);
    expect(p.draw.panel).toHaveLength(24);
    expect(p.draw.chair).toBe(chairId);
    panel = p.experts.filter((e: { role: string }) => e.role === 'panel').map((e: { expertId: string }) => e.expertId);
    expect(panel).toHaveLength(25);
    expect(panel[0]).toBe(chairId);
    expect((await t.http().get(`/api/review-plans/${planId}/draw/verify`).set(auth('admin')).expect(200)).body.matches).toBe(true);
    // the chair's seat is not replaced by a reserve
    expect((await t.http().post(`/api/review-plans/${planId}/experts/${chairId}/decline`).set(auth('committee_demo')).send({ version: p.version, reason: '临时有事' })).status).toBe(409);
    const chair = await login('expert_demo');
    expect(chair).toBeTruthy();
    const other = await login(userOfExpert.get(panel[1])!);
    expect(other).toBeTruthy();
    const open = (as: string, ids: string[]) => t.http().post(`/api/expert/plans/${planId}/meeting/open`).set(auth(as)).send({ presentExpertIds: ids });
    // a vote before the meeting opens is refused
    const early = await t.http().put(`/api/expert/plans/${planId}/participants/${demo[1]}/vote`).set(auth('expert_demo')).send({ vote: 'agree' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('MEETING_NOT_OPEN');
    expect((await open(userOfExpert.get(panel[1])!, panel.slice(0, 17))).status).toBe(403);
    const short = await open('expert_demo', panel.slice(0, 16));
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ code: 'NO_QUORUM', message: '出席评委16人，不足评委总数25人的三分之二，会议无效，不能形成评审结果' });
    expect((await open('expert_demo', panel.slice(1, 18))).body.fields.presentExpertIds).toBe('主持人须出席评审会议');
    // the committee operator cannot close a chaired meeting
    const byCommittee = await t.http().post(`/api/review-plans/${planId}/close`).set(auth('committee_demo')).send({ version: p.version, presentExpertIds: panel });
    expect(byCommittee.body.code).toBe('CHAIR_ONLY');
    const opened = await open('expert_demo', panel.slice(0, 17));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ isChair: true, present: panel.slice(0, 17) });
    expect((await open('expert_demo', panel.slice(0, 17))).body.code).toBe('MEETING_OPEN');
  });

  it('C-16 secret ballot: only experts present vote, once per participant, never after the close; the chair closes', async () => {
    const vote = (u: string, d: string, v: string) => t.http().put(`/api/expert/plans/${planId}/participants/${d}/vote`).set(auth(u)).send({ vote: v });
    const absent = userOfExpert.get(panel[20])!;
    await login(absent);
    const proxy = await vote(absent, demo[1], 'agree');
    expect(proxy.status).toBe(403);
    expect(proxy.body.message).toBe('您未登记出席本次评审会议，不能投票（不得委托投票）');
    // 17 present: demo[1] gets 12 agree (12×3 ≥ 17×2 → passes), demo[2] gets 11 (fails)
    for (const [i, e] of panel.slice(0, 17).entries()) {
      const u = userOfExpert.get(e)!;
      await login(u);
      expect((await vote(u, demo[1], i < 12 ? 'agree' : 'disagree')).status).toBe(200);
      expect((await vote(u, demo[2], i < 11 ? 'agree' : 'abstain')).status).toBe(200);
    }
    const again = await vote('expert_demo', demo[1], 'disagree');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_VOTED', message: '您已对该参评人员投票，每位评委只能投票一次' });
    expect((await t.http().post(`/api/expert/plans/${planId}/meeting/close`).set(auth(userOfExpert.get(panel[1])!))).status).toBe(403);
    const closed = await t.http().post(`/api/expert/plans/${planId}/meeting/close`).set(auth('expert_demo'));
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('closed');
    const p = (await t.http().get(`/api/review-plans/${planId}`).set(auth('committee_demo')).expect(200)).body;
    const result = (d: string) => p.participants.find((x: { declarationId: string }) => x.declarationId === d).result;
    expect(result(demo[1])).toMatchObject({ present: 17, agree: 12, disagree: 5, abstain: 0, passed: true });
    expect(result(demo[2])).toMatchObject({ present: 17, agree: 11, disagree: 0, abstain: 6, passed: false });
    const late = await vote(userOfExpert.get(panel[16])!, demo[1], 'agree');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MEETING_CLOSED');
  });
});

import { maskIdCard, Role } from '@zhicheng/contracts';
import { CryptoService } from '../src/common/crypto/crypto.service.js';
import { DEMO_PASSWORD, demoIdCard } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';
import { binary, bodyBuffer } from './support/binary.js';

/**
 * Issue 7: committee review. The seed gives three `qualified` declarations of the 2026 batch (review_demo1..3,
 * 南京示范科技有限公司) and three experts (expert_demo, expert_demo2, expert_demo3, 苏州工业示范研究院) in the
 * provincial senior committee's pool. This file adds experts that avoidance must leave out, a fourth eligible
 * expert (so there is a reserve), and a second (offline) plan.
 */
describe('committee review (C-02..C-07, E-01..E-05, A-09..A-11, A-21, A-22, P-02)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (user: string) => ({ authorization: `Bearer ${tok[user]}` });
  let batchId: string;
  let committeeId: string;
  let unitId: string;
  let otherUnitId: string;
  const demo: string[] = []; // review_demo1..3 declaration ids
  let extraDecl: string; // a fourth qualified declaration (苏州工业示范研究院) for the offline plan
  let planId: string;
  let offlineId: string;
  let planFile: string;
  const userOfExpert = new Map<string, string>(); // expert id -> username

  const rules = [
    { key: 'm1', name: '业绩成果', kind: 'material', maxScore: 40, weight: 40 },
    { key: 'm2', name: '论文著作', kind: 'material', maxScore: 20, weight: 20 },
    { key: 'i1', name: '答辩表现', kind: 'interview', maxScore: 100, weight: 40 },
  ];
  const planBody = (declarationIds: string[], over: Record<string, unknown> = {}) => ({
    batchId,
    name: '2026年度工程技术高级职称评审方案',
    kind: 'normal',
    mode: 'online',
    description: '按专业分组评审',
    expertRequirement: { professionCodes: ['GC01'], titleLevels: ['senior'], count: 3, reserves: 1 },
    scoringRules: rules,
    attachmentIds: [],
    declarationIds,
    ...over,
  });
  const plan = async (id: string, as = 'committee_demo') => (await t.http().get(`/api/review-plans/${id}`).set(auth(as)).expect(200)).body;

  async function createUser(username: string, role: Role, realName: string, orgId: string | null, id17?: string, mobile?: string): Promise<string> {
    const crypto = t.app.get(CryptoService);
    const idCard = id17 ? demoIdCard(id17) : null;
    const rows: { id: string }[] = await t.ds.query(
      `INSERT INTO users (username, role, organisation_id, real_name, id_card_enc, id_card_hash, mobile_enc, mobile_hash, password_hash, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) RETURNING id`,
      [username, role, orgId, realName, idCard ? crypto.encrypt(idCard) : null, idCard ? crypto.blindIndex(idCard) : null, mobile ? crypto.encrypt(mobile) : null, mobile ? crypto.blindIndex(mobile) : null, await crypto.hashPassword(DEMO_PASSWORD)],
    );
    return rows[0].id;
  }

  async function createExpert(username: string, orgId: string | null, conflicts: unknown[] = [], self?: { realName: string; mobile: string }): Promise<string> {
    const userId = await createUser(username, Role.Expert, self?.realName ?? `专家${username}`, orgId, undefined, self?.mobile);
    const [e]: { id: string }[] = await t.ds.query(
      `INSERT INTO experts (user_id, organisation_id, managed_by, region_code, title_level, title_name, status, conflicts, version)
       VALUES ($1, $2, $3, '320100', 'senior', '正高级工程师', 'active', $4::jsonb, 1) RETURNING id`,
      [userId, orgId, committeeId, JSON.stringify(conflicts)],
    );
    await t.ds.query(`INSERT INTO expert_professions (expert_id, profession_code) VALUES ($1, 'GC01')`, [e.id]);
    userOfExpert.set(e.id, username);
    return e.id;
  }

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['committee_demo', 'admin', 'nj_admin', 'expert_demo', 'expert_demo2', 'expert_demo3']) tok[u] = await t.login(u);
    committeeId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`))[0].id;
    unitId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`))[0].id;
    otherUnitId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '苏州工业示范研究院'`))[0].id;
    batchId = (await t.ds.query(`SELECT id FROM batches WHERE committee_id = $1 AND year = 2026`, [committeeId]))[0].id;
    for (const n of [1, 2, 3]) {
      demo.push((await t.ds.query(`SELECT d.id FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE u.username = $1`, [`review_demo${n}`]))[0].id);
    }
    const seeded: { id: string; username: string }[] = await t.ds.query(`SELECT e.id, u.username FROM experts e JOIN users u ON u.id = e.user_id WHERE u.username LIKE 'expert_demo%'`);
    for (const e of seeded) userOfExpert.set(e.id, e.username);
    // a fourth qualified declaration from 苏州工业示范研究院 (the demo experts' unit)
    const applicant = await createUser('review_t4', Role.Applicant, '郑四', null, '32050219800101004');
    const [title] = await t.ds.query(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
    extraDecl = (
      await t.ds.query(
        `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_org_id, unit_nature, region_code, method, status, version)
         VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, $5, 'institution', '320500', 'unit', 'qualified', 1) RETURNING id`,
        [applicant, batchId, title.id, committeeId, otherUnitId],
      )
    )[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('C-01 the committee re-checks qualification with item-level judgement and returns, through the audit module', async () => {
    tok.applicant = await t.login('applicant');
    const { id } = await t.newDeclaration(tok.applicant, { start: { batchId, unitOrgId: unitId, committeeId } });
    // the lower nodes are covered by audit.e2e-spec.ts: put it at the committee's stage (7, 评委会审核)
    await t.ds.query(`UPDATE declarations SET current_stage = 7, current_org_id = (path_snapshot->'stages'->7->>'orgId')::uuid WHERE id = $1`, [id]);
    const version = async () => ((await t.ds.query('SELECT version FROM declarations WHERE id = $1', [id])) as { version: number }[])[0].version;
    const queue = await t.http().get('/api/audit/queue?status=pending').set(auth('committee_demo')).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const d = await t.http().get(`/api/audit/declarations/${id}`).set(auth('committee_demo')).expect(200);
    expect(d.body).toMatchObject({ stageKind: 'committee_check', actions: { judge: true, pass: true, return: true } });
    await t.http().put(`/api/audit/declarations/${id}/judgement`).set(auth('committee_demo')).send({ version: await version(), failures: { current_title: { certificateNo: '证书编号与原件不符' } } }).expect(200);
    expect((await t.http().post(`/api/audit/declarations/${id}/pass`).set(auth('committee_demo')).send({ version: await version() })).status).toBe(409);
    await t.http().post(`/api/audit/declarations/${id}/return`).set(auth('committee_demo')).send({ version: await version(), opinion: '现职称证书编号有误' }).expect(200);
    const back: { status: string; current_stage: number }[] = await t.ds.query('SELECT status, current_stage FROM declarations WHERE id = $1', [id]);
    expect(back[0]).toMatchObject({ status: 'returned', current_stage: 6 });
    // the return walks down node by node (audit.e2e-spec.ts covers the way back up and the committee's pass to the office audit)
    const mine = await t.http().get(`/api/declarations/${id}`).set(auth('applicant')).expect(200);
    expect(mine.body.timeline.at(-1)).toMatchObject({ action: 'return', opinion: '现职称证书编号有误' });
  });

  it('C-02 validates the plan: weights sum to 100, participants qualified in this batch and in no other plan', async () => {
    const badWeight = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody(demo, { scoringRules: [{ ...rules[0], weight: 50 }] }));
    expect(badWeight.status).toBe(400);
    expect(badWeight.body.fields.scoringRules).toContain('100');
    const unknown = await t.http().post('/api/review-plans').set(auth('committee_demo')).send({ ...planBody(demo), extra: 1 });
    expect(unknown.status).toBe(400);
    const notQualified = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([...demo, '00000000-0000-4000-8000-000000000000']));
    expect(notQualified.status).toBe(400);
    expect(notQualified.body.fields.declarationIds).toBeDefined();
    // only a committee operator of the batch's committee
    expect((await t.http().post('/api/review-plans').set(auth('expert_demo')).send(planBody(demo))).status).toBe(403);
    const cands = await t.http().get(`/api/review-plans/candidates?batchId=${batchId}`).set(auth('committee_demo')).expect(200);
    expect(cands.body.items.map((x: { declarationId: string }) => x.declarationId)).toEqual(expect.arrayContaining([...demo, extraDecl]));
  });

  it('C-02, A-09, A-10, A-21: submit, the office rejects with an opinion, resubmit, approve → participants in review; the query is scoped', async () => {
    const created = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody(demo));
    expect(created.status).toBe(201);
    planId = created.body.id;
    expect(created.body.participants).toHaveLength(3);
    // a declaration can be in one plan only
    const twice = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([demo[0]]));
    expect(twice.status).toBe(400);
    let p = await plan(planId);
    expect((await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version, result: 'approve' })).status).toBe(409);
    p = (await t.http().post(`/api/review-plans/${planId}/submit`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    expect(p.status).toBe('submitted');
    // the province office sees it, Nanjing's city office does not (outside its region)
    const q = await t.http().get('/api/review-plans?status=submitted&keyword=高级职称评审方案').set(auth('admin')).expect(200);
    expect(q.body.items.map((x: { id: string }) => x.id)).toContain(planId);
    expect(q.body.items[0]).toMatchObject({ committeeName: '江苏省工程技术研究系列高级职称评审委员会', participantCount: 3 });
    expect((await t.http().get('/api/review-plans').set(auth('nj_admin')).expect(200)).body.total).toBe(0);
    const xlsx = await t.http().get('/api/review-plans/export?status=submitted').set(auth('admin')).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bodyBuffer(xlsx) as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('方案名称');
    expect(sheet.getRow(2).getCell(1).value).toBe('2026年度工程技术高级职称评审方案');
    expect(sheet.getRow(2).getCell(7).value).toBe('待审核');
    expect((await t.http().get(`/api/review-plans/${planId}`).set(auth('nj_admin'))).status).toBe(404);
    // the committee cannot audit its own plan; a reject needs an opinion
    expect((await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('committee_demo')).send({ version: p.version, result: 'approve' })).status).toBe(403);
    expect((await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version, result: 'reject' })).status).toBe(400);
    p = (await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version, result: 'reject', opinion: '请补充评分细则' }).expect(201)).body;
    expect(p).toMatchObject({ status: 'rejected', auditOpinion: '请补充评分细则' });
    const upload = async (purpose: string) => (await t.http().post('/api/files').set(auth('committee_demo')).field('purpose', purpose).field('sizeClass', 'ordinary')
      .attach('file', await t.pdf(), { filename: '评分细则.pdf', contentType: 'application/pdf' })).body.id as string;
    const wrongPurpose = await upload('other');
    expect((await t.http().put(`/api/review-plans/${planId}`).set(auth('committee_demo')).send({ ...planBody(demo), attachmentIds: [wrongPurpose], version: p.version })).status).toBe(400);
    planFile = await upload('plan');
    p = (await t.http().put(`/api/review-plans/${planId}`).set(auth('committee_demo')).send({ ...planBody(demo), attachmentIds: [planFile], description: '已补充评分细则', version: p.version }).expect(200)).body;
    expect(p.attachments).toEqual([{ fileId: planFile, name: '评分细则.pdf' }]);
    p = (await t.http().post(`/api/review-plans/${planId}/submit`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    const stale = await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version - 1, result: 'approve' });
    expect(stale.status).toBe(409);
    p = (await t.http().post(`/api/review-plans/${planId}/audit`).set(auth('admin')).send({ version: p.version, result: 'approve', opinion: '同意' }).expect(201)).body;
    expect(p.status).toBe('approved');
    // a submitted plan's attachment cannot be deleted; the office in scope reads it
    expect((await t.http().delete(`/api/files/${planFile}`).set(auth('committee_demo'))).status).toBe(409);
    await t.http().get(`/api/files/${planFile}`).set(auth('admin')).expect(200);
    expect((await t.http().get(`/api/files/${planFile}`).set(auth('nj_admin'))).status).toBe(404);
    const states: { status: string }[] = await t.ds.query(`SELECT status FROM declarations WHERE id = ANY($1)`, [demo]);
    expect(states.every((s) => s.status === 'in_review')).toBe(true);
    const logs = await t.ds.query(`SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at`, [planId]);
    expect(logs.map((l: { action: string }) => l.action)).toEqual(['review_plan.create', 'review_plan.submit', 'review_plan.audit', 'review_plan.update', 'review_plan.submit', 'review_plan.audit']);
  });

  it('C-03 avoidance leaves out same-unit experts, declared conflicts and an expert who is a participant; the draw is reproducible; a decline takes the next reserve', async () => {
    const sameUnit = await createExpert('x_same_unit', unitId);
    const conflict = await createExpert('x_conflict', null, [{ organisationId: unitId, name: '南京示范科技有限公司', reason: '曾任职' }]);
    // 孙评审 (review_demo1, mobile 13600000001) also holds an expert account
    const participant = await createExpert('x_participant', null, [], { realName: '孙评审', mobile: '13600000001' });
    const crypto = t.app.get(CryptoService);
    const zhouId = crypto.decrypt((await t.ds.query(`SELECT u.id_card_enc FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE d.id = $1`, [demo[1]]))[0].id_card_enc);
    const personConflict = await createExpert('x_person', null, [{ name: '周评审', idCardMasked: maskIdCard(zhouId), reason: '近亲属' }]);
    const fourth = await createExpert('x_fourth', null);
    let p = await plan(planId);
    p = (await t.http().post(`/api/review-plans/${planId}/draw`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    expect(p.status).toBe('drawn');
    const avoided = new Map(p.draw.avoided.map((a: { expertId: string; reason: string }) => [a.expertId, a.reason]));
    expect(avoided.get(sameUnit)).toBe('与参评人员同单位');
    expect(avoided.get(conflict)).toBe('申报回避：南京示范科技有限公司');
    expect(avoided.get(participant)).toBe('本人为参评人员');
    expect(avoided.get(personConflict)).toBe('申报回避：周评审');
    expect(p.draw.candidates).toHaveLength(4);
    expect(p.draw.candidates).toContain(fourth);
    expect([...p.draw.candidates].sort()).toEqual(p.draw.candidates);
    expect(p.draw.panel).toHaveLength(3);
    expect(p.draw.reserves).toHaveLength(1);
    expect(p.draw.seed).toMatch(/^[0-9a-f]{64}$/);
    // 复核抽取: re-running from the recorded seed and candidates gives the recorded panel
    const v = await t.http().get(`/api/review-plans/${planId}/draw/verify`).set(auth('admin')).expect(200);
    expect(v.body.matches).toBe(true);
    expect(v.body.rerun).toEqual({ panel: p.draw.panel, reserves: p.draw.reserves });
    // a panel expert declines (in their workspace): the reserve takes the seat, recorded
    for (const [, u] of userOfExpert) if (!tok[u]) tok[u] = await t.login(u);
    const out = p.draw.panel[0];
    const reserve = p.draw.reserves[0];
    expect((await t.http().post(`/api/review-plans/${planId}/experts/${out}/decline`).set(auth('committee_demo')).send({ version: p.version })).status).toBe(400);
    expect((await t.http().post(`/api/expert/plans/${planId}/decline`).set(auth(userOfExpert.get(reserve)!)).send({ reason: '出差无法参加' })).status).toBe(404); // a reserve has no seat yet
    await t.http().post(`/api/expert/plans/${planId}/decline`).set(auth(userOfExpert.get(out)!)).send({ reason: '出差无法参加' }).expect(201);
    p = await plan(planId);
    const roles = new Map(p.experts.map((e: { expertId: string; role: string }) => [e.expertId, e.role]));
    expect(roles.get(out)).toBe('declined');
    expect(roles.get(reserve)).toBe('panel');
    expect(p.experts.find((e: { expertId: string }) => e.expertId === out)).toMatchObject({ replacedBy: reserve, declineReason: '出差无法参加' });
    // no reserves left: the committee cannot replace another one
    const other = p.draw.panel[1];
    const none = await t.http().post(`/api/review-plans/${planId}/experts/${other}/decline`).set(auth('committee_demo')).send({ version: p.version, reason: '临时有事' });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('备选评委已用完');
    // C-08: the committee's expert records show each drawn expert's participation in this plan, seat by seat
    const records = await t.http().get('/api/expert-records?pageSize=50').set(auth('committee_demo')).expect(200);
    expect(records.body.participationAvailable).toBe(true);
    const count = new Map(records.body.items.map((e: { id: string; participationCount: number }) => [e.id, e.participationCount]));
    for (const id of [...p.draw.panel, ...p.draw.reserves]) expect(count.get(id)).toBe(1);
    const outRecord = await t.http().get(`/api/expert-records/${out}`).set(auth('committee_demo')).expect(200);
    expect(outRecord.body.participations).toEqual([expect.objectContaining({ planId, role: 'panel', status: '已回避/无法参加' })]);
    const reserveRecord = await t.http().get(`/api/expert-records/${reserve}`).set(auth('committee_demo')).expect(200);
    expect(reserveRecord.body.participations).toEqual([expect.objectContaining({ planId, status: '评审专家' })]);
  });

  const panelUsers = async () => (await plan(planId)).experts.filter((e: { role: string }) => e.role === 'panel').map((e: { expertId: string }) => userOfExpert.get(e.expertId)!) as string[];

  it('C-04 sends the interview notice with time and place through the outbox', async () => {
    const p = await plan(planId);
    const past = await t.http().post(`/api/review-plans/${planId}/interview`).set(auth('committee_demo')).send({ version: p.version, interviewAt: '2020-01-01T09:00:00+08:00', place: '省人社厅三楼会议室' });
    expect(past.status).toBe(400);
    const at = new Date(Date.now() + 3 * 86400_000).toISOString();
    await t.http().post(`/api/review-plans/${planId}/interview`).set(auth('committee_demo')).send({ version: p.version, interviewAt: at, place: '省人社厅三楼会议室' }).expect(201);
    const msgs: { body: string; channel: string }[] = await t.ds.query(`SELECT body, channel FROM outbox_messages WHERE subject = '职称评审面试通知' AND recipient = 'review_demo1'`);
    expect(msgs).toHaveLength(1);
    expect(msgs[0].body).toContain('省人社厅三楼会议室');
    const sms: unknown[] = await t.ds.query(`SELECT 1 FROM outbox_messages WHERE subject = '职称评审面试通知' AND channel = 'sms'`);
    expect(sms).toHaveLength(3);
  });

  it('E-01..E-05 an expert sees only plans they sit on; scores are validated against each maximum', async () => {
    const [e1] = await panelUsers();
    // U-13: the expert's workbench lists the plan with what is left to score and to vote
    const left = async () => {
      const w = await t.http().get('/api/workbench').set(auth(e1)).expect(200);
      return (w.body.expertPlans as { id: string; participantCount: number; leftToScore: number; leftToVote: number; link: string }[]).find((p) => p.id === planId);
    };
    expect(await left()).toMatchObject({ participantCount: 3, leftToScore: 3, leftToVote: 3, link: `/office/expert-review/${planId}` });
    const mine = await t.http().get('/api/expert/plans').set(auth(e1)).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([planId]);
    const detail = await t.http().get(`/api/expert/plans/${planId}`).set(auth(e1)).expect(200);
    expect(detail.body.participants).toHaveLength(3);
    const one = await t.http().get(`/api/expert/plans/${planId}/participants/${demo[0]}`).set(auth(e1)).expect(200);
    expect(one.body.moduleData.work_summary.text).toContain('孙评审');
    // another plan's participant, or a plan they are not on: 404; a non-expert: 403
    expect((await t.http().get(`/api/expert/plans/${planId}/participants/${extraDecl}`).set(auth(e1))).status).toBe(404);
    const declined = (await plan(planId)).experts.find((e: { role: string }) => e.role === 'declined');
    const declinedUser = userOfExpert.get(declined.expertId)!;
    expect((await t.http().get(`/api/expert/plans/${planId}`).set(auth(declinedUser))).status).toBe(404);
    expect((await t.http().get(`/api/expert/plans/${planId}/participants/${demo[0]}`).set(auth(declinedUser))).status).toBe(404);
    expect((await t.http().get(`/api/expert/plans/${planId}`).set(auth('committee_demo'))).status).toBe(403);
    // E-01: the plan's attachment and the participants' material files are served to panel experts only
    await t.http().get(`/api/files/${planFile}`).set(auth(e1)).expect(200);
    expect((await t.http().get(`/api/files/${planFile}`).set(auth(declinedUser))).status).toBe(404);
    // score bounds
    const url = `/api/expert/plans/${planId}/participants/${demo[0]}/scores`;
    const over = await t.http().put(url).set(auth(e1)).send({ kind: 'material', scores: { m1: 41, m2: 10 } });
    expect(over.status).toBe(400);
    expect(over.body.fields['scores.m1']).toBe('“业绩成果”的得分应在0到40分之间');
    expect((await t.http().put(url).set(auth(e1)).send({ kind: 'material', scores: { m1: -1, m2: 10 } })).status).toBe(400);
    expect((await t.http().put(url).set(auth(e1)).send({ kind: 'material', scores: { m1: 10 } })).body.fields['scores.m2']).toBeDefined();
    expect((await t.http().put(url).set(auth(e1)).send({ kind: 'material', scores: { m1: 10, m2: 10, i1: 5 } })).status).toBe(400);
    await t.http().put(url).set(auth(e1)).send({ kind: 'material', scores: { m1: 40, m2: 0 } }).expect(200);
    await t.http().put(url).set(auth(e1)).send({ kind: 'interview', scores: { i1: 100 } }).expect(200);
    expect((await t.http().put(`/api/expert/plans/${planId}/participants/${demo[0]}/vote`).set(auth(e1)).send({ vote: 'maybe' })).status).toBe(400);
    expect(await left()).toMatchObject({ leftToScore: 2, leftToVote: 3 });
  });

  it('A-22 rolls back an expert\'s work newest first, with a reason, audited; out of order is refused', async () => {
    const [, e2] = await panelUsers();
    const base = `/api/expert/plans/${planId}/participants/${demo[2]}`;
    await t.http().put(`${base}/material-review`).set(auth(e2)).send({ passed: true }).expect(200);
    await t.http().put(`${base}/scores`).set(auth(e2)).send({ kind: 'material', scores: { m1: 30, m2: 15 } }).expect(200);
    await t.http().put(`${base}/vote`).set(auth(e2)).send({ vote: 'agree' }).expect(200);
    await t.http().put(`${base}/opinion`).set(auth(e2)).send({ text: '业绩突出，同意通过' }).expect(200);
    const list = await t.http().get(`/api/review-plans/${planId}/expert-actions`).set(auth('admin')).expect(200);
    const acts = list.body.items.filter((a: { declarationId: string; rolledBackAt: string | null }) => a.declarationId === demo[2]);
    expect(acts.map((a: { kind: string }) => a.kind)).toEqual(['opinion', 'vote', 'material_score', 'material_review']);
    const expertId = acts[0].expertId;
    const rb = (actionId: string, reason = '专家误操作') => t.http().post(`/api/review-plans/${planId}/expert-actions/rollback`).set(auth('admin')).send({ expertId, declarationId: demo[2], actionId, reason });
    const early = await rb(acts[3].id);
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('请按从新到旧的顺序回退：须先回退该评委较新的“评审意见”');
    expect((await t.http().post(`/api/review-plans/${planId}/expert-actions/rollback`).set(auth('admin')).send({ expertId, declarationId: demo[2], actionId: acts[0].id })).status).toBe(400);
    expect((await t.http().post(`/api/review-plans/${planId}/expert-actions/rollback`).set(auth('committee_demo')).send({ expertId, declarationId: demo[2], actionId: acts[0].id, reason: 'x回退' })).status).toBe(403);
    for (const a of acts) expect((await rb(a.id)).status).toBe(201);
    expect((await rb(acts[0].id)).status).toBe(404);
    const logs: unknown[] = await t.ds.query(`SELECT 1 FROM audit_logs WHERE action = 'expert_action.rollback'`);
    expect(logs).toHaveLength(4);
    const mine = await t.http().get(`${base}`).set(auth(e2)).expect(200);
    expect(mine.body.mine).toEqual({});
  });

  it('E-04/C-05 quorum and the two-thirds threshold: exactly two thirds passes, one vote fewer fails; votes change until the meeting closes', async () => {
    const [e1, e2, e3] = await panelUsers();
    const vote = (u: string, d: string, v: string) => t.http().put(`/api/expert/plans/${planId}/participants/${d}/vote`).set(auth(u)).send({ vote: v });
    // participant 0: 2 agree of 3 present → passes (2*3 >= 3*2)
    expect((await vote(e1, demo[0], 'disagree')).status).toBe(200);
    expect((await vote(e1, demo[0], 'agree')).status).toBe(200); // changed
    expect((await vote(e2, demo[0], 'agree')).status).toBe(200);
    expect((await vote(e3, demo[0], 'disagree')).status).toBe(200);
    // participant 1: 1 agree, 1 abstain, 1 disagree → fails
    await vote(e1, demo[1], 'agree');
    await vote(e2, demo[1], 'abstain');
    await vote(e3, demo[1], 'disagree');
    // participant 2: 3 agree
    for (const u of [e1, e2, e3]) await vote(u, demo[2], 'agree');
    await t.http().put(`/api/expert/plans/${planId}/participants/${demo[0]}/opinion`).set(auth(e2)).send({ text: '材料完整，同意' }).expect(200);
    const p = await plan(planId);
    const ids = p.experts.filter((e: { role: string }) => e.role === 'panel').map((e: { expertId: string }) => e.expertId);
    const declined = p.experts.find((e: { role: string }) => e.role === 'declined').expertId;
    // one of three present: below two thirds → refused
    const noQuorum = await t.http().post(`/api/review-plans/${planId}/close`).set(auth('committee_demo')).send({ version: p.version, presentExpertIds: [ids[0]] });
    expect(noQuorum.status).toBe(409);
    expect(noQuorum.body.code).toBe('NO_QUORUM');
    expect((await t.http().post(`/api/review-plans/${planId}/close`).set(auth('committee_demo')).send({ version: p.version, presentExpertIds: [ids[0], declined] })).status).toBe(400);
    const closed = (await t.http().post(`/api/review-plans/${planId}/close`).set(auth('committee_demo')).send({ version: p.version, presentExpertIds: ids }).expect(201)).body;
    expect(closed.status).toBe('closed');
    const result = (d: string) => closed.participants.find((x: { declarationId: string }) => x.declarationId === d).result;
    expect(result(demo[0])).toMatchObject({ present: 3, agree: 2, disagree: 1, abstain: 0, passed: true });
    // only e1 scored: m1 40/40×40 + m2 0/20×20 + i1 100/100×40 = 80
    expect(result(demo[0]).averageScore).toBe(80);
    expect(result(demo[1])).toMatchObject({ present: 3, agree: 1, abstain: 1, disagree: 1, passed: false });
    expect(result(demo[2])).toMatchObject({ agree: 3, passed: true });
    // after closing, nothing changes any more
    expect((await vote(e1, demo[1], 'agree')).status).toBe(409);
    const states: { id: string; status: string; review_passed: boolean }[] = await t.ds.query(`SELECT id, status, review_passed FROM declarations WHERE id = ANY($1)`, [demo]);
    expect(states.find((s) => s.id === demo[1])).toMatchObject({ status: 'reviewed', review_passed: false });
    expect(states.find((s) => s.id === demo[0])).toMatchObject({ status: 'reviewed', review_passed: true });
  });

  it('C-05 offline mode: no draw; entered results must meet quorum and the two-thirds rule (2 of 2 passes, 1 of 2 cannot pass); experts do not see the plan', async () => {
    // An offline plan (C-05 offline mode) enters results directly; they are checked against the same rule.
    const created = await t.http().post('/api/review-plans').set(auth('committee_demo')).send(planBody([extraDecl], { name: '2026年度线下评审方案', mode: 'offline', kind: 'special' }));
    expect(created.status).toBe(201);
    offlineId = created.body.id;
    let p = (await t.http().post(`/api/review-plans/${offlineId}/submit`).set(auth('committee_demo')).send({ version: created.body.version }).expect(201)).body;
    p = (await t.http().post(`/api/review-plans/${offlineId}/audit`).set(auth('admin')).send({ version: p.version, result: 'approve' }).expect(201)).body;
    expect((await t.http().post(`/api/review-plans/${offlineId}/draw`).set(auth('committee_demo')).send({ version: p.version })).status).toBe(409);
    // an expert on the other plan cannot see this one
    expect((await t.http().get(`/api/expert/plans/${offlineId}`).set(auth('expert_demo'))).status).toBe(404);
    expect((await t.http().get(`/api/expert/plans/${offlineId}/participants/${extraDecl}`).set(auth('expert_demo'))).status).toBe(404);
    const send = (agree: number, passed: boolean) =>
      t.http().post(`/api/review-plans/${offlineId}/offline-results`).set(auth('committee_demo')).send({ version: p.version, items: [{ declarationId: extraDecl, passed, present: 2, agree, disagree: 2 - agree, abstain: 0 }] });
    expect((await send(1, true)).status).toBe(400); // 1 of 2 is below two thirds
    const noQuorum = await t.http().post(`/api/review-plans/${offlineId}/offline-results`).set(auth('committee_demo')).send({ version: p.version, items: [{ declarationId: extraDecl, passed: true, present: 1, agree: 1, disagree: 0, abstain: 0 }] });
    expect(noQuorum.status).toBe(400); // 1 of a panel of 3 present
    const ok = await send(2, true); // 2 of 2
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('closed');
    expect(ok.body.participants[0].result).toMatchObject({ present: 2, agree: 2, passed: true });
  });

  it('C-06, P-02, C-07, A-11: publicity for five working days on the public list, filing only after it ends, filing makes passed declarations filed', async () => {
    let p = await plan(planId);
    p = (await t.http().post(`/api/review-plans/${planId}/publicity`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    expect(p.status).toBe('publicity');
    expect(p.publicityDays).toBe(5);
    const start = new Date(`${p.publicityStartsOn}T00:00:00Z`);
    expect([1, 2, 3, 4, 5]).toContain(start.getUTCDay());
    const pub = await t.http().get('/api/public/review-publicity').expect(200);
    const names = pub.body.items.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['孙**', '吴**']));
    expect(names).not.toContain('周**'); // failed: not publicised
    expect(pub.body.items[0]).toMatchObject({ result: '通过', planName: '2026年度工程技术高级职称评审方案' });
    const early = await t.http().post(`/api/review-plans/${planId}/filing`).set(auth('committee_demo')).send({ version: p.version });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PUBLICITY_NOT_ENDED');
    await t.ds.query(`UPDATE review_plans SET publicity_starts_on = CURRENT_DATE - 10, publicity_ends_on = CURRENT_DATE - 3 WHERE id = $1`, [planId]);
    p = (await t.http().post(`/api/review-plans/${planId}/filing`).set(auth('committee_demo')).send({ version: p.version }).expect(201)).body;
    expect(p.status).toBe('filing_applied');
    const noDoc = await t.http().post(`/api/review-plans/${planId}/filing-audit`).set(auth('admin')).send({ version: p.version, result: 'approve' });
    expect(noDoc.status).toBe(400);
    expect(noDoc.body.fields).toMatchObject({ docNo: '请填写备案文号', filedOn: '请选择备案日期' });
    expect((await t.http().post(`/api/review-plans/${planId}/filing-audit`).set(auth('committee_demo')).send({ version: p.version, result: 'approve', docNo: '苏职备〔2026〕8号', filedOn: '2026-11-20' })).status).toBe(403);
    p = (await t.http().post(`/api/review-plans/${planId}/filing-audit`).set(auth('admin')).send({ version: p.version, result: 'approve', docNo: '苏职备〔2026〕8号', filedOn: '2026-11-20' }).expect(201)).body;
    expect(p).toMatchObject({ status: 'filed', filingDocNo: '苏职备〔2026〕8号', filedOn: '2026-11-20' });
    const rows: { id: string; status: string; filing_doc_no: string | null; filed_on: string | null; review_passed: boolean }[] = await t.ds.query(
      `SELECT id, status, filing_doc_no, filed_on::text, review_passed FROM declarations WHERE id = ANY($1)`,
      [demo],
    );
    for (const d of [demo[0], demo[2]]) expect(rows.find((r) => r.id === d)).toMatchObject({ status: 'filed', filing_doc_no: '苏职备〔2026〕8号', filed_on: '2026-11-20', review_passed: true });
    expect(rows.find((r) => r.id === demo[1])).toMatchObject({ status: 'reviewed', filing_doc_no: null, review_passed: false });
    const events: { action: string }[] = await t.ds.query(`SELECT action FROM declaration_events WHERE declaration_id = $1 ORDER BY created_at`, [demo[0]]);
    expect(events.map((e) => e.action)).toEqual(['start_review', 'review_result', 'publicize_result', 'file']);
  });
});

import { createTestContext, type TestContext } from './context.js';

/** C-08 评委申报记录查询 and C-09 年度批次信息提交 (issue 7). committee_demo = 江苏省工程技术研究系列高级职称评审委员会 (320000). */
describe('committee expert records and annual batches (C-08, C-09)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (u: string) => ({ authorization: `Bearer ${tok[u]}` });
  const proposal = {
    year: 2027, name: '2027年度工程技术高级职称评审', levels: ['vice_senior', 'senior'], opensAt: '2027-03-01T00:00:00.000Z', closesAt: '2027-04-30T15:59:59.000Z',
    plannedCount: 300, contactName: '王老师', contactPhone: '025-83270000', remark: '含人工智能新专业',
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['committee_demo', 'admin', 'nj_admin', 'unit_demo', 'expert_demo']) tok[u] = await t.login(u);
  });
  afterAll(async () => {
    await t.close();
  });

  it('C-08 a committee lists its experts with their declared information; with their participation in review plans (none yet)', async () => {
    const list = await t.http().get('/api/expert-records').set(auth('committee_demo')).expect(200);
    expect(list.body.participationAvailable).toBe(true);
    expect(list.body.items.map((e: { username: string }) => e.username).sort()).toEqual(['expert_demo', 'expert_demo2', 'expert_demo3']);
    const e = list.body.items.find((x: { username: string }) => x.username === 'expert_demo');
    expect(e).toMatchObject({ realName: '李评委', participationCount: 0 });
    const detail = await t.http().get(`/api/expert-records/${e.id}?year=2026`).set(auth('committee_demo')).expect(200);
    expect(detail.body).toMatchObject({ participationAvailable: true, participations: [], expert: { id: e.id, realName: '李评委' } });
    if (detail.body.expert.mobileMasked) expect(detail.body.expert.mobileMasked).toMatch(/\*{4}/);
    // filters and validation
    expect((await t.http().get('/api/expert-records?titleLevel=intermediate').set(auth('committee_demo')).expect(200)).body.items.length).toBeLessThanOrEqual(3);
    expect((await t.http().get('/api/expert-records?year=abc').set(auth('committee_demo'))).status).toBe(400);
    // roles and scope
    expect((await t.http().get('/api/expert-records').set(auth('unit_demo'))).status).toBe(403);
    expect((await t.http().get('/api/expert-records').set(auth('expert_demo'))).status).toBe(403);
    const other: { id: string }[] = await t.ds.query(`SELECT e.id FROM experts e JOIN organisations o ON o.id = e.managed_by WHERE o.id <> $1 LIMIT 1`, [e.managedBy]);
    if (other[0]) expect((await t.http().get(`/api/expert-records/${other[0].id}`).set(auth('committee_demo'))).status).toBe(404);
  });

  it('C-09 a committee submits its annual batch; the office returns it with a reason; resubmitted and approved it becomes a draft batch', async () => {
    const bad = await t.http().post('/api/batch-proposals').set(auth('committee_demo')).send({ ...proposal, closesAt: '2027-02-01T00:00:00.000Z' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toMatchObject({ closesAt: '申报结束时间应晚于开始时间' });
    expect((await t.http().post('/api/batch-proposals').set(auth('committee_demo')).send({ ...proposal, contactPhone: 'x' })).status).toBe(400);
    expect((await t.http().post('/api/batch-proposals').set(auth('admin')).send(proposal)).status).toBe(403);
    const created = await t.http().post('/api/batch-proposals').set(auth('committee_demo')).send(proposal);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'submitted', committeeName: '江苏省工程技术研究系列高级职称评审委员会', batchId: null });
    const id = created.body.id as string;
    // the committee cannot approve its own; a city office outside the committee's region cannot either
    expect((await t.http().post(`/api/batch-proposals/${id}/approve`).set(auth('committee_demo')).send({ version: created.body.version })).status).toBe(403);
    expect((await t.http().post(`/api/batch-proposals/${id}/approve`).set(auth('nj_admin')).send({ version: created.body.version })).status).toBe(403);
    const officeList = await t.http().get('/api/batch-proposals?status=submitted').set(auth('admin')).expect(200);
    expect(officeList.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const noReason = await t.http().post(`/api/batch-proposals/${id}/return`).set(auth('admin')).send({ version: created.body.version, reason: '' });
    expect(noReason.status).toBe(400);
    const ret = await t.http().post(`/api/batch-proposals/${id}/return`).set(auth('admin')).send({ version: created.body.version, reason: '申报时间与全省安排不一致' });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', reviewOpinion: '申报时间与全省安排不一致' });
    expect((await t.http().post(`/api/batch-proposals/${id}/approve`).set(auth('admin')).send({ version: ret.body.version })).status).toBe(409);
    const re = await t.http().put(`/api/batch-proposals/${id}`).set(auth('committee_demo')).send({ ...proposal, opensAt: '2027-04-01T00:00:00.000Z', closesAt: '2027-05-31T15:59:59.000Z', version: ret.body.version });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('submitted');
    const ok = await t.http().post(`/api/batch-proposals/${id}/approve`).set(auth('admin')).send({ version: re.body.version, opinion: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const batch = await t.http().get(`/api/batches/${ok.body.batchId}`).set(auth('admin')).expect(200);
    expect(batch.body).toMatchObject({ name: proposal.name, year: 2027, kind: 'review', status: 'draft', levels: ['vice_senior', 'senior'], opensAt: '2027-04-01T00:00:00.000Z' });
    const logs: { action: string }[] = await t.ds.query(`SELECT action FROM audit_logs WHERE target_type = 'batch_proposal' AND target_id = $1 ORDER BY id`, [id]);
    expect(logs.map((l) => l.action)).toEqual(['batch_proposal.submit', 'batch_proposal.return', 'batch_proposal.resubmit', 'batch_proposal.approve']);
    const mine = await t.http().get('/api/batch-proposals?year=2027').set(auth('committee_demo')).expect(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
  });
});

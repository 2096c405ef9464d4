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
    ...over,
  });

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of ['committee_demo', 'admin']) tok[u] = await t.login(u);
    committeeId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`))[0].id;
    batchId = (await t.ds.query(`SELECT id FROM batches WHERE committee_id = $1 AND year = 2026`, [committeeId]))[0].id;
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
});

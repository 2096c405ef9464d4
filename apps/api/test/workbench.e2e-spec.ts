import { addDays, chinaDate, chinaDayStart, Role, workbenchTodosFor, type WorkbenchAnswer, type WorkbenchTodoKey } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';

/**
 * U-13 工作台: each back-office role sees the to-do entries of its queues; every count equals the total of the list
 * it links to (the same API list with the same filter, in the caller's scope); open batches carry the working days
 * left on the A-29 calendar.
 */
describe('workbench (U-13)', () => {
  let t: TestContext;
  const tok: Record<string, string> = {};
  const auth = (u: string) => ({ authorization: `Bearer ${tok[u]}` });
  const ACCOUNTS: Record<string, Role> = {
    unit_demo: Role.UnitOperator,
    xw_dept: Role.DeptOperator,
    committee_demo: Role.CommitteeOperator,
    acceptance_demo: Role.AcceptanceOperator,
    expert_demo: Role.Expert,
    admin: Role.OfficeAdmin,
  };
  /** The list requests behind each entry (summed): what the linked page shows as its total. */
  const LISTS: Record<WorkbenchTodoKey, string[]> = {
    audit_pending: ['/api/audit/queue?status=pending'],
    audit_returned: ['/api/audit/queue?status=failed'],
    returned_open: ['/api/audit/queue?status=returned_open'],
    report_up: ['/api/audit/report-up?tab=entrusted', '/api/audit/report-up?tab=non_entrusted'],
    path_review: ['/api/audit-tree/applications/to-review?status=pending'],
    plans_to_submit: ['/api/review-plans?status=draft'],
    plans_rejected: ['/api/review-plans?status=rejected'],
    plans_to_draw: ['/api/review-plans?status=approved'],
    plans_in_meeting: ['/api/review-plans?status=drawn'],
    plans_to_publicise: ['/api/review-plans?status=closed'],
    plan_audit: ['/api/review-plans?status=submitted'],
    filing_audit: ['/api/review-plans?status=filing_applied'],
    to_issue: ['/api/certificates/issuable-declarations?issued=no'],
    certificate_applications: ['/api/certificate-applications?status=submitted'],
    unit_permissions: ['/api/unit-permission/applications?status=pending'],
    batch_proposals: ['/api/batch-proposals?status=submitted'],
    expert_plans: [],
  };
  const workbench = async (u: string): Promise<WorkbenchAnswer> => {
    const r = await t.http().get('/api/workbench').set(auth(u));
    expect(r.status).toBe(200);
    return r.body as WorkbenchAnswer;
  };
  const listTotal = async (u: string, urls: string[]): Promise<number> => {
    let n = 0;
    for (const url of urls) {
      const r = await t.http().get(`${url}&page=1&pageSize=1`).set(auth(u));
      expect([url, r.status]).toEqual([url, 200]);
      n += (r.body as { total: number }).total;
    }
    return n;
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (const u of [...Object.keys(ACCOUNTS), 'applicant']) tok[u] = await t.login(u);
  });
  afterAll(async () => {
    await t.close();
  });

  it('each role sees the entries of its queues, and every count is the total of the list it links to', async () => {
    for (const [u, role] of Object.entries(ACCOUNTS)) {
      const w = await workbench(u);
      expect(w.todos.map((x) => x.key)).toEqual(workbenchTodosFor(role).map((x) => x.key));
      const base = role === Role.OfficeAdmin ? '/admin' : '/office';
      for (const todo of w.todos) {
        expect(todo.link.startsWith(`${base}/`)).toBe(true);
        if (todo.key === 'expert_plans') continue;
        expect([u, todo.key, todo.count]).toEqual([u, todo.key, await listTotal(u, LISTS[todo.key])]);
      }
    }
    // the demo's three filed, passed declarations wait for their certificates
    expect((await workbench('admin')).todos.find((x) => x.key === 'to_issue')?.count).toBe(3);
  });

  it('a declaration arriving at a node raises that node’s 待审核 and nobody else’s', async () => {
    const before = {
      unit: (await workbench('unit_demo')).todos.find((x) => x.key === 'audit_pending')!.count,
      dept: (await workbench('xw_dept')).todos.find((x) => x.key === 'audit_pending')!.count,
    };
    const [unit] = (await t.ds.query(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`)) as { id: string }[];
    await t.ds.query(
      `UPDATE declarations SET status = 'under_audit', current_org_id = $1, submitted_at = now()
        WHERE id = (SELECT d.id FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE u.username = 'review_demo1')`,
      [unit.id],
    );
    const unitAfter = (await workbench('unit_demo')).todos.find((x) => x.key === 'audit_pending')!;
    expect(unitAfter.count).toBe(before.unit + 1);
    expect(unitAfter.count).toBe(await listTotal('unit_demo', LISTS.audit_pending));
    expect(unitAfter.link).toBe('/office/audit?status=pending');
    expect((await workbench('xw_dept')).todos.find((x) => x.key === 'audit_pending')!.count).toBe(before.dept);
  });

  it('open batches: the soonest to close first, with working days left counted on the calendar', async () => {
    const today = chinaDate(Number((await t.http().get('/api/health').expect(200)).headers['x-business-time']));
    const [b] = (await t.ds.query(`SELECT b.id FROM batches b JOIN organisations o ON o.id = b.committee_id WHERE b.status = 'published' LIMIT 1`)) as { id: string }[];
    // the window closes at 00:00 of today + 8, so its last day is today + 7
    await t.ds.query(`UPDATE batches SET opens_at = now() - interval '1 day', closes_at = $2 WHERE id = $1`, [b.id, chinaDayStart(addDays(today, 8))]);
    const year = Number(today.slice(0, 4));
    const days: { date: string; working: boolean }[] = [];
    for (const y of [year, year + 1]) days.push(...((await t.http().get(`/api/calendar/${y}`).set(auth('admin')).expect(200)).body as { days: { date: string; working: boolean }[] }).days);
    const expected = days.filter((d) => d.working && d.date >= today && d.date <= addDays(today, 7)).length;
    const w = await workbench('admin');
    const entry = w.openBatches.find((x) => x.id === b.id);
    expect(entry?.workingDaysLeft).toBe(expected);
    const closes = w.openBatches.map((x) => x.closesAt);
    expect([...closes].sort()).toEqual(closes);
  });

  it('an applicant has no workbench (403), an anonymous caller 401', async () => {
    expect((await t.http().get('/api/workbench').set(auth('applicant'))).status).toBe(403);
    expect((await t.http().get('/api/workbench')).status).toBe(401);
  });

  it('退回未重提交: a declaration the unit returned counts until its applicant resubmits it', async () => {
    const count = async () => (await workbench('unit_demo')).todos.find((x) => x.key === 'returned_open')!.count;
    const listed = async (u = 'unit_demo') =>
      ((await t.http().get('/api/audit/queue?status=returned_open&pageSize=100').set(auth(u))).body as { items: { id: string }[] }).items.map((x) => x.id);
    const before = await count();
    const a = await t.newApplicant();
    const d = await t.newDeclaration(a.token);
    const v = await t.declarationVersion(d.id);
    expect((await t.http().post(`/api/audit/declarations/${d.id}/return`).set(auth('unit_demo')).send({ version: v, opinion: '请补充业绩材料' })).status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect(await listed()).toContain(d.id);
    // the department above did not return it
    expect(await listed('xw_dept')).not.toContain(d.id);
    const re = await t.http().post(`/api/declarations/${d.id}/resubmit`).set({ authorization: `Bearer ${a.token}` }).send({ version: await t.declarationVersion(d.id) });
    expect(re.status).toBe(200);
    expect(await count()).toBe(before);
    expect(await listed()).not.toContain(d.id);
  });
});

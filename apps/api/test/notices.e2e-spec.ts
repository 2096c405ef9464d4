import { chinaDate } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';

describe('notices and policies (A-27, P-03, H-13)', () => {
  let t: TestContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('publishes to an audience: the public sees public notices, an applicant also sees those for applicants', async () => {
    await t.http().post('/api/admin/notices').set(auth(admin)).send({ type: 'announcement', title: '2026年度职称评审申报通知', body: '申报时间为……', audience: ['public'] }).expect(201);
    await t.http().post('/api/admin/notices').set(auth(admin)).send({ type: 'policy', title: '申报人专属政策解读', body: '内容', audience: ['applicant'] }).expect(201);
    await t.http().post('/api/admin/notices').set(auth(admin)).send({ type: 'announcement', title: '草稿公告', body: '未发布', audience: ['public'], status: 'draft' }).expect(201);
    const pub = await t.http().get('/api/public/notices').expect(200);
    expect(pub.body.items.map((n: { title: string }) => n.title)).toEqual(['2026年度职称评审申报通知']);
    const applicant = await t.login('applicant');
    const mine = await t.http().get('/api/me/notices').set(auth(applicant)).expect(200);
    expect(mine.body.total).toBe(2);
    const policies = await t.http().get('/api/me/notices?type=policy&keyword=政策').set(auth(applicant)).expect(200);
    expect(policies.body.items[0].title).toBe('申报人专属政策解读');
    const unit = await t.login('unit_demo');
    const unitSees = await t.http().get('/api/me/notices').set(auth(unit)).expect(200);
    expect(unitSees.body.total).toBe(1);
  });

  it('filters by date range and refuses a malformed date', async () => {
    // Published just now: its date is China's today (the filter's dates are China's calendar dates).
    const today = chinaDate();
    const inRange = await t.http().get(`/api/public/notices?from=${today}&to=${today}`).expect(200);
    expect(inRange.body.total).toBe(1);
    const old = await t.http().get('/api/public/notices?from=2000-01-01&to=2000-12-31').expect(200);
    expect(old.body.total).toBe(0);
    const bad = await t.http().get('/api/public/notices?from=2026-13-45').expect(400);
    expect(bad.body.fields.from).toMatch(/YYYY-MM-DD/);
  });

  it('withdraws a notice so it disappears from the public list; only admins publish', async () => {
    const list = await t.http().get('/api/admin/notices?status=published&type=announcement').set(auth(admin)).expect(200);
    const n = list.body.items[0];
    await t.http().patch(`/api/admin/notices/${n.id}`).set(auth(admin)).send({ version: n.version, status: 'withdrawn' }).expect(200);
    const pub = await t.http().get('/api/public/notices').expect(200);
    expect(pub.body.total).toBe(0);
    const applicant = await t.login('applicant');
    await t.http().post('/api/admin/notices').set(auth(applicant)).send({ type: 'policy', title: 'x', body: 'y', audience: ['public'] }).expect(403);
  });
});

import { createTestContext, type TestContext } from './context.js';

// Issue 13: a user sees their open sessions and ends the others; nobody ends another user's session.
describe('我的登录设备: a user lists and ends their own sessions (issue 13)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists the open sessions (address masked, browser named, this one marked) and ends another one at once', async () => {
    const phone = await t.http().post('/api/auth/login').set('user-agent', 'Mozilla/5.0 (iPhone) Mobile Safari').send({ username: 'unit_demo', password: 'Demo@2026', ...(await t.captcha()) }).expect(200);
    const desk = await t.login('unit_demo');
    const list = await t.http().get('/api/me/sessions').set(auth(desk)).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    const current = list.body.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const other = list.body.find((s: { userAgent: string | null }) => s.userAgent?.includes('iPhone'));
    expect(other).toMatchObject({ current: false });
    expect(other.address === null || /\*/.test(other.address)).toBe(true);
    expect(JSON.stringify(list.body)).not.toMatch(/token/i);

    // another user cannot end it (not found, nothing ended)
    const applicant = await t.login('applicant');
    const foreign = await t.http().post(`/api/me/sessions/${other.id}/end`).set(auth(applicant));
    expect(foreign.status).toBe(404);
    await t.http().get('/api/me').set(auth(phone.body.accessToken)).expect(200);
    // a malformed id is a field error, not a 500
    const bad = await t.http().post('/api/me/sessions/not-a-uuid/end').set(auth(desk));
    expect(bad.status).toBe(400);

    await t.http().post(`/api/me/sessions/${other.id}/end`).set(auth(desk)).expect(200);
    expect((await t.http().get('/api/me').set(auth(phone.body.accessToken))).status).toBe(401);
    const after = await t.http().get('/api/me/sessions').set(auth(desk)).expect(200);
    expect(after.body.map((s: { id: string }) => s.id)).not.toContain(other.id);
    const [row] = await t.ds.query(`SELECT action FROM audit_logs WHERE action = 'account.end_session' AND target_id = $1`, [other.id]);
    expect(row).toBeDefined();
  });
});

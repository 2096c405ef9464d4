import { clock } from '../src/common/clock/clock.service.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * 三员分立 (A-31, issue 13), tried as each administrator would overreach: the system administrator manages accounts and
 * nothing of the log; the audit administrator reads the log and nothing else; the security administrator sets roles and
 * the security policy; the business administrator keeps business work and none of the three.
 */
describe('三员分立: system, security and audit administrators (A-31)', () => {
  let t: TestContext;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let sys: string;
  let sec: string;
  let auditor: string;
  let office: string;
  let unitOrg: string;
  beforeAll(async () => {
    t = await createTestContext();
    [sys, sec, auditor, office] = [
      await t.login('sys_admin'),
      await t.login('sec_admin'),
      await t.login('audit_admin'),
      await t.login('admin'),
    ];
    [{ id: unitOrg }] = await t.ds.query(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`);
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
  });
  const newStaff = async (username: string) => {
    const res = await t
      .http()
      .post('/api/users')
      .set(auth(sys))
      .send({
        username,
        realName: '王经办',
        role: 'unit_operator',
        organisationId: unitOrg,
        mobile: '13822220001',
        password: 'Given#2026ab',
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('an audit administrator reads and verifies the log but cannot create accounts or touch business', async () => {
    expect((await t.http().get('/api/audit-logs').set(auth(auditor))).status).toBe(200);
    expect((await t.http().get('/api/audit-logs/verify').set(auth(auditor))).status).toBe(200);
    const create = await t
      .http()
      .post('/api/users')
      .set(auth(auditor))
      .send({
        username: 'by_auditor',
        realName: '越权',
        role: 'unit_operator',
        organisationId: unitOrg,
        mobile: '13822220009',
        password: 'Given#2026ab',
      });
    expect(create.status).toBe(403);
    for (const url of [
      '/api/users',
      '/api/security-policy',
      '/api/admin/jobs',
      '/api/audit/admin/declarations',
      '/api/certificate-applications',
    ]) {
      expect({ url, status: (await t.http().get(url).set(auth(auditor))).status }).toEqual({ url, status: 403 });
    }
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'by_auditor'`);
    expect(n).toBe(0);
  });

  it('a system administrator manages accounts and runs the system but cannot read the log or set the policy', async () => {
    for (const url of ['/api/audit-logs', '/api/audit-logs/verify', '/api/security-policy']) {
      expect({ url, status: (await t.http().get(url).set(auth(sys))).status }).toEqual({ url, status: 403 });
    }
    expect((await t.http().get('/api/users').set(auth(sys))).status).toBe(200);
    expect((await t.http().get('/api/admin/jobs/queues').set(auth(sys))).status).toBe(200);
    // no console can make one of 三员
    for (const role of ['system_admin', 'security_admin', 'audit_admin']) {
      const res = await t
        .http()
        .post('/api/users')
        .set(auth(sys))
        .send({ username: `mk_${role}`, realName: '三员', role, organisationId: unitOrg, mobile: '13822220008', password: 'Given#2026ab' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toHaveProperty('role');
    }
    // nor disable one, nor itself
    const [{ id: auditorId }] = await t.ds.query(`SELECT id FROM users WHERE username = 'audit_admin'`);
    expect((await t.http().patch(`/api/users/${auditorId}/status`).set(auth(sys)).send({ status: 'disabled' })).status).toBe(403);
    const [{ id: sysId }] = await t.ds.query(`SELECT id FROM users WHERE username = 'sys_admin'`);
    expect((await t.http().patch(`/api/users/${sysId}/status`).set(auth(sys)).send({ status: 'disabled' })).status).toBe(403);
  });

  it('disabling an account ends its sessions at once; re-enabling lets it sign in again; both are in the log', async () => {
    const id = await newStaff('to_disable_op');
    await t.ds.query(`UPDATE users SET must_change_password = false WHERE id = $1`, [id]);
    const token = await t.login('to_disable_op', 'Given#2026ab');
    await t.http().get('/api/me').set(auth(token)).expect(200);
    const bad = await t.http().patch(`/api/users/${id}/status`).set(auth(sys)).send({ status: 'gone' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('status');
    const off = await t.http().patch(`/api/users/${id}/status`).set(auth(sys)).send({ status: 'disabled' }).expect(200);
    expect(off.body.status).toBe('disabled');
    expect((await t.http().get('/api/me').set(auth(token))).status).toBe(401);
    const refused = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'to_disable_op', password: 'Given#2026ab', ...(await t.captcha()) });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/停用/);
    await t.http().patch(`/api/users/${id}/status`).set(auth(sys)).send({ status: 'active' }).expect(200);
    await t.login('to_disable_op', 'Given#2026ab');
    const log = await t.http().get('/api/audit-logs').query({ targetId: id }).set(auth(auditor)).expect(200);
    const labels = log.body.items.map((r: { actionLabel: string }) => r.actionLabel);
    expect(labels).toEqual(expect.arrayContaining(['停用账号', '启用账号', '创建后台账号']));
  });

  it('a security administrator changes a business role (sessions end) only to one that fits the organisation', async () => {
    const id = await newStaff('to_rerole_op');
    await t.ds.query(`UPDATE users SET must_change_password = false WHERE id = $1`, [id]);
    const token = await t.login('to_rerole_op', 'Given#2026ab');
    // the system administrator cannot assign roles; a role that does not fit a unit is refused with the field
    expect((await t.http().patch(`/api/users/${id}/role`).set(auth(sys)).send({ role: 'expert' })).status).toBe(403);
    const misfit = await t.http().patch(`/api/users/${id}/role`).set(auth(sec)).send({ role: 'office_admin' });
    expect(misfit.status).toBe(400);
    expect(misfit.body.fields.role).toMatch(/单位/);
    const toAuditor = await t.http().patch(`/api/users/${id}/role`).set(auth(sec)).send({ role: 'audit_admin' });
    expect(toAuditor.status).toBe(400);
    const done = await t.http().patch(`/api/users/${id}/role`).set(auth(sec)).send({ role: 'expert' }).expect(200);
    expect(done.body.role).toBe('expert');
    expect((await t.http().get('/api/me').set(auth(token))).status).toBe(401);
    const [row] = await t.ds.query(`SELECT before, after FROM audit_logs WHERE action = 'account.change_role' AND target_id = $1`, [id]);
    expect(row).toEqual({ before: { role: 'unit_operator' }, after: { role: 'expert' } });
    // the security administrator neither creates accounts nor reads the log
    expect((await t.http().post('/api/users').set(auth(sec)).send({})).status).toBe(403);
    expect((await t.http().get('/api/audit-logs').set(auth(sec))).status).toBe(403);
  });

  it('the business administrator holds none of the three', async () => {
    for (const [method, url] of [
      ['get', '/api/users'],
      ['post', '/api/users'],
      ['get', '/api/audit-logs'],
      ['get', '/api/security-policy'],
      ['get', '/api/admin/jobs'],
      ['get', '/api/admin/openapi.json'],
    ] as const) {
      expect({ url, method, status: (await t.http()[method](url).set(auth(office))).status }).toEqual({ url, method, status: 403 });
    }
    expect((await t.http().get('/api/workbench').set(auth(office))).status).toBe(200);
  });

  it('the security policy is validated, audited and applies to the next sign-in (lockout) and refresh (idle timeout)', async () => {
    const view = await t.http().get('/api/security-policy').set(auth(sec)).expect(200);
    expect(view.body).toMatchObject({ loginMaxFailures: 5, loginLockMinutes: 15, defaults: { loginMaxFailures: 5 } });
    const bad = await t
      .http()
      .put('/api/security-policy')
      .set(auth(sec))
      .send({ loginMaxFailures: 0, loginLockMinutes: 15, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.loginMaxFailures).toMatch(/3–10/);
    const saved = await t
      .http()
      .put('/api/security-policy')
      .set(auth(sec))
      .send({ loginMaxFailures: 3, loginLockMinutes: 20, sessionIdleMinutes: 5, sessionAbsoluteHours: 8 })
      .expect(200);
    expect(saved.body).toMatchObject({ loginMaxFailures: 3, loginLockMinutes: 20, sessionIdleMinutes: 5, sessionAbsoluteHours: 8 });
    const [audit] = await t.ds.query(`SELECT before, after FROM audit_logs WHERE action = 'security_policy.update'`);
    expect(audit.before.loginMaxFailures).toBe(5);
    expect(audit.after.loginMaxFailures).toBe(3);

    // three wrong passwords now lock, for the policy's 20 minutes
    const wrong = async () =>
      (
        await t
          .http()
          .post('/api/auth/login')
          .send({ username: 'sz_unit', password: 'Wrong#Pass1', ...(await t.captcha()) })
      ).body.message as string;
    await wrong();
    await wrong();
    expect(await wrong()).toBe('密码连续错误3次，账号已锁定20分钟');

    // a session not refreshed for the policy's 5 minutes ends
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'committee_demo', password: 'Demo@2026', ...(await t.captcha()) })
      .expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    clock.pin(Date.now() + 6 * 60_000);
    const idle = await t.http().post('/api/auth/refresh').set('cookie', cookie);
    expect(idle.status).toBe(401);
    clock.reset();
    await t
      .http()
      .put('/api/security-policy')
      .set(auth(sec))
      .send({ loginMaxFailures: 5, loginLockMinutes: 15, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 })
      .expect(200);
  });
});

import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';

// Issue 13, passwords as an attacker (or a careless user) would choose them, and the administrator-given password.
describe('password rules and the first sign-in of an administrator-created account (issue 13)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const register = async (over: Record<string, unknown>) =>
    t
      .http()
      .post('/api/auth/register')
      .send({ realName: '张三丰', idCard: demoIdCard('44030419880815771'), email: 'zsf@example.com', mobile: '13912340001', password: 'Xu#Lan2026q', ...over, ...(await t.captcha()) });

  it.each([
    ['Password1!', /过于常见/],
    ['P@ssw0rd', /过于常见/],
    ['Qwerty123456', /过于常见/],
    ['Zhangsanfeng#1', /姓名的拼音/],
    ['Sanfeng@2026', /姓名的拼音/],
    ['Ab#zsf_2026x', /用户名/],
  ])('registration refuses %s on the password field', async (password, message) => {
    const res = await register({ username: 'zsf_2026x', password });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.password).toMatch(message);
  });

  it('refuses a password holding the ID number or its last six characters, and the mobile number', async () => {
    const idCard = demoIdCard('44030419880815771');
    const byId = await register({ username: 'zsf_id', password: `Id#${idCard.slice(-6)}x` });
    expect(byId.status).toBe(400);
    expect(byId.body.fields.password).toMatch(/身份证号码/);
    const byMobile = await register({ username: 'zsf_mob', password: 'M#13912340001' });
    expect(byMobile.status).toBe(400);
    expect(byMobile.body.fields.password).toMatch(/手机号码/);
    // nothing was written by the refused attempts
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'zsf_%'`);
    expect(n).toBe(0);
  });

  it('an account made by an administrator can only change its password until it has, then works with the new one', async () => {
    const admin = await t.login('sys_admin');
    const [org] = await t.ds.query(`SELECT id FROM organisations WHERE name = '南京示范科技有限公司'`);
    const staff = { username: 'first_login_op', realName: '李初登', role: 'unit_operator', organisationId: org.id, mobile: '13811113333' };
    const common = await t.http().post('/api/users').set(auth(admin)).send({ ...staff, password: 'Password1!' });
    expect(common.status).toBe(400);
    expect(common.body.fields.password).toMatch(/过于常见/);
    const created = await t.http().post('/api/users').set(auth(admin)).send({ ...staff, password: 'Given#2026ab' });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);

    const token = await t.login('first_login_op', 'Given#2026ab');
    const me = await t.http().get('/api/me').set(auth(token)).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
    for (const path of ['/api/workbench', '/api/audit/queue', '/api/organisations']) {
      const res = await t.http().get(path).set(auth(token));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(res.body.message).toMatch(/首次登录请先修改初始密码/);
    }
    // the new password is held to the same rules (here: the name in pinyin)
    const weak = await t.http().post('/api/me/password').set(auth(token)).send({ oldPassword: 'Given#2026ab', newPassword: 'Lichudeng#26' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.newPassword).toMatch(/姓名的拼音/);
    await t.http().post('/api/me/password').set(auth(token)).send({ oldPassword: 'Given#2026ab', newPassword: 'Own#Choice2026' }).expect(200);
    // the change ends the session; the new one opens everything the role may do
    expect((await t.http().get('/api/me').set(auth(token))).status).toBe(401);
    const again = await t.login('first_login_op', 'Own#Choice2026');
    const me2 = await t.http().get('/api/me').set(auth(again)).expect(200);
    expect(me2.body.mustChangePassword).toBe(false);
    await t.http().get('/api/workbench').set(auth(again)).expect(200);
    // the demo accounts (made by the seed, not by an administrator) are not held back
    const unit = await t.login('unit_demo');
    await t.http().get('/api/workbench').set(auth(unit)).expect(200);
  });
});

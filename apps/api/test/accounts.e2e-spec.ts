import { Role } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';

describe('accounts (H-01, H-02, U-01, U-11)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  const person = (over: Record<string, unknown> = {}) => ({
    realName: '王小明',
    idCard: demoIdCard('11010519491231002'),
    password: 'Passw0rd!x',
    email: 'wang@example.com',
    mobile: '13912345678',
    ...over,
  });

  it('registers a person and refuses a second account for the same ID number', async () => {
    const res = await t.http().post('/api/auth/register').send({ ...person(), ...(await t.captcha()) });
    expect(res.status).toBe(201);
    expect(res.body.role).toBe(Role.Applicant);
    expect(res.body.idCard).toBe('110***********002' + res.body.idCard.slice(-1));
    expect(res.body.idCard).not.toContain('19491231');
    expect(res.body.mobile).toBe('139****5678');
    const again = await t.http().post('/api/auth/register').send({ ...person({ username: 'another1' }), ...(await t.captcha()) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ID_CARD_TAKEN');
    expect(again.body.message).toMatch(/身份证号已注册/);
  });

  it('answers a wrong ID check digit with a Chinese field error', async () => {
    const good = demoIdCard('11010519491231003');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await t.http().post('/api/auth/register').send({ ...person({ idCard: bad }), ...(await t.captcha()) });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.idCard).toBe('身份证号校验位不正确，请核对后重新输入');
  });

  it('rejects unknown fields and a weak password, never 500', async () => {
    const res = await t.http().post('/api/auth/register').send({ ...person({ password: 'abcdefgh', isAdmin: true }), ...(await t.captcha()) });
    expect(res.status).toBe(400);
    expect(res.body.fields.isAdmin).toBe('不允许的字段');
    expect(res.body.fields.password).toMatch(/至少三种/);
    const junk = await t.http().post('/api/auth/login').set('content-type', 'application/json').send('{not json');
    expect(junk.status).toBe(400);
    const arr = await t.http().post('/api/auth/login').send([1, 2, 3]);
    expect(arr.status).toBe(400);
  });

  it('refuses login without a correct captcha', async () => {
    const { captchaId } = await t.captcha();
    const res = await t.http().post('/api/auth/login').send({ username: 'applicant', password: 'Demo@2026', captchaId, captchaCode: 'ZZZZ' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CAPTCHA_INVALID');
  });

  it('logs in by username or by ID number, and reads the masked profile', async () => {
    const token = await t.login('applicant');
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.realName).toBe('张三');
    expect(me.body.idCard).toMatch(/^320\*+\d{3}[\dX]$/);
    const byId = await t.login(demoIdCard('32010219900307123'));
    expect(byId).toBeTruthy();
  });

  it('locks an account for 15 minutes after 5 wrong passwords', async () => {
    const reg = await t.http().post('/api/auth/register').send({
      ...person({ idCard: demoIdCard('44030519800101001'), username: 'lockme', mobile: '13700000001' }),
      ...(await t.captcha()),
    });
    expect(reg.status).toBe(201);
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.http().post('/api/auth/login').send({ username: 'lockme', password: 'Wrong-pass1', ...(await t.captcha()) });
      messages.push(r.body.message);
    }
    expect(messages[0]).toBe('用户名或密码错误');
    expect(messages[4]).toMatch(/已锁定15分钟/);
    const right = await t.http().post('/api/auth/login').send({ username: 'lockme', password: 'Passw0rd!x', ...(await t.captcha()) });
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    const logs = await t.ds.query(`SELECT action FROM audit_logs WHERE action = 'account.lock'`);
    expect(logs.length).toBe(1);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const agent = t.http();
    const login = await t.http().post('/api/auth/login').send({ username: 'applicant', password: 'Demo@2026', ...(await t.captcha()) });
    const cookie1 = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!;
    expect(cookie1).toMatch(/HttpOnly/i);
    const r1 = await agent.post('/api/auth/refresh').set('cookie', cookie1.split(';')[0]!);
    expect(r1.status).toBe(200);
    const cookie2 = (r1.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!.split(';')[0]!;
    expect(cookie2).not.toBe(cookie1.split(';')[0]);
    // reuse of the first token: refused and the whole family revoked
    const reuse = await t.http().post('/api/auth/refresh').set('cookie', cookie1.split(';')[0]!);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_REUSED');
    const after = await t.http().post('/api/auth/refresh').set('cookie', cookie2);
    expect(after.status).toBe(401);
  });

  it('requires the second factor for title-office admins', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'Demo@2026', ...(await t.captcha()) });
    expect(res.status).toBe(200);
    expect(res.body.mfaRequired).toBe(true);
    expect(res.body.accessToken).toBeUndefined();
    const wrong = await t.http().post('/api/auth/mfa').send({ mfaToken: res.body.mfaToken, code: '000000' });
    expect(wrong.status).toBe(401);
    const token = await t.login('admin');
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.role).toBe(Role.OfficeAdmin);
  });

  it('recovers a password through the outbox and resets it with the link', async () => {
    const res = await t.http().post('/api/auth/recover-password').send({ username: 'applicant', channel: 'sms', ...(await t.captcha()) });
    expect(res.status).toBe(200);
    const unknown = await t.http().post('/api/auth/recover-password').send({ username: 'nobody_here', channel: 'sms', ...(await t.captcha()) });
    expect(unknown.body.message).toBe(res.body.message);
    const sink = await t.http().get('/api/dev/outbox').expect(200);
    const msg = sink.body.items.find((m: { subject: string }) => m.subject === '重置密码');
    expect(msg.recipient).toBe('138****8000');
    const token = /token=([\w-]+)/.exec(msg.body)![1]!;
    await t.http().post('/api/auth/reset-password').send({ token, newPassword: 'Weak' }).expect(400);
    // a common password is refused without using up the link (issue 13)
    const common = await t.http().post('/api/auth/reset-password').send({ token, newPassword: 'Password123!' });
    expect(common.status).toBe(400);
    expect(common.body.fields.newPassword).toMatch(/过于常见/);
    await t.http().post('/api/auth/reset-password').send({ token, newPassword: 'NewPass#2026' }).expect(200);
    const again = await t.http().post('/api/auth/reset-password').send({ token, newPassword: 'NewPass#2027' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('RESET_TOKEN_INVALID');
    expect(await t.login('applicant', 'NewPass#2026')).toBeTruthy();
  });

  it('keeps name and ID immutable while editing the profile', async () => {
    const token = await t.login('unit_demo');
    const bad = await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ realName: '改名' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.realName).toBe('不允许的字段');
    const ok = await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ email: 'new@example.com', mobile: '13600000000' });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe('new@example.com');
    expect(ok.body.mobile).toBe('136****0000');
    const log = await t.ds.query(`SELECT before, after FROM audit_logs WHERE action = 'account.update_profile'`);
    expect(log[0].after.email).toBe('new@example.com');
  });

  it('registers a unit with a valid credit code and refuses a wrong check character', async () => {
    const body = {
      unitName: '南京测试单位有限公司',
      creditCode: '91320102MA1TT0001',
      regionCode: '320102',
      nature: 'enterprise',
      contactName: '赵经办',
      contactMobile: '13511112222',
      email: 'unit@example.com',
      username: 'unit_new',
      password: 'Unit#2026x',
    };
    const { creditCodeCheckChar } = await import('@zhicheng/contracts');
    const good = body.creditCode + creditCodeCheckChar(body.creditCode);
    const wrongChar = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await t.http().post('/api/auth/register-unit').send({ ...body, creditCode: wrongChar, ...(await t.captcha()) });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.creditCode).toMatch(/校验位不正确/);
    const ok = await t.http().post('/api/auth/register-unit').send({ ...body, creditCode: good, ...(await t.captcha()) });
    expect(ok.status).toBe(201);
    expect(ok.body.role).toBe(Role.UnitOperator);
    expect(ok.body.organisation.name).toBe('南京测试单位有限公司');
  });
});

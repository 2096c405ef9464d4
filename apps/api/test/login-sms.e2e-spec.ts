import { clock } from '../src/common/clock/clock.service.js';
import { DEMO_PASSWORD } from '../src/database/seeds/demo.seed.js';
import { createTestContext, type TestContext } from './context.js';

/** Issue 13: the hall's login asks for an SMS code as the second step where a mobile is on file. */
describe('login SMS second step (issue 13)', () => {
  let t: TestContext;
  let token: string;

  beforeAll(async () => {
    t = await createTestContext();
    token = await t.login('applicant');
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
  });
  afterEach(() => clock.reset());

  const unlock = () => t.ds.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = 'applicant'`);
  const passwordStep = async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'applicant', password: DEMO_PASSWORD, ...(await t.captcha()) });
    expect(res.status).toBe(200);
    return res.body as { mfaRequired: boolean; mfaToken: string; secondFactor: string; maskedMobile: string; accessToken?: string };
  };
  const lastCode = async (): Promise<string> => {
    const rows = await t.ds.query(`SELECT body, recipient FROM outbox_messages WHERE event = 'auth.login_sms_code' ORDER BY created_at DESC LIMIT 1`);
    expect(rows[0].recipient).toMatch(/^1\d{2}\*{4}\d{4}$/);
    return /验证码：(\d{6})/.exec(rows[0].body as string)![1]!;
  };

  it('turning it on needs the current password', async () => {
    const res = await t.http().put('/api/me/login-sms').set('Authorization', `Bearer ${token}`).send({ enabled: true, password: 'wrong-password-1' });
    expect(res.status).toBe(400);
    expect(res.body.fields.password).toBe('当前密码不正确');
  });

  it('turning it on needs a mobile on file', async () => {
    const [{ mobile_enc: saved }] = await t.ds.query(`SELECT mobile_enc FROM users WHERE username = 'applicant'`);
    await t.ds.query(`UPDATE users SET mobile_enc = NULL WHERE username = 'applicant'`);
    const res = await t.http().put('/api/me/login-sms').set('Authorization', `Bearer ${token}`).send({ enabled: true, password: DEMO_PASSWORD });
    await t.ds.query(`UPDATE users SET mobile_enc = $1 WHERE username = 'applicant'`, [saved]);
    expect(res.status).toBe(400);
    expect(res.body.fields.enabled).toContain('手机号码');
  });

  it('turns it on with the password and audits the change', async () => {
    const res = await t.http().put('/api/me/login-sms').set('Authorization', `Bearer ${token}`).send({ enabled: true, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.loginSmsEnabled).toBe(true);
    const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'account.login_sms'`);
    expect(audit[0].n).toBe(1);
  });

  it('the login then answers a challenge, sends the code to the SMS outbox, and the code signs in once', async () => {
    const step = await passwordStep();
    expect(step.mfaRequired).toBe(true);
    expect(step.accessToken).toBeUndefined();
    expect(step.secondFactor).toBe('sms');
    expect(step.maskedMobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const code = await lastCode();
    const [{ code_hash: stored }] = await t.ds.query(`SELECT code_hash FROM one_time_tokens WHERE purpose = 'mfa_sms' ORDER BY created_at DESC LIMIT 1`);
    expect(stored).not.toContain(code);
    const ok = await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toBeTruthy();
    const replay = await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code });
    expect(replay.status).toBe(401);
  });

  it('refuses a resend within 60 s and allows it after', async () => {
    const step = await passwordStep();
    const first = await lastCode();
    const early = await t.http().post('/api/auth/mfa/resend').send({ mfaToken: step.mfaToken });
    expect(early.status).toBe(429);
    expect(early.body.message).toContain('秒后再试');
    clock.pin(Date.now() + 61_000);
    const later = await t.http().post('/api/auth/mfa/resend').send({ mfaToken: step.mfaToken });
    expect(later.status).toBe(200);
    const second = await lastCode();
    if (second !== first) {
      expect((await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code: first })).status).toBe(401);
    }
    expect((await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code: second })).status).toBe(200);
  });

  it('refuses an expired code', async () => {
    const step = await passwordStep();
    const code = await lastCode();
    clock.pin(Date.now() + 5 * 60_000 + 1000);
    const res = await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('验证已过期，请重新登录');
  });

  it('five wrong codes void the challenge and lock the account', async () => {
    const step = await passwordStep();
    const code = await lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) {
      expect((await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code: wrong })).status).toBe(401);
    }
    const fifth = await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code: wrong });
    expect(fifth.status).toBe(403);
    expect((await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code })).status).toBe(401);
    const [{ locked_until: until }] = await t.ds.query(`SELECT locked_until FROM users WHERE username = 'applicant'`);
    expect(until).not.toBeNull();
    await unlock();
  });

  it('never puts the full mobile in an answer or the outbox', async () => {
    const step = await passwordStep();
    expect(JSON.stringify(step)).not.toMatch(/1\d{10}/);
    const rows = await t.ds.query(`SELECT recipient, body FROM outbox_messages WHERE event = 'auth.login_sms_code'`);
    for (const r of rows) expect(`${r.recipient} ${r.body}`).not.toMatch(/1\d{10}/);
  });

  it('turning it off needs the password too, and the login issues tokens again', async () => {
    token = await (async () => {
      const step = await passwordStep();
      const res = await t.http().post('/api/auth/mfa').send({ mfaToken: step.mfaToken, code: await lastCode() });
      return res.body.accessToken as string;
    })();
    expect((await t.http().put('/api/me/login-sms').set('Authorization', `Bearer ${token}`).send({ enabled: false, password: 'nope-nope-1' })).status).toBe(400);
    const off = await t.http().put('/api/me/login-sms').set('Authorization', `Bearer ${token}`).send({ enabled: false, password: DEMO_PASSWORD });
    expect(off.status).toBe(200);
    expect((await passwordStep()).accessToken).toBeTruthy();
  });
});

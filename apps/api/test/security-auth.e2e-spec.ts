import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoIdCard } from '../src/database/seeds/demo.seed.js';
import { totpAt } from '../src/modules/accounts/totp.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 13, sign-in as an attacker tries it: which accounts exist must not show in the words or the time of the
 * answers of login and recovery.
 */

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

describe('no account oracle (attacker tests)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({
      env: { RATE_LOGIN_PER_MIN: '100000', RATE_REGISTER_PER_MIN: '100000', RATE_PUBLIC_PER_MIN: '100000', AUTH_EQUAL_ANSWER_MS: '350' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const tryLogin = async (username: string, password = 'Wrong-pass1') =>
    t.http().post('/api/auth/login').send({ username, password, ...(await t.captcha()) });

  it('a known and an unknown account get the same answers, up to and after the lock; no remaining-tries count', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      const k = await tryLogin('unit_demo');
      const u = await tryLogin('no_such_account_x');
      known.push(`${k.status} ${k.body.code} ${k.body.message}`);
      unknown.push(`${u.status} ${u.body.code} ${u.body.message}`);
    }
    expect(known).toEqual(unknown);
    expect(known[0]).toBe('401 BAD_CREDENTIALS 用户名或密码错误');
    expect(known.join()).not.toMatch(/还可尝试/);
    expect(known[4]).toMatch(/^403 ACCOUNT_LOCKED .*已锁定15分钟/);
    expect(known[5]).toMatch(/^403 ACCOUNT_LOCKED .*分钟后再试/);
    // Even the right password is refused while locked, and says nothing more.
    const right = await tryLogin('unit_demo', 'Demo@2026');
    expect(right.status).toBe(403);
    // Every failure is audited (安全审计), the login name masked.
    const rows: { user_id: string | null; after: { login: string } }[] = await t.ds.query(
      `SELECT user_id, after FROM audit_logs WHERE action = 'auth.login_failed' ORDER BY created_at`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.some((r) => r.user_id === null && r.after.login === 'no********x')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('no_such_account_x');
  });

  it('a disabled account is named only to someone who knows its password', async () => {
    await t.ds.query(`UPDATE users SET status = 'disabled' WHERE username = 'nj_dept'`);
    try {
      const wrong = await tryLogin('nj_dept');
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('用户名或密码错误');
    } finally {
      await t.ds.query(`UPDATE users SET status = 'active', failed_logins = 0, locked_until = NULL WHERE username = 'nj_dept'`);
    }
  });

  it('a wrong password takes the same time for a known and an unknown account (200 side-by-side pairs, median paired difference < 2 ms)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (username: string) => {
      await t.ds.query(username === 'applicant' ? `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1` : `DELETE FROM login_failures WHERE $1 <> ''`, [username]);
      const body = { username, password: 'Wrong-pass1', ...(await t.captcha()) };
      const start = process.hrtime.bigint();
      const res = await t.http().post('/api/auth/login').send(body);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect(res.status).toBe(401);
      return ms;
    };
    await Promise.all([timed('applicant'), timed('nobody_applicant')]); // warm up both paths
    for (let i = 0; i < 200; i++) {
      // In pairs, side by side, so the machine's load falls on both alike; who goes first alternates.
      const [k, u] = i % 2
        ? await Promise.all([timed('applicant'), timed('nobody_applicant')])
        : await Promise.all([timed('nobody_applicant'), timed('applicant')]).then(([a, b]) => [b, a]);
      known.push(k);
      unknown.push(u);
    }
    const diff = Math.abs(median(known) - median(unknown));
    const paired = Math.abs(median(known.map((k, i) => k - unknown[i]!)));
    console.log(`login: known ${median(known).toFixed(2)} ms, unknown ${median(unknown).toFixed(2)} ms, difference ${diff.toFixed(3)} ms, paired ${paired.toFixed(3)} ms`);
    // The median of the paired differences is the measure asserted: the pair ran side by side, so the shared
    // machine's load (several ms of event-loop lag on a busy CI host) cancels; the difference of the two medians
    // still carries that noise and is held to a coarser bound.
    expect(paired).toBeLessThan(2);
    expect(diff).toBeLessThan(10);
  }, 400_000);

  it('password and username recovery answer the same words in the same time for known and unknown accounts', async () => {
    const times = { knownPw: [] as number[], unknownPw: [] as number[], knownUser: [] as number[], unknownUser: [] as number[] };
    const applicantId = demoIdCard('32010219900307123');
    const words = new Set<string>();
    const timed = async (path: string, body: object) => {
      const payload = { ...body, ...(await t.captcha()) };
      const start = process.hrtime.bigint();
      const res = await t.http().post(path).send(payload);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect(res.status).toBe(200);
      words.add(`${path} ${res.body.message}`);
      return ms;
    };
    for (let i = 0; i < 200; i++) {
      // Known and unknown side by side, so the machine's load falls on both alike; who goes first alternates (the
      // per-address rate-limit row is taken in turn).
      const calls = [
        () => timed('/api/auth/recover-password', { username: 'applicant', channel: 'sms' }),
        () => timed('/api/auth/recover-password', { username: 'nobody_applicant', channel: 'sms' }),
        () => timed('/api/auth/recover-username', { idCard: applicantId, realName: '张三', channel: 'sms' }),
        () => timed('/api/auth/recover-username', { idCard: applicantId, realName: '李四', channel: 'sms' }),
      ];
      const order = i % 2 ? [1, 0, 3, 2] : [0, 1, 2, 3];
      const out: number[] = [];
      await Promise.all(order.map(async (k) => (out[k] = await calls[k]!())));
      const [kp, up, ku, uu] = out as [number, number, number, number];
      times.knownPw.push(kp);
      times.unknownPw.push(up);
      times.knownUser.push(ku);
      times.unknownUser.push(uu);
    }
    expect(words.size).toBe(2); // one answer per route, whoever was asked for
    const pwDiff = Math.abs(median(times.knownPw) - median(times.unknownPw));
    const userDiff = Math.abs(median(times.knownUser) - median(times.unknownUser));
    const pwPaired = Math.abs(median(times.knownPw.map((k, i) => k - times.unknownPw[i]!)));
    const userPaired = Math.abs(median(times.knownUser.map((k, i) => k - times.unknownUser[i]!)));
    console.log(`recovery paired: password ${pwPaired.toFixed(3)} ms, username ${userPaired.toFixed(3)} ms`);
    expect(pwPaired).toBeLessThan(2);
    expect(userPaired).toBeLessThan(2);
    console.log(`recovery: password ${median(times.knownPw).toFixed(2)}/${median(times.unknownPw).toFixed(2)} ms, username ${median(times.knownUser).toFixed(2)}/${median(times.unknownUser).toFixed(2)} ms`);
    expect(pwDiff).toBeLessThan(10);
    expect(userDiff).toBeLessThan(10);
    // The known account's messages were really sent (the equal time is not an equal nothing).
    const sent = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE event = 'account.reset_password'`);
    expect(sent[0].n).toBe(200);
  }, 400_000);
});

describe('TOTP second factor (attacker tests)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { AUTH_EQUAL_ANSWER_MS: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const challenge = async (username: string): Promise<string> => {
    const res = await t.http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD, ...(await t.captcha()) });
    expect(res.status).toBe(200);
    expect(res.body.mfaRequired).toBe(true);
    return res.body.mfaToken as string;
  };
  const wrongCode = () => {
    const valid = new Set([-1, 0, 1].map((d) => totpAt(DEMO_TOTP_SECRET, Date.now() + d * 30_000)));
    for (let n = 0; ; n++) {
      const c = String(n).padStart(6, '0');
      if (!valid.has(c)) return c;
    }
  };

  it('a used code is refused in a second login', async () => {
    const code = totpAt(DEMO_TOTP_SECRET, Date.now());
    const first = await t.http().post('/api/auth/mfa').send({ mfaToken: await challenge('nj_admin'), code });
    expect(first.status).toBe(200);
    const replay = await t.http().post('/api/auth/mfa').send({ mfaToken: await challenge('nj_admin'), code });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/已使用/);
    expect(replay.body.accessToken).toBeUndefined();
    const step: { totp_last_step: string }[] = await t.ds.query(`SELECT totp_last_step FROM users WHERE username = 'nj_admin'`);
    expect(Number(step[0]!.totp_last_step)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 30_000) - 1);
  });

  it('one challenge takes at most 5 wrong codes, then it is void and the account locked', async () => {
    const token = await challenge('xw_admin');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().post('/api/auth/mfa').send({ mfaToken: token, code: wrongCode() })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 403]);
    // The right code no longer opens this challenge …
    const right = await t.http().post('/api/auth/mfa').send({ mfaToken: token, code: totpAt(DEMO_TOTP_SECRET, Date.now()) });
    expect(right.status).toBe(401);
    expect(right.body.accessToken).toBeUndefined();
    // … nor a new one: the account is locked as after five wrong passwords.
    const again = await t.http().post('/api/auth/login').send({ username: 'xw_admin', password: DEMO_PASSWORD, ...(await t.captcha()) });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ACCOUNT_LOCKED');
    const locks = await t.ds.query(`SELECT after FROM audit_logs WHERE action = 'account.lock' AND after->>'reason' = 'mfa'`);
    expect(locks.length).toBe(1);
  });
});

describe('sessions end at once (attacker tests)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { AUTH_EQUAL_ANSWER_MS: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const signIn = async (username: string, password = DEMO_PASSWORD) => {
    const res = await t.http().post('/api/auth/login').send({ username, password, ...(await t.captcha()) });
    expect(res.status).toBe(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!.split(';')[0]!;
    return { access: res.body.accessToken as string, cookie };
  };
  const me = (access: string) => t.http().get('/api/me').set('authorization', `Bearer ${access}`);

  it('a logged-out access token gets 401 on the next request; other sessions live on', async () => {
    const a = await signIn('unit_demo');
    const b = await signIn('unit_demo');
    expect((await me(a.access)).status).toBe(200);
    await t.http().post('/api/auth/logout').set('cookie', a.cookie).expect(200);
    const after = await me(a.access);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await me(b.access)).status).toBe(200);
    // Logout with the access token alone (no cookie) ends its session too.
    await t.http().post('/api/auth/logout').set('authorization', `Bearer ${b.access}`).expect(200);
    expect((await me(b.access)).status).toBe(401);
    expect((await t.http().post('/api/auth/refresh').set('cookie', b.cookie)).status).toBe(401);
  });

  it('a password change ends every session, access tokens included', async () => {
    const a = await signIn('nj_dept');
    const b = await signIn('nj_dept');
    await t.http().post('/api/me/password').set('authorization', `Bearer ${a.access}`).send({ oldPassword: DEMO_PASSWORD, newPassword: 'Changed#2026' }).expect(200);
    expect((await me(a.access)).status).toBe(401);
    expect((await me(b.access)).status).toBe(401);
    expect((await t.http().post('/api/auth/refresh').set('cookie', b.cookie)).status).toBe(401);
    const c = await signIn('nj_dept', 'Changed#2026');
    expect((await me(c.access)).status).toBe(200);
  });

  it('a token without a session, or of a disabled account, is refused', async () => {
    const a = await signIn('committee_demo');
    await t.ds.query(`UPDATE users SET status = 'disabled' WHERE username = 'committee_demo'`);
    expect((await me(a.access)).status).toBe(401);
    await t.ds.query(`UPDATE users SET status = 'active' WHERE username = 'committee_demo'`);
    expect((await me(a.access)).status).toBe(200);
    const [head, payload, sig] = a.access.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    delete forged.sid;
    expect((await me(`${head}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`)).status).toBe(401);
  });

  it('refresh ends after the idle timeout (30 min) and at the absolute lifetime (12 h) however active', async () => {
    const idle = await signIn('acceptance_demo');
    const r1 = await t.http().post('/api/auth/refresh').set('cookie', idle.cookie);
    expect(r1.status).toBe(200);
    const cookie2 = (r1.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!.split(';')[0]!;
    const sid = JSON.parse(Buffer.from(idle.access.split('.')[1]!, 'base64url').toString()).sid as string;
    const row: { expires_at: Date; created_at: Date }[] = await t.ds.query(`SELECT expires_at, created_at FROM sessions WHERE id = $1`, [sid]);
    expect(new Date(row[0]!.expires_at).getTime() - new Date(row[0]!.created_at).getTime()).toBe(12 * 3600_000);
    const token: { expires_at: Date }[] = await t.ds.query(`SELECT expires_at FROM refresh_tokens WHERE family_id = $1 AND rotated_at IS NULL`, [sid]);
    expect(new Date(token[0]!.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    // 31 minutes without a refresh.
    await t.ds.query(`UPDATE sessions SET refreshed_at = refreshed_at - interval '31 minutes' WHERE id = $1`, [sid]);
    expect((await t.http().post('/api/auth/refresh').set('cookie', cookie2)).status).toBe(401);
    expect((await t.ds.query(`SELECT end_reason FROM sessions WHERE id = $1`, [sid]))[0].end_reason).toBe('idle');
    expect((await me(r1.body.accessToken)).status).toBe(401);

    const active = await signIn('acceptance_demo');
    const sid2 = JSON.parse(Buffer.from(active.access.split('.')[1]!, 'base64url').toString()).sid as string;
    // Refreshed a minute ago, but signed in 12 hours ago.
    await t.ds.query(`UPDATE sessions SET created_at = created_at - interval '12 hours', expires_at = expires_at - interval '12 hours' WHERE id = $1`, [sid2]);
    expect((await t.http().post('/api/auth/refresh').set('cookie', active.cookie)).status).toBe(401);
    expect((await t.ds.query(`SELECT end_reason FROM sessions WHERE id = $1`, [sid2]))[0].end_reason).toBe('absolute');
  });
});

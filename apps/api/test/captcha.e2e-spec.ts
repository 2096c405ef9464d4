import { createHash } from 'node:crypto';
import { CAPTCHA_TEST_ANSWER, createTestContext, type TestContext } from './context.js';

// Issue 13: the captcha as an attacker would try it — read the answer off the image, reuse a solved one, use the
// test answer on a server that does not have it.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** What only the database's owner can do: recover a 4-character answer from its stored hash by trying them all. */
function answerOf(hash: string): string {
  const a = ALPHABET;
  for (const c0 of a) for (const c1 of a) for (const c2 of a) for (const c3 of a) {
    const s = c0 + c1 + c2 + c3;
    if (createHash('sha256').update(s).digest('hex') === hash) return s;
  }
  throw new Error('no answer matches the stored hash');
}

describe('captcha (issue 13)', () => {
  let real: TestContext;
  let testing: TestContext;
  beforeAll(async () => {
    // a server without CAPTCHA_TEST_ANSWER, as in production
    real = await createTestContext({ env: { CAPTCHA_TEST_ANSWER: '' } });
    testing = await createTestContext({ seed: false });
  });
  afterAll(async () => {
    await real?.close();
    await testing?.close();
  });

  const login = (t: TestContext, captchaId: string, captchaCode: string) =>
    t.http().post('/api/auth/login').send({ username: 'applicant', password: 'Demo@2026', captchaId, captchaCode });

  it('the image holds no text to read: only paths (glyph outlines and noise curves) on a background', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await real.http().get('/api/auth/captcha').expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['captchaId', 'svg']);
      const svg: string = res.body.svg;
      const tags = [...svg.matchAll(/<\s*([a-zA-Z]+)/g)].map((m) => m[1]);
      expect(new Set(tags)).toEqual(new Set(['svg', 'rect', 'path']));
      expect(svg).not.toMatch(/<text|font|<use|xlink|<image|data:/i);
      // the glyphs: 4 filled paths; the noise: curves without fill
      expect(tags.filter((t) => t === 'path').length).toBeGreaterThanOrEqual(8);
      const [row] = (await real.ds.query(`SELECT answer_hash FROM captchas WHERE id = $1`, [res.body.captchaId])) as { answer_hash: string }[];
      expect(row.answer_hash).toMatch(/^[0-9a-f]{64}$/);
      // no character sequence of the answer appears between tags
      const answer = answerOf(row.answer_hash);
      expect(svg.replace(/<[^>]*>/g, '')).not.toContain(answer);
    }
  }, 120_000);

  it('the right answer is accepted once; the same challenge is then spent, whatever the answer', async () => {
    const res = await real.http().get('/api/auth/captcha').expect(200);
    const [row] = (await real.ds.query(`SELECT answer_hash FROM captchas WHERE id = $1`, [res.body.captchaId])) as { answer_hash: string }[];
    const answer = answerOf(row.answer_hash);
    const first = await login(real, res.body.captchaId, answer.toLowerCase());
    expect(first.status).toBe(200);
    const again = await login(real, res.body.captchaId, answer);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'CAPTCHA_INVALID', message: '验证码错误或已过期，请刷新后重试', fields: { captchaCode: '验证码错误或已过期' } });
  }, 60_000);

  it('the test answer works only on a server started with it, and there it is the only answer', async () => {
    const a = await real.http().get('/api/auth/captcha').expect(200);
    expect((await login(real, a.body.captchaId, CAPTCHA_TEST_ANSWER)).body.code).toBe('CAPTCHA_INVALID');
    const b = await testing.http().get('/api/auth/captcha').expect(200);
    expect((await login(testing, b.body.captchaId, 'ABCD')).body.code).toBe('CAPTCHA_INVALID');
    const c = await testing.http().get('/api/auth/captcha').expect(200);
    // past the captcha (no seeded accounts here): the answer is the password's, not the captcha's
    const ok = await login(testing, c.body.captchaId, CAPTCHA_TEST_ANSWER);
    expect(ok.status).toBe(401);
    expect(ok.body.code).not.toBe('CAPTCHA_INVALID');
  });
});

import Fastify from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, trustProxySetting } from '../src/config/config.js';
import { trustProxyOption } from '../src/app.factory.js';
import { TokenService } from '../src/modules/accounts/token.service.js';
import { createTestContext, type TestContext } from './context.js';

/** Issue 12: the edge — which client address the API believes, limits that a spoofed header cannot escape, refresh limited per session. */
describe('TRUST_PROXY', () => {
  /** The address fastify believes for a request sent from `from` (a loopback address) with that X-Forwarded-For. */
  const ipOf = async (setting: string, from: string, xff?: string) => {
    const f = Fastify({ trustProxy: trustProxyOption(trustProxySetting(setting)) });
    f.get('/', (req) => ({ ip: req.ip }));
    await f.listen({ host: '127.0.0.1', port: 0 });
    const port = (f.server.address() as AddressInfo).port;
    try {
      return await new Promise<string>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/', localAddress: from, headers: xff ? { 'x-forwarded-for': xff } : {} }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve((JSON.parse(body) as { ip: string }).ip));
        });
        req.on('error', reject);
        req.end();
      });
    } finally {
      await f.close();
    }
  };

  it('takes a hop count, a list of proxy addresses, or nothing — never a bare true', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('127.0.0.1, 10.0.0.0/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(() => trustProxySetting('true')).toThrow(ConfigError);
    expect(() => trustProxySetting('true')).toThrow(/代理层数/);
    expect(() => trustProxySetting('10.0.0.0/99')).toThrow(/10\.0\.0\.0\/99/);
    expect(() => trustProxySetting('nginx')).toThrow(/无效/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/zhicheng-test-data', TRUST_PROXY: 'yes' })).toThrow(ConfigError);
  });

  it('believes X-Forwarded-For only from a listed proxy', async () => {
    // From the proxy: the address nginx put there.
    // (Loopback addresses stand in for the machines: 127.0.0.2 is the proxy, 127.0.0.9 a client.)
    expect(await ipOf('127.0.0.2', '127.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    // Straight from a client: whatever it claims, its own address.
    expect(await ipOf('127.0.0.2', '127.0.0.9', '203.0.113.7')).toBe('127.0.0.9');
    // A client prepending a spoofed entry through the proxy: only the entry the proxy added counts.
    expect(await ipOf('127.0.0.2', '127.0.0.2', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('with a hop count takes the address N hops in, and without the setting ignores the header', async () => {
    expect(await ipOf('1', '127.0.0.2', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf('2', '127.0.0.2', '6.6.6.6, 203.0.113.7, 10.2.2.2')).toBe('203.0.113.7');
    expect(await ipOf('', '127.0.0.2', '6.6.6.6')).toBe('127.0.0.2');
  });
});

describe('limits behind the edge', () => {
  let t: TestContext;
  beforeAll(async () => {
    // Only 10.9.9.9 would be a proxy: the test client (loopback) is not, so its X-Forwarded-For is not believed.
    t = await createTestContext({ env: { TRUST_PROXY: '10.9.9.9', RATE_LOGIN_PER_MIN: '3', RATE_REFRESH_PER_MIN: '4' } });
  });
  afterAll(() => t.close());

  it('answers every request with its request id, keeping a well-formed one from the proxy', async () => {
    const a = await t.http().get('/api/health').expect(200);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.http().get('/api/health').set('x-request-id', 'nginx-0123456789abcdef').expect(200);
    expect(b.headers['x-request-id']).toBe('nginx-0123456789abcdef');
    const c = await t.http().get('/api/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const err = await t.http().get('/api/no-such-route').expect(404);
    expect(err.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('limits logins per address whatever X-Forwarded-For claims, and refreshes per session, not per address', async () => {
    const tokens = t.app.get(TokenService);
    const user = (await t.ds.query(`SELECT id FROM users WHERE username = 'applicant'`))[0].id as string;
    // 30 sessions of the same office (one address): each is refreshed twice — 60 refreshes, all fine.
    const sessions = await Promise.all(Array.from({ length: 30 }, async () => (await tokens.startSession(user)).refreshToken));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < sessions.length; i++) {
        const res = await t.http().post('/api/auth/refresh').set('cookie', `zc_rt=${sessions[i]}`);
        expect(res.status).toBe(200);
        sessions[i] = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!.split(';')[0]!.slice(6);
      }
    }
    // Ten logins with invented addresses: the limit (3 a minute) still bites, since the header is not believed.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', `203.0.113.${i + 1}`)
        .send({ username: 'applicant', password: 'wrong', captchaId: '00000000-0000-0000-0000-000000000000', captchaCode: 'AAAA' });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    // The login bucket is full; refreshing is not in it.
    const r = await t.http().post('/api/auth/refresh').set('cookie', `zc_rt=${sessions[0]}`);
    expect(r.status).toBe(200);
    let token = (r.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('zc_rt='))!.split(';')[0]!.slice(6);
    // One session refreshed in a loop is limited (4 a minute), and a refused refresh keeps its cookie.
    const loop: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/auth/refresh').set('cookie', `zc_rt=${token}`);
      loop.push(res.status);
      const set = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
      if (res.status === 200) token = set.find((c) => c.startsWith('zc_rt='))!.split(';')[0]!.slice(6);
      else {
        expect(res.status).toBe(429);
        expect(res.body.message).toContain('过于频繁');
        expect(set.some((c) => c.startsWith('zc_rt=;'))).toBe(false);
      }
    }
    expect(loop).toContain(429);
    // Other sessions of the same address are unaffected.
    expect((await t.http().post('/api/auth/refresh').set('cookie', `zc_rt=${sessions[1]}`)).status).toBe(200);
    // Unknown tokens answer 401 (and are counted per address).
    expect((await t.http().post('/api/auth/refresh').set('cookie', 'zc_rt=nonsense')).status).toBe(401);
  }, 240_000);
});

import { ConfigError, loadConfig } from './config.js';

describe('configuration validated at start', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/zc-config-spec', JWT_SECRET: 'x'.repeat(32), DATA_KEY: 'a'.repeat(32), INDEX_KEY: 'b'.repeat(64) };
  it('reads defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
  });
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ DATA_KEY: 'xyz' }, /DATA_KEY/],
    [{ AUTH_CAPTCHA_EXPOSE: 'maybe' }, /AUTH_CAPTCHA_EXPOSE/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
  ])('refuses a bad value with a clear message: %j', (over, re) => {
    expect(() => loadConfig({ ...base, ...over })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...over })).toThrow(re);
  });
  it('requires explicit secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/zc-config-spec' })).toThrow(/生产环境必须配置/);
  });
});

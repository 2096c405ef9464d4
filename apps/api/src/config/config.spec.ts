import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  it('requires explicit secrets in production, naming each missing setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/zc-config-spec' })).toThrow(/生产环境缺少 7 个必需的配置项/);
    const full = {
      NODE_ENV: 'production',
      DATA_DIR: '/tmp/zc-config-spec',
      DATABASE_URL: 'postgres://u@h/db',
      JWT_SECRET: 'x'.repeat(40),
      DATA_KEY: '00112233445566778899aabbccddeeff',
      INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      CERT_SEAL_BUNDLE: '/tmp/zc-config-spec/seal-bundle.json',
      PUBLIC_BASE_URL: 'https://zhicheng.example.gov.cn',
    };
    expect(loadConfig(full).env).toBe('production');
    for (const key of ['DATABASE_URL', 'JWT_SECRET', 'DATA_KEY', 'INDEX_KEY', 'CERT_SIGNING_KEY', 'CERT_SEAL_BUNDLE', 'PUBLIC_BASE_URL']) {
      let message = '';
      try {
        loadConfig({ ...full, [key]: '' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('缺少 1 个');
      expect(message).toContain(`${key}：`);
    }
  });

  it('refuses to make new development keys for an existing embedded database', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zc-keys-'));
    mkdirSync(path.join(dir, 'pgdata'));
    writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '17');
    expect(() => loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })).toThrow(/缺少它的密钥文件 dev-secrets\.json/);
    rmSync(dir, { recursive: true, force: true });
  });
});

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
    [{ CAPTCHA_TEST_ANSWER: 'a b' }, /CAPTCHA_TEST_ANSWER/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
  ])('refuses a bad value with a clear message: %j', (over, re) => {
    expect(() => loadConfig({ ...base, ...over })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...over })).toThrow(re);
  });
  it('X-05/X-06: reads SMTP, SMS and job settings, and names what is missing or wrong in Chinese', () => {
    const c = loadConfig({ ...base, SMTP_HOST: 'smtp.example.gov.cn', SMTP_FROM: '职称 <a@b.cn>', SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMS_PROVIDER: 'aliyun', SMS_ALIYUN_ACCESS_KEY_ID: 'id', SMS_ALIYUN_ACCESS_KEY_SECRET: 's', SMS_SIGN_NAME: '签名', SMS_TEMPLATE_CODE: 'SMS_1', SMS_TEMPLATES: 'account.reset_password=SMS_2', JOBS_POLL_SECONDS: '0.5' });
    expect(c.messages.smtp).toMatchObject({ host: 'smtp.example.gov.cn', port: 587, secure: false, user: 'u', from: '职称 <a@b.cn>' });
    expect(c.messages.sms).toMatchObject({ provider: 'aliyun', endpoint: 'https://dysmsapi.aliyuncs.com/', templates: { 'account.reset_password': 'SMS_2' } });
    expect(c.jobs).toMatchObject({ worker: true, pollSeconds: 0.5, heartbeatSeconds: 10 });
    expect(loadConfig({ ...base, CERT_WORKER: 'false' }).jobs.worker).toBe(false);
    expect(() => loadConfig({ ...base, SMTP_HOST: 'h' })).toThrow(/缺少 SMTP_FROM/);
    expect(() => loadConfig({ ...base, SMTP_HOST: 'h', SMTP_FROM: 'f', SMTP_USER: 'u' })).toThrow(/缺少 SMTP_PASSWORD/);
    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'tencent' })).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'aliyun' })).toThrow(/SMS_ALIYUN_ACCESS_KEY_ID、SMS_ALIYUN_ACCESS_KEY_SECRET、SMS_SIGN_NAME、SMS_TEMPLATE_CODE/);
    expect(() => loadConfig({ ...base, JOBS_HEARTBEAT_SECONDS: '5' })).toThrow(/JOBS_HEARTBEAT_SECONDS/);
    expect(() => loadConfig({ ...base, MESSAGE_MAX_ATTEMPTS: '0' })).toThrow(/MESSAGE_MAX_ATTEMPTS/);
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
    expect(() => loadConfig({ ...full, CAPTCHA_TEST_ANSWER: 'TEST' })).toThrow(/生产环境不允许设置 CAPTCHA_TEST_ANSWER/);
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

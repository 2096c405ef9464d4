import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { createApp } from '../src/app.factory.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/database/embedded.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from '../src/database/seeds/demo.seed.js';
import { totpAt } from '../src/modules/accounts/totp.js';
import { adminQuery, readInfo, withDatabase } from './db.js';
import { createBuilders, type Builders } from './support/builders.js';

/** The answer every captcha of the test server accepts (CAPTCHA_TEST_ANSWER). */
export const CAPTCHA_TEST_ANSWER = 'TEST';

export interface TestContext extends Builders {
  app: NestFastifyApplication;
  ds: DataSource;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** A captcha and its answer: the test server runs with CAPTCHA_TEST_ANSWER, which every captcha accepts. */
  captcha(): Promise<{ captchaId: string; captchaCode: string }>;
  /** Signs in (with the second factor for admins) and returns the access token. */
  login(username: string, password?: string): Promise<string>;
  /** The connection URL of this context's database (for a CLI run against it). */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh database for one test file (cloned from the migrated template, or a loaded PGlite dump),
 * the demo data seeded, and the whole HTTP application on top of it.
 */
export async function createTestContext(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestContext> {
  const info = readInfo();
  let url: string;
  let embedded: EmbeddedDatabase | null = null;
  let dbName: string | null = null;
  if (info.mode === 'server') {
    dbName = `zc_test_${randomBytes(5).toString('hex')}`;
    await adminQuery(info.adminUrl!, `CREATE DATABASE ${dbName} TEMPLATE ${info.template}`);
    url = withDatabase(info.adminUrl!, dbName);
  } else {
    const dump = new Blob([readFileSync(info.dumpFile!)]);
    embedded = await startEmbeddedDatabase({ dataDir: null, loadDataDir: dump, maxConnections: 4 });
    url = embedded.url;
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/zhicheng-test-data',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    CAPTCHA_TEST_ANSWER,
    RATE_LOGIN_PER_MIN: '1000',
    RATE_REGISTER_PER_MIN: '1000',
    RATE_PUBLIC_PER_MIN: '1000',
    // Tests fire dozens of parallel requests at a 4-connection pool on a shared machine: wait longer for a
    // connection or a lock than production's 5 s (db-limits.e2e-spec.ts sets its own short limits).
    DB_POOL_WAIT_MS: '30000',
    DB_LOCK_TIMEOUT_MS: '30000',
    JOBS_POLL_SECONDS: '0.5',
    JOBS_SUPERVISE_SECONDS: '2',
    ...opts.env,
  });
  const app = await createApp(config, url, 4);
  const ds = app.get(DataSource);
  if (opts.seed !== false) await seedDemo(ds, config);
  const http = () => request(app.getHttpServer());
  const captcha = async () => {
    const res = await http().get('/api/auth/captcha').expect(200);
    return { captchaId: res.body.captchaId as string, captchaCode: CAPTCHA_TEST_ANSWER };
  };
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await http()
      .post('/api/auth/login')
      .send({ username, password, ...(await captcha()) });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.mfaRequired) {
      // A code is accepted once per user (issue 13); tests sign the same admin in many times a minute, so the
      // helper forgets the last accepted step first (the replay refusal itself is tested in security-auth).
      await ds.query(`UPDATE users SET totp_last_step = NULL WHERE username = $1`, [username]);
      const mfa = await http().post('/api/auth/mfa').send({ mfaToken: res.body.mfaToken, code: totpAt(DEMO_TOTP_SECRET, Date.now()) });
      if (mfa.status !== 200) throw new Error(`mfa ${username} failed: ${JSON.stringify(mfa.body)}`);
      return mfa.body.accessToken as string;
    }
    return res.body.accessToken as string;
  };
  return {
    ...createBuilders({ app, ds, http, login }),
    app,
    ds,
    config,
    databaseUrl: url,
    http,
    captcha,
    login,
    async close() {
      await app.close();
      if (embedded) await embedded.stop();
      if (dbName) await adminQuery(info.adminUrl!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

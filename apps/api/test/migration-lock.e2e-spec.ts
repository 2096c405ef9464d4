import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/config.js';
import { createDataSource } from '../src/database/data-source.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/database/embedded.js';
import { checkKeysMatchData } from '../src/database/key-check.js';
import { withMigrationLock } from '../src/database/migration-lock.js';
import { seedDemo } from '../src/database/seeds/demo.seed.js';
import { adminQuery, readInfo, withDatabase } from './db.js';

/**
 * Issue 12: two API processes started at once on an empty database both come up — what each does at start
 * (migrations, then the demo data) runs under the advisory lock, on a database of its own (never the template).
 */
describe('start-up on an empty database', () => {
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/zhicheng-test-data',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  };
  let url: string;
  let dbName: string | null = null;
  let embedded: EmbeddedDatabase | null = null;
  const info = readInfo();

  beforeAll(async () => {
    if (info.mode === 'server') {
      dbName = `zc_test_lock_${randomBytes(5).toString('hex')}`;
      await adminQuery(info.adminUrl!, `CREATE DATABASE ${dbName}`);
      url = withDatabase(info.adminUrl!, dbName);
    } else {
      embedded = await startEmbeddedDatabase({ dataDir: null, maxConnections: 6 });
      url = embedded.url;
    }
  });
  afterAll(async () => {
    if (dbName) await adminQuery(info.adminUrl!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await embedded?.stop();
  });

  it('two processes migrating and seeding at once both succeed, and the data exists once', async () => {
    const config = loadConfig(env);
    const start = async () => {
      const ds = createDataSource(url, 2);
      await ds.initialize();
      try {
        return await withMigrationLock(ds, async () => {
          await ds.runMigrations({ transaction: 'each' });
          await checkKeysMatchData(ds, config);
          return (await seedDemo(ds, config)).length;
        });
      } finally {
        await ds.destroy();
      }
    };
    const [a, b] = await Promise.all([start(), start()]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a);
    const check = createDataSource(url, 1);
    await check.initialize();
    const [{ n }] = await check.query(`SELECT count(*)::int AS n FROM users WHERE username = 'admin'`);
    expect(n).toBe(1);
    expect(await check.showMigrations()).toBe(false);
    // Started again with other keys, the data is refused with a clear message instead of 500s later.
    await expect(checkKeysMatchData(check, loadConfig({ ...env, DATA_KEY: 'ffeeddccbbaa99887766554433221100' }))).rejects.toThrow(/DATA_KEY/);
    await expect(
      checkKeysMatchData(check, loadConfig({ ...env, INDEX_KEY: 'ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' })),
    ).rejects.toThrow(/INDEX_KEY/);
    await check.destroy();
  });
});

import 'reflect-metadata';
import path from 'node:path';
import { ConfigError, loadConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { startEmbeddedDatabase } from './database/embedded.js';
import { DEMO_PASSWORD, seedDemo } from './database/seeds/demo.seed.js';
import { createApp } from './app.factory.js';
import { ROLE_LABELS } from '@zhicheng/contracts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`配置错误：${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pgdata'), maxConnections: poolSize });
  const url = config.databaseUrl ?? embedded!.url;

  // Migrations (and the demo data when asked) before the server accepts traffic.
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const seed = process.env.SEED_DEMO === 'true' ? await seedDemo(ds, config) : null;
  await ds.destroy();

  const app = await createApp(config, url, poolSize);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  console.log('');
  console.log(`职称申报评审平台已启动: ${base}`);
  console.log(`  数据库: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `内置 PostgreSQL (PGlite) ${path.join(config.dataDir, 'pgdata')}`}`);
  console.log(`  API 文档: ${base}/api/docs`);
  if (config.outboxDevSink) console.log(`  短信/邮件开发收件箱: ${base}/dev/outbox`);
  if (seed) {
    console.log(`  演示账号（密码均为 ${DEMO_PASSWORD}）:`);
    for (const a of seed) {
      console.log(`    ${a.username.padEnd(16)} ${ROLE_LABELS[a.role]}${a.organisation ? ' · ' + a.organisation : ''}${a.note ? ' · ' + a.note : ''}`);
    }
  }
  const shutdown = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

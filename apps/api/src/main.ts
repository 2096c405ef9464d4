import 'reflect-metadata';
import path from 'node:path';
import { ConfigError, loadConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { withMigrationLock } from './database/migration-lock.js';
import { checkKeysMatchData } from './database/key-check.js';
import { startEmbeddedDatabase } from './database/embedded.js';
import { DEMO_PASSWORD, seedDemo } from './database/seeds/demo.seed.js';
import { createApp } from './app.factory.js';
import { HealthController } from './modules/health/health.controller.js';
import { ROLE_LABELS } from '@zhicheng/contracts';
import { scrubText } from './common/logging/redact.js';

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
  const poolSize = config.db.poolSize;
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pgdata'), maxConnections: poolSize });
  const url = config.databaseUrl ?? embedded!.url;

  // Migrations (and the demo data when asked) before the server accepts traffic.
  // Under an advisory lock: API processes started at once on an empty database take turns (see migration-lock.ts).
  const ds = createDataSource(url, 2);
  await ds.initialize();
  const seed = await withMigrationLock(
    ds,
    async () => {
      await ds.runMigrations({ transaction: 'each' });
      await checkKeysMatchData(ds, config);
      return process.env.SEED_DEMO === 'true' ? seedDemo(ds, config) : null;
    },
    { embedded: !!embedded },
  );
  await ds.destroy();

  const app = await createApp(config, url, poolSize);
  await app.listen({ port: config.port, host: config.host });
  const log = app.getHttpAdapter().getInstance().log;
  const base = `http://localhost:${config.port}`;
  if (config.env === 'production') {
    // Production: one JSON line like every other (collected by the log system).
    log.info({ port: config.port, database: config.databaseUrl ? 'postgresql' : 'embedded', pid: process.pid }, 'started');
  } else {
    console.log('');
    console.log(`职称申报评审平台已启动: ${base}`);
    console.log(`  数据库: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `内置 PostgreSQL (PGlite) ${path.join(config.dataDir, 'pgdata')}`}`);
    console.log(`  API 文档: ${base}/api/docs`);
    if (config.outboxDevSink) console.log(`  短信/邮件开发收件箱: ${base}/dev/outbox`);
    if (seed) {
      // ID numbers masked even here (the output is often collected as a log; the README lists them in full)
      console.log(`  演示账号（密码均为 ${DEMO_PASSWORD}；完整身份证号见 README）:`);
      for (const a of seed) {
        console.log(`    ${a.username.padEnd(16)} ${ROLE_LABELS[a.role]}${a.organisation ? ' · ' + a.organisation : ''}${a.note ? ' · ' + scrubText(a.note) : ''}`);
      }
    }
  }
  // Graceful stop: readiness answers 503 at once (the proxies stop sending), fastify stops accepting and lets the
  // requests in flight finish, Nest's shutdown hooks run (workers stop), the pool closes. Bounded by SHUTDOWN_TIMEOUT_MS.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping');
    app.get(HealthController).markStopping();
    const force = setTimeout(() => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'stop took too long, exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    void (async () => {
      try {
        await app.close();
        await embedded?.stop();
        log.info('stopped');
        setImmediate(() => process.exit(0));
      } catch (e) {
        log.error({ err: e }, 'stop failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Started by `npm start` (scripts/start.mjs) with an IPC channel: when the wrapper is gone, stop too.
  if (process.send) process.on('disconnect', () => shutdown('SIGTERM'));
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(`配置错误：${e.message}`);
    process.exit(2);
  }
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(JSON.stringify({ level: 50, time: Date.now(), msg: 'start failed', err: { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } }) + '\n');
  } else console.error(e);
  process.exit(1);
});

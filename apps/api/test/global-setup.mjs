// Runs in Jest's parent process, untransformed: it uses the compiled API (the test script builds first).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource } from '../dist/database/data-source.js';
import { startEmbeddedDatabase } from '../dist/database/embedded.js';

/**
 * Migrates one template database for the whole run. With DATABASE_URL (a real PostgreSQL server)
 * each test file then clones it with CREATE DATABASE … TEMPLATE; without, a migrated PGlite data
 * folder is dumped and each test file loads the dump into its own embedded instance.
 */
export default async function globalSetup() {
  process.env.ZC_TEST_RUN ??= `${process.pid}`;
  const infoFile = path.join(os.tmpdir(), `zhicheng-test-db-${process.env.ZC_TEST_RUN}.json`);
  const serverUrl = process.env.DATABASE_URL;
  let info;
  if (serverUrl) {
    const template = `zc_tmpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${template}`);
    await c.end();
    const u = new URL(serverUrl);
    u.pathname = `/${template}`;
    const ds = createDataSource(u.toString(), 2);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    info = { mode: 'server', adminUrl: serverUrl, template };
  } else {
    const db = await startEmbeddedDatabase({ dataDir: null, maxConnections: 2 });
    const ds = createDataSource(db.url, 1);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    const dump = await db.db.dumpDataDir('gzip');
    const dumpFile = path.join(os.tmpdir(), `zhicheng-test-${process.env.ZC_TEST_RUN}.tar.gz`);
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    await db.stop();
    info = { mode: 'embedded', dumpFile };
  }
  writeFileSync(infoFile, JSON.stringify(info));
}

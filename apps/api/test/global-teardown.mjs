import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const infoFile = path.join(os.tmpdir(), `zhicheng-test-db-${process.env.ZC_TEST_RUN}.json`);
  if (!existsSync(infoFile)) return;
  const info = JSON.parse(readFileSync(infoFile, 'utf8'));
  if (info.mode === 'server') {
    const c = new pg.Client({ connectionString: info.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${info.template} WITH (FORCE)`);
    await c.end();
  }
  if (info.dumpFile && existsSync(info.dumpFile)) rmSync(info.dumpFile);
  rmSync(infoFile);
}

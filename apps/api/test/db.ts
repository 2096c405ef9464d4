import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Shared facts between the global setup and the test files (written to a file: workers are processes). */
export interface TestDbInfo {
  mode: 'server' | 'embedded';
  /** server: admin URL and the migrated template's name. */
  adminUrl?: string;
  template?: string;
  /** embedded: a dump of a migrated PGlite data folder. */
  dumpFile?: string;
}

export const INFO_FILE = path.join(os.tmpdir(), `zhicheng-test-db-${process.env.ZC_TEST_RUN ?? 'local'}.json`);

export function readInfo(): TestDbInfo {
  return JSON.parse(readFileSync(INFO_FILE, 'utf8')) as TestDbInfo;
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

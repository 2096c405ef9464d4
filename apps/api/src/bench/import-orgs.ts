import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { creditCodeCheckChar } from '@zhicheng/contracts';
import { createApp } from '../app.factory.js';
import { ExcelService } from '../common/excel/excel.service.js';
import { loadConfig } from '../config/config.js';
import { createDataSource } from '../database/data-source.js';
import { startEmbeddedDatabase } from '../database/embedded.js';
import { seedDemo } from '../database/seeds/demo.seed.js';

/**
 * X-01 benchmark: writes a 50,000-row organisation workbook with the streaming writer, then runs the
 * import preview (validation of every row) and the commit, printing time and peak RSS.
 * Run: `pnpm build && node dist/bench/import-orgs.js [rows]` (DATABASE_URL for a real server, else PGlite).
 */
const ROWS = Number(process.argv[2] ?? 50_000);
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zc-bench-'));
  const file = path.join(dir, 'orgs.xlsx');
  let t0 = Date.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['机构名称', '机构类型', '行政区划代码', '级别', '统一社会信用代码', '单位性质', '联系人', '联系电话']).commit();
  const counties = ['320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115', '320116'];
  for (let i = 0; i < ROWS; i++) {
    let tail = '';
    for (let n = i, k = 0; k < 6; k++, n = Math.floor(n / ALPHABET.length)) tail = ALPHABET[n % ALPHABET.length] + tail;
    const first17 = `91320102MA1${tail}`;
    ws.addRow([
      `压测单位${i}有限公司`,
      '单位',
      counties[i % counties.length],
      '',
      first17 + creditCodeCheckChar(first17),
      '企业',
      '经办人',
      '025-12345678',
    ]).commit();
  }
  await wb.commit();
  const writeMs = Date.now() - t0;
  console.log(`generated ${ROWS} rows (${mb(statSync(file).size)}) in ${writeMs} ms`);

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  });
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase({ dataDir: null, maxConnections: 4 });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const mig = createDataSource(url, 1);
  await mig.initialize();
  await mig.runMigrations({ transaction: 'each' });
  await mig.destroy();
  const app = await createApp(config, url, 4);
  const ds = app.get(DataSource);
  await seedDemo(ds, config);
  const [admin] = await ds.query(
    `SELECT u.id, u.username, u.role, u.organisation_id, o.region_code, o.level FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = 'admin'`,
  );
  const user = {
    id: admin.id,
    username: admin.username,
    role: admin.role,
    organisationId: admin.organisation_id,
    regionCode: admin.region_code,
    orgLevel: admin.level,
  };
  const excel = app.get(ExcelService);
  peak = 0;
  const base = process.memoryUsage().rss;
  t0 = Date.now();
  const preview = await excel.preview('organisations', file, user);
  const previewMs = Date.now() - t0;
  const previewPeak = peak;
  console.log(`preview: ${preview.succeeded} succeeded, ${preview.failed} failed in ${previewMs} ms`);
  t0 = Date.now();
  const done = await excel.commit(preview.jobId, user);
  const commitMs = Date.now() - t0;
  console.log(`commit: ${done.committed} rows in ${commitMs} ms`);
  console.log(`RSS before import ${mb(base)}; peak during preview ${mb(previewPeak)}; peak overall ${mb(peak)}`);
  await app.close();
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
  clearInterval(timer);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

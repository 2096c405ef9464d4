// `node dist/openapi.js [--check]`: writes the OpenAPI document of the application to docs/openapi.json, or
// with --check fails when the committed document differs from the code. The application is built without
// listening, on DATABASE_URL (migrated first, as at start) or else on an in-memory embedded PostgreSQL.
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { startEmbeddedDatabase } from './database/embedded.js';
import { createApp, openApiDocument } from './app.factory.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');

async function main(check: boolean): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zc-openapi-'));
  // Only the database comes from the environment: the document must not depend on a developer's settings.
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: null, maxConnections: 2 });
  const url = config.databaseUrl ?? embedded!.url;
  try {
    const ds = createDataSource(url, 2);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    const app = await createApp(config, url, 2);
    const text = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    await app.close();
    const operations = (text.match(/"operationId":/g) ?? []).length;
    if (!check) {
      writeFileSync(target, text);
      console.log(`docs/openapi.json: ${operations} operations written`);
      return 0;
    }
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // a missing file is a difference like any other
    }
    if (committed === text) {
      console.log(`docs/openapi.json matches the code (${operations} operations)`);
      return 0;
    }
    console.error('docs/openapi.json differs from the code: run `npm run openapi` and commit the result');
    return 1;
  } finally {
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

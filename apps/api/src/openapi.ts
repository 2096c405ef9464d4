// `node dist/openapi.js [--check]`: writes the OpenAPI document of the application to docs/openapi.json, or
// with --check fails when the committed document differs from the code. Either way it fails when an operation
// has no summary or no response schema, or a summary names no route (openapi/document.ts). The application is
// built without listening, on DATABASE_URL (migrated first, as at start) or else on an in-memory embedded
// PostgreSQL; the response schemas come from the sources' TypeScript types (openapi/response-schemas.ts).
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { startEmbeddedDatabase } from './database/embedded.js';
import { createApp } from './app.factory.js';
import { buildDocument } from './openapi/document.js';
import { responseCatalog } from './openapi/response-schemas.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');

/** Names the operations whose committed text differs (or that only one side has), so the failure says where. */
function printDrift(committedText: string, text: string): void {
  let committed: { paths?: Record<string, Record<string, unknown>> } = {};
  try {
    committed = JSON.parse(committedText) as typeof committed;
  } catch {
    console.error('  (the committed document is missing or not JSON)');
    return;
  }
  const current = JSON.parse(text) as typeof committed;
  const flat = (d: typeof committed) =>
    new Map(Object.entries(d.paths ?? {}).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${p}`, JSON.stringify(op)] as const)));
  const [a, b] = [flat(committed), flat(current)];
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const drift = keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `  - ${k}: ${!a.has(k) ? 'not in the committed document' : !b.has(k) ? 'no longer a route' : 'differs'}`);
  console.error(drift.length ? drift.join('\n') : '  (the operations agree; components or document metadata differ)');
}

async function main(check: boolean): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zc-openapi-'));
  // Only the database comes from the environment: the document must not depend on a developer's settings.
  // No job worker: the document needs the routes, not the background work.
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, JOBS_WORKER: 'false' });
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: null, maxConnections: 6 });
  const url = config.databaseUrl ?? embedded!.url;
  try {
    const ds = createDataSource(url, 2);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    const app = await createApp(config, url, 2);
    const { document, problems } = buildDocument(app, responseCatalog);
    await app.close();
    const text = `${JSON.stringify(document, null, 2)}\n`;
    const operations = (text.match(/"operationId":/g) ?? []).length;
    if (problems.length) {
      console.error(`The OpenAPI document is incomplete (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      if (check) return 1;
      console.error('docs/openapi.json is written all the same; `npm run openapi:check` fails until these are fixed');
    }
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
    printDrift(committed, text);
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

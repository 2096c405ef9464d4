// `npm test`: installs what is missing, builds the shared package, runs every unit and integration
// test (against DATABASE_URL when set, else an embedded PostgreSQL).
import { runPnpm } from './pnpm.mjs';
import { existsSync } from 'node:fs';

const steps = [
  existsSync('node_modules/.pnpm') ? null : ['install', '--frozen-lockfile'],
  ['--filter', '@zhicheng/contracts', 'run', 'build'],
  ['--filter', '@zhicheng/api', 'run', 'test', ...process.argv.slice(2)],
];
for (const s of steps) {
  if (!s) continue;
  const code = runPnpm(s);
  if (code !== 0) process.exit(code);
}

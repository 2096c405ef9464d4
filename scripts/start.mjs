// `npm start`: installs dependencies, builds everything, and starts the API serving the built SPA on one
// port, on an embedded PostgreSQL (PGlite) in ./.data unless DATABASE_URL is set, with the demo data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPnpm } from './pnpm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = (label, args) => {
  console.log(`\n> ${label}`);
  const code = runPnpm(args);
  if (code !== 0) {
    console.error(`${label} 失败 (exit ${code})`);
    process.exit(code);
  }
};

if (process.env.SKIP_INSTALL !== 'true') step('安装依赖', ['install', '--frozen-lockfile']);
if (process.env.SKIP_BUILD !== 'true') step('构建', ['-r', '--workspace-concurrency=1', '--filter', './packages/*', '--filter', './apps/*', 'run', 'build']);

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  SEED_DEMO: process.env.SEED_DEMO ?? 'true',
  DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data'),
  WEB_DIST: process.env.WEB_DIST ?? path.join(root, 'apps/web/dist'),
  PORT: process.env.PORT ?? '3000',
};
// The API runs as a child with an IPC channel: signals are passed on and the wrapper waits for the child to finish
// (it holds the embedded database folder); a second signal kills it. Should the wrapper itself die (kill -9), the
// channel closes and the API stops on its own (main.ts listens for 'disconnect').
const child = spawn(process.execPath, ['dist/main.js'], { cwd: path.join(root, 'apps/api'), env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
let signalled = 0;
const forward = (sig) => {
  signalled++;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signalled > 1 ? 'SIGKILL' : sig);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => forward(sig));
child.on('exit', (code, signal) => {
  const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 };
  process.exit(code ?? (signal ? 128 + (SIGNALS[signal] ?? 1) : 0));
});

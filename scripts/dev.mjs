// `npm run dev`: API (rebuilt on start) plus the Vite dev server with hot reload, proxying /api.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmCommand, runPnpm } from './pnpm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const f of ['@zhicheng/contracts', '@zhicheng/api']) if (runPnpm(['--filter', f, 'run', 'build']) !== 0) process.exit(1);
const api = spawn(process.execPath, ['dist/main.js'], {
  cwd: path.join(root, 'apps/api'),
  env: { ...process.env, SEED_DEMO: 'true', PORT: process.env.API_PORT ?? '3000', DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data') },
  stdio: 'inherit',
});
const { cmd, pre } = pnpmCommand();
const web = spawn(cmd, [...pre, '--filter', '@zhicheng/web', 'run', 'dev'], { cwd: root, stdio: 'inherit' });
const stop = () => {
  api.kill('SIGTERM');
  web.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

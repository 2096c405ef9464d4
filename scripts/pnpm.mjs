// Runs pnpm with the given arguments. Uses a pnpm on PATH when its version matches the pinned one,
// otherwise runs the pinned version through npx, so a machine with only Node.js and npm works.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The pin lives in engines.pnpm: pnpm 12 refuses frozen installs when `packageManager` is set and the
// registry lacks its platform binaries, while engines.pnpm is enforced without touching the lockfile.
const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.pnpm;

export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim() === pinned) return { cmd: 'pnpm', pre: [] };
  return { cmd: 'npx', pre: ['--yes', `pnpm@${pinned}`] };
}

export function runPnpm(args, opts = {}) {
  const { cmd, pre } = pnpmCommand();
  const r = spawnSync(cmd, [...pre, ...args], { stdio: 'inherit', cwd: root, shell: process.platform === 'win32', ...opts });
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(runPnpm(process.argv.slice(2)));
}

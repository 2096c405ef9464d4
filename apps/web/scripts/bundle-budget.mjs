// Bundle budget (issue 14): the JavaScript a cold visit of each entry route loads — the entry chunk and its static
// imports, plus the route's lazy chunks (console shell, page) and their static imports — compressed as a server
// would send it. Reads Vite's manifest (build.manifest: true); prints a table; exits 1 when a budget is crossed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const KB = 1024;

const SHELL = 'src/layouts/ConsoleLayout.tsx';
/**
 * Entry routes with their budgets (gzip KB). Every other page of /office and /admin is held to the console budget.
 * `target` is issue 14's budget where the enforced `budget` is still above it (a ceiling that stops regressions).
 */
const ROUTES = [
  { route: '/login', chunks: ['src/features/auth/pages/LoginPage.tsx'], budget: 285, target: 200 },
  { route: '/verify', chunks: ['src/features/public/pages/VerifyPage.tsx'], budget: 295, target: 200 },
  { route: '/hall', chunks: [SHELL, 'src/features/hall/pages/HallHome.tsx'], budget: 350 },
  { route: '/office', chunks: [SHELL, 'src/features/office/pages/OfficeHome.tsx'], budget: 500 },
  { route: '/admin', chunks: [SHELL, 'src/features/admin/pages/AdminHome.tsx'], budget: 500 },
];
const CONSOLE_BUDGET = 500;

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('manifest has no entry');

/** The files a chunk brings with it: itself and its static imports, transitively. */
function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key];
    if (!c) throw new Error(`manifest has no chunk ${key} (renamed page? update scripts/bundle-budget.mjs)`);
    if (c.file.endsWith('.js')) files.add(c.file);
    for (const i of c.imports ?? []) walk(i);
  };
  for (const k of keys) walk(k);
  return files;
}

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const buf = readFileSync(path.join(dist, file));
    sizes.set(file, {
      raw: buf.length,
      gzip: gzipSync(buf).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes.get(file);
}
function measure(keys) {
  const files = closure([entryKey, ...keys]);
  const t = { files: files.size, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const s = size(f);
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.brotli += s.brotli;
  }
  return t;
}

const fmt = (n) => (n / KB).toFixed(1).padStart(7);
const rows = ROUTES.map((r) => ({ ...r, ...measure(r.chunks) }));

// Every page of the back office, cold: the shell and the page.
const consolePages = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry && /^src\/features\/.*\.tsx$/.test(k));
let worst = null;
for (const k of consolePages) {
  const m = measure([SHELL, k]);
  if (!worst || m.gzip > worst.gzip) worst = { route: `worst page cold (${path.basename(k, '.tsx')})`, chunks: [SHELL, k], budget: CONSOLE_BUDGET, ...m };
}
if (worst) rows.push(worst);

console.log('\nJavaScript of a cold visit (KB; each file compressed as sent: gzip level 6, brotli quality 11):');
console.log(`${'route'.padEnd(44)} ${'files'.padStart(5)} ${'raw'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)} ${'budget'.padStart(7)} ${'target'.padStart(7)}`);
let failed = false;
for (const r of rows) {
  const over = r.gzip > r.budget * KB;
  failed ||= over;
  const target = r.target ?? r.budget;
  const note = over ? '  OVER BUDGET' : r.gzip > target * KB ? '  above target' : '';
  console.log(`${r.route.padEnd(44)} ${String(r.files).padStart(5)} ${fmt(r.raw)} ${fmt(r.gzip)} ${fmt(r.brotli)} ${String(r.budget).padStart(7)} ${String(target).padStart(7)}${note}`);
}
// `--files /login` lists the files of one route, largest first.
const detail = process.argv.indexOf('--files');
if (detail > 0) {
  const r = rows.find((x) => x.route === process.argv[detail + 1]);
  if (r) for (const f of [...closure([entryKey, ...r.chunks])].sort((a, b) => size(b).gzip - size(a).gzip)) console.log(`${fmt(size(f).gzip)}  ${f}`);
}
if (failed) {
  console.error('\nbundle budget crossed (gzip); see docs/PERFORMANCE.md');
  process.exit(1);
}
console.log('\nbundle budgets met.');

// `npm run check:cycles`: the API's import graph (madge, type imports included) has no file-level cycle,
// `common/` imports no domain module, and the domain modules (apps/api/src/modules/<name>/) form no cycle
// beyond the ones listed in KNOWN_MODULE_CYCLES, which predate the check and only shrink.
import madge from 'madge';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = path.join(root, 'apps/api');

/** Module cycles found when the check was introduced (issue 19); each is a pair that imports the other. */
const KNOWN_MODULE_CYCLES = [
  'accounts <-> organisations', // accounts uses the Organisation entity; unit-permission.service uses User
  'committee <-> scoring', // review.service uses the ExpertAction entity; scoring uses ReviewService and its DTOs
  'notices <-> organisations', // notices.service uses Organisation; unit-permission.service uses OutboxService
  'organisations <-> reference', // reference.service uses Organisation; organisations uses ReferenceService
];

const res = await madge(path.join(api, 'src'), {
  fileExtensions: ['ts'],
  tsConfig: path.join(api, 'tsconfig.json'),
  excludeRegExp: [/\.spec\.ts$/],
});
const graph = res.obj();
const problems = [];

for (const c of res.circular()) problems.push(`file cycle: ${[...c, c[0]].join(' -> ')}`);

const unitOf = (f) => {
  const p = f.split('/');
  if (p[0] === 'modules' && p.length > 2) return p[1];
  if (p[0] === 'common') return 'common';
  return null;
};
/** edges between units, with the file imports behind each */
const edges = new Map();
for (const [from, deps] of Object.entries(graph)) {
  const a = unitOf(from);
  if (!a) continue;
  for (const to of deps) {
    const b = unitOf(to);
    if (!b || b === a) continue;
    if (a === 'common') problems.push(`common imports a domain module: ${from} -> ${to}`);
    const key = `${a}\t${b}`;
    if (!edges.has(key)) edges.set(key, []);
    edges.get(key).push(`${from} -> ${to}`);
  }
}
const next = new Map();
for (const key of edges.keys()) {
  const [a, b] = key.split('\t');
  if (a === 'common' || b === 'common') continue;
  if (!next.has(a)) next.set(a, new Set());
  next.get(a).add(b);
}

// Strongly connected components (Tarjan): every component with two or more modules is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function connect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of next.get(v) ?? []) {
    if (!idx.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) components.push(c.sort());
  }
}
for (const v of next.keys()) if (!idx.has(v)) connect(v);

// Within a component, name each pair that imports both ways; a longer loop without such a pair is
// reported as the component itself.
const found = new Set();
for (const c of components) {
  let pairs = 0;
  for (const a of c)
    for (const b of c)
      if (a < b && next.get(a)?.has(b) && next.get(b)?.has(a)) {
        found.add(`${a} <-> ${b}`);
        pairs++;
      }
  if (!pairs) found.add(c.join(' -> '));
}
for (const cycle of [...found].sort()) {
  if (KNOWN_MODULE_CYCLES.includes(cycle)) continue;
  const [a, b] = cycle.split(' <-> ');
  const why = b ? [...edges.get(`${a}\t${b}`), ...edges.get(`${b}\t${a}`)] : [];
  problems.push(`new module cycle: ${cycle}${why.map((w) => `\n    ${w}`).join('')}`);
}
const gone = KNOWN_MODULE_CYCLES.filter((c) => !found.has(c));

const files = Object.keys(graph).length;
console.log(
  `import graph: ${files} files, ${components.length} module cycle groups, known module cycles left: ${KNOWN_MODULE_CYCLES.length - gone.length}`,
);
for (const c of KNOWN_MODULE_CYCLES) if (found.has(c)) console.log(`  known (to be removed): ${c}`);
for (const c of gone) problems.push(`the known cycle "${c}" is gone: delete it from KNOWN_MODULE_CYCLES in scripts/check-cycles.mjs`);
if (problems.length) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log('✓ no new import cycle');

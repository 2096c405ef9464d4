// Codemod: gives each API controller method without a return type the type of the service method it
// returns (`ReturnType<XService['m']>`, or `Promise<Awaited<…>>` for an async method), so code written
// before the explicit-function-return-type rule passes lint. Methods that return anything else are listed
// for a hand-written type. Usage: `node scripts/codemods/controller-return-types.mjs [--write]`.
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const api = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/api');
const write = process.argv.includes('--write');
const cfg = ts.getParsedCommandLineOfConfigFile(
  path.join(api, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const files = cfg.fileNames.filter((f) => f.endsWith('.controller.ts'));
const program = ts.createProgram(files, cfg.options);
const checker = program.getTypeChecker();

/** `Class['method']` when every return of the body is `[await] this.field.method(…)` on one method. */
function delegate(body) {
  const returns = [];
  const walk = (n) => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) returns.push(n);
    ts.forEachChild(n, walk);
  };
  body.statements.forEach(walk);
  const targets = new Set();
  for (const r of returns) {
    let e = r.expression;
    if (e && ts.isAwaitExpression(e)) e = e.expression;
    const callee = e && ts.isCallExpression(e) ? e.expression : null;
    if (!callee || !ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression)) return null;
    if (callee.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return null;
    const cls = checker.getTypeAtLocation(callee.expression).symbol?.name;
    if (!cls) return null;
    targets.add(`${cls}['${callee.name.text}']`);
  }
  return targets.size === 1 ? [...targets][0] : null;
}

let changed = 0;
for (const file of files) {
  const sf = program.getSourceFile(file);
  const edits = [];
  const visit = (n) => {
    if (ts.isMethodDeclaration(n) && !n.type && n.body) {
      const t = delegate(n.body);
      const where = `${path.relative(api, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.name.getText()}`;
      if (!t) {
        console.log(`by hand: ${where}`);
      } else {
        const isAsync = n.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
        edits.push([
          sf.text.indexOf(')', n.parameters.end) + 1,
          `: ${isAsync ? `Promise<Awaited<ReturnType<${t}>>>` : `ReturnType<${t}>`}`,
        ]);
        console.log(`${write ? 'typed' : 'would type'}: ${where}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (write && edits.length) {
    let s = sf.text;
    for (const [i, t] of edits.sort((a, b) => b[0] - a[0])) s = s.slice(0, i) + t + s.slice(i);
    fs.writeFileSync(file, s);
    changed += edits.length;
  }
}
if (write) console.log(`${changed} methods typed`);

// Response schemas of the OpenAPI document, generated from the controllers' declared TypeScript return types
// (mostly packages/contracts interfaces) by typescript-json-schema. Run only when the document is built for
// docs/openapi.json (`npm run openapi`): it type-checks the API's sources, which takes seconds.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import TJS from 'typescript-json-schema';

/** JSON Schema as the generator writes it (draft-07 keywords, which OpenAPI 3.1 schemas accept). */
export type JsonSchema = Record<string, unknown>;

/** What one controller method answers, keyed by Nest's operationId `<Controller>_<method>`. */
export type ResponseShape = { kind: 'json'; schema: JsonSchema } | { kind: 'empty' } | { kind: 'opaque'; reason: string };

export interface ResponseCatalog {
  /** Named types (interfaces, enums, aliases) the answers refer to: components.schemas. */
  components: Record<string, JsonSchema>;
  operations: Map<string, ResponseShape>;
}

const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src');

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return controllerFiles(p);
    return e.name.endsWith('.controller.ts') ? [p] : [];
  });
}

/** Where each exported controller class is declared (`export class XController`), by class name. */
function controllerSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of controllerFiles(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^export class (\w+)/gm)) found.set(m[1]!, file);
  }
  return found;
}

/** OpenAPI component names allow letters, digits and `.-_` only: `Page<DeclarationSummary>` → `Page_DeclarationSummary`. */
function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');
}

/**
 * Rewrites `#/definitions/X` to `#/components/schemas/<componentName(X)>` throughout a schema, and drops the
 * `default` the generator reads off object-literal initializers in inferred types (`{ ok: true }` is an answer,
 * not a default).
 */
function rewriteRefs(value: unknown, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (inProperties) out[k] = rewriteRefs(v);
    else if (k === 'default') continue;
    else if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) {
      out[k] = `#/components/schemas/${componentName(decodeURIComponent(v.slice('#/definitions/'.length)))}`;
    } else out[k] = rewriteRefs(v, k === 'properties' || k === 'patternProperties' || k === 'definitions');
  }
  return out;
}

/** The generator reports what it cannot evaluate on console.warn (initializers of inferred object literals): not ours to show. */
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

const isEmptySchema = (s: unknown): boolean => !!s && typeof s === 'object' && Object.keys(s).length === 0;

/**
 * For every operationId `<Controller>_<method>` given: the JSON Schema of `Awaited<ReturnType<Controller['method']>>`,
 * or `empty` when the method answers nothing (void), or `opaque` when its type says nothing (any, unknown).
 */
export function responseCatalog(operationIds: string[]): ResponseCatalog {
  const sources = controllerSources();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zc-openapi-types-'));
  const entry = path.join(dir, 'responses.ts');
  const alias = (id: string) => `Response__${id}`;
  const wanted: string[] = [];
  const lines: string[] = [];
  const imported = new Set<string>();
  for (const id of operationIds) {
    const [cls, method] = id.split('_') as [string, string | undefined];
    const file = sources.get(cls);
    if (!file || !method) continue;
    if (!imported.has(cls)) {
      lines.push(`import type { ${cls} } from ${JSON.stringify(file.replace(/\.ts$/, '.js'))};`);
      imported.add(cls);
    }
    lines.push(`export type ${alias(id)} = Awaited<ReturnType<${cls}[${JSON.stringify(method)}]>>;`);
    wanted.push(id);
  }
  writeFileSync(entry, `${lines.join('\n')}\n`);
  try {
    const ts = TJS.ts;
    const config = ts.getParsedCommandLineOfConfigFile(path.join(SRC, '../tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('apps/api/tsconfig.json cannot be read');
    const program = TJS.getProgramFromFiles([entry], { ...config.options, noEmit: true });
    const generator = TJS.buildGenerator(program, { required: true, ref: true, aliasRef: false, topRef: false, noExtraProps: false, ignoreErrors: true, strictNullChecks: true });
    if (!generator) throw new Error('the response types do not compile');
    // What the checker says of each answer: nothing (void, undefined), or a named type of the sources (an
    // interface, class or type alias without type arguments), which becomes a component the answer refers to
    // rather than a copy inlined in every operation that answers it.
    const checker = program.getTypeChecker();
    const userSymbols = new Set(generator.getUserSymbols());
    const voids = new Set<string>();
    const named = new Map<string, string>();
    for (const st of program.getSourceFile(entry)?.statements ?? []) {
      if (!ts.isTypeAliasDeclaration(st)) continue;
      const t = checker.getTypeAtLocation(st.name);
      if (t.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) voids.add(st.name.text);
      const generic = !!t.aliasTypeArguments?.length || !!(t as { typeArguments?: unknown[] }).typeArguments?.length;
      const sym = t.aliasSymbol ?? (t.symbol && t.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) ? t.symbol : undefined);
      if (sym && !generic && sym.name !== st.name.text && userSymbols.has(sym.name)) named.set(st.name.text, sym.name);
    }
    const defs: Record<string, unknown> = {};
    const operations = new Map<string, ResponseShape>();
    for (const id of wanted) {
      const name = alias(id);
      if (voids.has(name)) {
        operations.set(id, { kind: 'empty' });
        continue;
      }
      const typeName = named.get(name);
      let found: { definitions?: Record<string, unknown> } & Record<string, unknown>;
      try {
        found = quietly(() => generator.getSchemaForSymbol(typeName ?? name, true)) as typeof found;
      } catch (e) {
        operations.set(id, { kind: 'opaque', reason: `its return type has no JSON Schema (${(e as Error).message})` });
        continue;
      }
      const { definitions, $schema: _draft, ...schema } = found;
      Object.assign(defs, definitions);
      if (isEmptySchema(schema)) operations.set(id, { kind: 'opaque', reason: 'its return type says nothing (any or unknown)' });
      else if (/^(StreamableFile|FastifyReply)$/.test(typeName ?? '') || /^#\/definitions\/(StreamableFile|FastifyReply)\b/.test(String(schema['$ref']))) {
        operations.set(id, { kind: 'opaque', reason: 'it answers a file: declare the media type with @ApiProduces(...)' });
      } else if (typeName) {
        defs[typeName] = schema;
        operations.set(id, { kind: 'json', schema: { $ref: `#/components/schemas/${componentName(typeName)}` } });
      } else operations.set(id, { kind: 'json', schema: rewriteRefs(schema) as JsonSchema });
    }
    const components: Record<string, JsonSchema> = {};
    for (const [name, schema] of Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))) {
      components[componentName(name)] = rewriteRefs(schema) as JsonSchema;
    }
    return { components, operations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

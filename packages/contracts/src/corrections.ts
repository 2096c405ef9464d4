import { MODULE_BY_KEY, moduleFileIds, type ModuleRow, type ModuleValue } from './declaration-modules.js';

/**
 * A-34 一次性告知 and U-14 the resubmission diff. Pure functions shared by the API (which stores their results
 * on the return) and the web (which shows them).
 */

/** One failing item of a return, in words. */
export interface CorrectionItem {
  moduleKey: string;
  moduleName: string;
  /** The judged path: '_' the whole module, a field key, `_files.<slot>`, or a row index of a table. */
  path: string;
  /** 整个模块 / the field's label / 第N行 / the attachment's label. */
  itemLabel: string;
  reason: string;
}

export const DEFAULT_CORRECTION_DAYS = 5;
export const DEFAULT_UNIT_PUBLICITY_DAYS = 5;
export const RESUBMIT_MODES = { direct: '直达退回节点', climb: '逐级审核' } as const;
export type ResubmitMode = keyof typeof RESUBMIT_MODES;

export function itemLabel(moduleKey: string, path: string): string {
  const def = MODULE_BY_KEY[moduleKey];
  if (path === '_') return '整个模块';
  if (/^\d+$/.test(path)) return `第${Number(path) + 1}行`;
  if (path.startsWith('_files.')) return def?.attachments.find((a) => a.key === path.slice(7))?.label ?? '附件';
  return def?.fields.find((f) => f.key === path)?.label ?? path;
}

/** Every failing item of the item-level judgements, in template order. */
export function correctionItems(failures: Record<string, Record<string, string>>, order: readonly string[] = Object.keys(failures)): CorrectionItem[] {
  const keys = [...order.filter((k) => failures[k]), ...Object.keys(failures).filter((k) => !order.includes(k))];
  return keys.flatMap((k) =>
    Object.entries(failures[k] ?? {}).map(([path, reason]) => ({ moduleKey: k, moduleName: MODULE_BY_KEY[k]?.name ?? k, path, itemLabel: itemLabel(k, path), reason })),
  );
}

export interface FieldChange {
  field: string;
  label: string;
  old: unknown;
  new: unknown;
}

export interface FileChange {
  slot: string;
  label: string;
  /** The row of a table module (0-based), null for a form. */
  row: number | null;
  oldFileIds: string[];
  newFileIds: string[];
}

export interface ModuleDiff {
  moduleKey: string;
  moduleName: string;
  fields: FieldChange[];
  /** Table rows present only after (index in the new rows) or only before (index in the old rows). */
  addedRows: { index: number; row: ModuleRow }[];
  removedRows: { index: number; row: ModuleRow }[];
  /** Table rows edited in place: old index → new index with their field changes. */
  changedRows: { oldIndex: number; newIndex: number; fields: FieldChange[] }[];
  files: FileChange[];
  /** The returning node failed items of this module. */
  failed: boolean;
  /** Its failed paths (to highlight). */
  failedPaths: string[];
}

const norm = (v: unknown): unknown => (v === undefined || v === '' ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
const slotIds = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' && v ? [v] : []);
/** Row content without bookkeeping keys. */
const content = (r: ModuleRow) => JSON.stringify(Object.fromEntries(Object.entries(r ?? {}).filter(([k, v]) => k !== '_locked' && norm(v) !== null).sort(([a], [b]) => a.localeCompare(b))));

/** Share of the row's fields (not attachments) that are equal: 1 when only attachments differ. */
function similarity(a: ModuleRow, b: ModuleRow): number {
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})].filter((k) => !k.startsWith('_')))];
  if (!keys.length) return 1;
  return keys.filter((k) => same(a?.[k], b?.[k])).length / keys.length;
}

function recordChanges(moduleKey: string, a: ModuleRow, b: ModuleRow, row: number | null): { fields: FieldChange[]; files: FileChange[] } {
  const def = MODULE_BY_KEY[moduleKey];
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})].filter((k) => !k.startsWith('_')));
  const fields: FieldChange[] = [];
  for (const k of keys) if (!same(a?.[k], b?.[k])) fields.push({ field: k, label: def?.fields.find((f) => f.key === k)?.label ?? k, old: norm(a?.[k]), new: norm(b?.[k]) });
  const slots = new Set([...Object.keys(a?._files ?? {}), ...Object.keys(b?._files ?? {})]);
  const files: FileChange[] = [];
  for (const s of slots) {
    const o = slotIds(a?._files?.[s]);
    const n = slotIds(b?._files?.[s]);
    if (JSON.stringify(o) !== JSON.stringify(n)) files.push({ slot: s, label: def?.attachments.find((x) => x.key === s)?.label ?? s, row, oldFileIds: o, newFileIds: n });
  }
  return { fields, files };
}

/**
 * What changed between the declaration as it was returned and as it is resubmitted: per module, each field's old and
 * new value, added and removed table rows (identical rows match wherever they moved; the rest pair up in order as
 * edited rows, the leftovers are added or removed), and replaced attachments with both file ids.
 */
export function diffModules(
  before: Record<string, ModuleValue | undefined>,
  after: Record<string, ModuleValue | undefined>,
  failures: Record<string, Record<string, string>> = {},
): ModuleDiff[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: ModuleDiff[] = [];
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    const d: ModuleDiff = {
      moduleKey: key,
      moduleName: MODULE_BY_KEY[key]?.name ?? key,
      fields: [],
      addedRows: [],
      removedRows: [],
      changedRows: [],
      files: [],
      failed: !!failures[key] && Object.keys(failures[key]).length > 0,
      failedPaths: Object.keys(failures[key] ?? {}),
    };
    if (Array.isArray(a) || Array.isArray(b)) {
      const oldRows = (Array.isArray(a) ? a : []) as ModuleRow[];
      const newRows = (Array.isArray(b) ? b : []) as ModuleRow[];
      const usedNew = new Set<number>();
      const unmatchedOld: number[] = [];
      oldRows.forEach((r, i) => {
        const c = content(r);
        const j = newRows.findIndex((n, k) => !usedNew.has(k) && content(n) === c);
        if (j >= 0) usedNew.add(j);
        else unmatchedOld.push(i);
      });
      const unmatchedNew = new Set(newRows.map((_, k) => k).filter((k) => !usedNew.has(k)));
      const removed: number[] = [];
      for (const i of unmatchedOld) {
        // the most similar remaining row, when at least half of the fields are equal, is the same row edited
        let best = -1;
        let bestScore = -1;
        for (const k of unmatchedNew) {
          const sc = similarity(oldRows[i], newRows[k]);
          if (sc > bestScore) [best, bestScore] = [k, sc];
        }
        if (best < 0 || bestScore < 0.5) {
          removed.push(i);
          continue;
        }
        unmatchedNew.delete(best);
        const ch = recordChanges(key, oldRows[i], newRows[best], best);
        if (ch.fields.length) d.changedRows.push({ oldIndex: i, newIndex: best, fields: ch.fields });
        d.files.push(...ch.files);
      }
      for (const i of removed) d.removedRows.push({ index: i, row: oldRows[i] });
      for (const k of [...unmatchedNew].sort((x, y) => x - y)) d.addedRows.push({ index: k, row: newRows[k] });
    } else {
      const ch = recordChanges(key, (a ?? {}) as ModuleRow, (b ?? {}) as ModuleRow, null);
      d.fields = ch.fields;
      d.files = ch.files;
    }
    if (d.fields.length || d.addedRows.length || d.removedRows.length || d.changedRows.length || d.files.length) out.push(d);
  }
  const order = Object.keys(MODULE_BY_KEY);
  return out.sort((x, y) => order.indexOf(x.moduleKey) - order.indexOf(y.moduleKey));
}

/** Every file id a diff mentions (old and new), so the reviewing node may open both. */
export function diffFileIds(diff: readonly ModuleDiff[]): string[] {
  const ids = new Set<string>();
  for (const m of diff) {
    for (const f of m.files) [...f.oldFileIds, ...f.newFileIds].forEach((i) => ids.add(i));
    for (const r of [...m.addedRows, ...m.removedRows]) moduleFileIds(r.row).forEach((i) => ids.add(i));
  }
  return [...ids];
}

/** The modules a diff touches that the return did not fail: those send a direct resubmission up the whole path. */
export function untouchedByReturn(diff: readonly ModuleDiff[]): string[] {
  return diff.filter((m) => !m.failed).map((m) => m.moduleName);
}

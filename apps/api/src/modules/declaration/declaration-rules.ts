import { MODULE_BY_KEY, chinaDate, moduleFileIds, moduleIsFilled, validateModuleValue, type ModuleRow, type ModuleValue } from '@zhicheng/contracts';

/** Pure rules of declaration editing and submission (unit-tested in declaration-rules.spec.ts). */

export interface TemplateRow {
  moduleKey: string;
  required: boolean;
  attachmentRequired: boolean;
  attachmentMaxBytes: number;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .filter((k) => k !== '_locked')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * Locked education rows (from earlier declarations) must all still be there, unchanged, and no
 * other row may claim to be locked. Answers true when the saved rows break that.
 */
export function lockedRowsChanged(locked: ModuleRow[], rows: ModuleRow[]): boolean {
  const claimed = rows.filter((r) => r && typeof r === 'object' && r._locked === true).map(canonical);
  const expected = locked.map(canonical);
  if (claimed.length !== expected.length) return true;
  const pool = [...expected];
  for (const c of claimed) {
    const i = pool.indexOf(c);
    if (i < 0) return true;
    pool.splice(i, 1);
  }
  return false;
}

/** The rows this declaration adds to the person's education (not the locked ones), without `_locked`. */
export function stripLocked(value: ModuleValue | undefined): ModuleRow[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r) => r && r._locked !== true).map(({ _locked: _ignored, ...rest }) => rest as ModuleRow);
}

/**
 * Every problem of a declaration at submission, keyed `modules.<key>.<path>`: required modules
 * (and optional ones with content) validated fully, and the template's "attachment required".
 */
export function submissionErrors(template: TemplateRow[], data: Record<string, ModuleValue>, today: string = chinaDate()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of template) {
    const def = MODULE_BY_KEY[t.moduleKey];
    if (!def) continue;
    const value = data[t.moduleKey];
    const required = t.required || !!def.mandatory;
    const filled = moduleIsFilled(def, value);
    if (!required && !filled) continue;
    if (required && !filled && def.kind === 'table' && !def.minRows) {
      out[`modules.${def.key}._`] = `请填写${def.name}`;
      continue;
    }
    const v = value ?? (def.kind === 'table' ? [] : {});
    for (const [p, msg] of Object.entries(validateModuleValue(def, v, true, today))) out[`modules.${def.key}.${p}`] = msg;
    if (t.attachmentRequired && moduleFileIds(v).length === 0 && def.attachments.length && !Object.keys(out).some((k) => k.startsWith(`modules.${def.key}.`) && k.includes('_files'))) {
      out[`modules.${def.key}._files`] = `请上传${def.name}的附件（PDF）`;
    }
  }
  return out;
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '@zhicheng/contracts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('audit actions in Chinese (issue 13)', () => {
  it('every action literal the API writes has an exact Chinese label', () => {
    const actions = new Set<string>();
    for (const f of files(SRC)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/action: '([a-z_-]+(?:\.[a-z_-]+)+)'/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(60);
    expect([...actions].filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });
  it('an unknown action is still named in Chinese, never in code words', () => {
    expect(auditActionLabel('declaration.pass')).toBe('审核通过');
    expect(auditActionLabel('organisation.import')).toBe('导入机构');
    expect(auditActionLabel('weird.thing')).toBe('其他操作');
    for (const a of ['review_plan.something_new', 'x.y']) expect(auditActionLabel(a)).toMatch(/^[\u4e00-\u9fff（）·]+$/);
  });
});

import type { ModuleValue } from '@zhicheng/contracts';

/**
 * The local copy of what the applicant typed (H-07), keyed by declaration and module, so nothing is lost
 * on a reload or a dropped connection. Removed once the server holds the same value.
 */
interface LocalCopy {
  at: number;
  value: ModuleValue;
}

const key = (declarationId: string, moduleKey: string) => `zc:declaration:${declarationId}:${moduleKey}`;

export function writeLocal(declarationId: string, moduleKey: string, value: ModuleValue): void {
  try {
    localStorage.setItem(key(declarationId, moduleKey), JSON.stringify({ at: Date.now(), value } satisfies LocalCopy));
  } catch {
    // storage full or disabled: the server autosave still runs
  }
}

export function readLocal(declarationId: string, moduleKey: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key(declarationId, moduleKey));
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

/** Drops the local copy when it equals what the server now holds. */
export function clearLocalIfSaved(declarationId: string, moduleKey: string, saved: ModuleValue): void {
  const local = readLocal(declarationId, moduleKey);
  if (local && JSON.stringify(local.value) === JSON.stringify(saved)) localStorage.removeItem(key(declarationId, moduleKey));
}

export function clearAllLocal(declarationId: string): void {
  const prefix = `zc:declaration:${declarationId}:`;
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k?.startsWith(prefix)) localStorage.removeItem(k);
  }
}

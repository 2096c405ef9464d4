/**
 * The clock settings of this process — Debian faketime's `LD_PRELOAD` and `FAKETIME*` under `scripts/ci-at.sh` — for a
 * child process started with an environment of its own, so that it runs on the same (shifted) clock as the test.
 */
export function clockEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && (k === 'LD_PRELOAD' || k.startsWith('FAKETIME'))) out[k] = v;
  return out;
}

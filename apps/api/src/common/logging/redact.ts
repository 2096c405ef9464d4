import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Issue 13: what the log must never hold — ID numbers, mobile numbers, passwords, tokens, SQL parameters. Two layers:
 * pino's own path redaction (fast-redact, below) for the fields that carry secrets by name, and a scrub of every
 * string written (message and fields) that masks anything shaped like a mainland ID number or mobile number, so a
 * value quoted in an error message or a URL does not reach the log either.
 */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'oldPassword',
  'token',
  'accessToken',
  'refreshToken',
  'mfaToken',
  'captchaCode',
  'idCard',
  'mobile',
  'parameters',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.newPassword',
  '*.oldPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.idCard',
  '*.mobile',
  '*.parameters',
  'err.parameters',
  'err.query',
];

// Not preceded or followed by another letter or digit: a run inside a longer number or a hex string is left alone.
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])(1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])/g;

/** Masks ID-number-shaped and mobile-shaped runs in a string (keeps the region code / the first 3 and last 4 digits). */
export function scrubText(s: string): string {
  return s.replace(ID_NUMBER, '$1************').replace(MOBILE, '$1****$2');
}

/** A copy of a log record with every string scrubbed (depth-bounded; errors become plain objects). */
export function scrubValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (v === null || typeof v !== 'object' || depth > 6) return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1));
  const src = v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : (v as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(src)) out[k] = scrubValue(x, depth + 1);
  return out;
}

/** pino options for the API's logger: path redaction, then the scrub of the record and of the message. */
export const pinoRedaction = {
  redact: { paths: REDACT_PATHS, censor: '[已隐去]' },
  formatters: { log: (record: Record<string, unknown>) => scrubValue(record) as Record<string, unknown> },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
      method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)));
    },
  },
};

/**
 * TypeORM's logger: a failed statement is logged as its error code and message with string literals blanked and
 * without its parameters (TypeORM's own console logger prints both). Everything else is not logged.
 */
export class RedactingTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly write: (line: string) => void = (line) => void process.stderr.write(line)) {}

  logQuery() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
  logQueryError(error: string | Error, query: string) {
    const e = error as Error & { code?: string };
    const sql = query.replace(/'(?:[^']|'')*'/g, "'?'").replace(/\s+/g, ' ').slice(0, 300);
    this.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: 'query failed', code: e.code, error: scrubText(e.message ?? String(error)), sql: scrubText(sql) })}\n`);
  }
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every business date comes from the business clock (common/clock, contracts/src/clock.ts). This walks the API's,
 * the web's and the contracts' sources and fails on a date read from the machine's, the browser's or the database
 * session's zone. A line that has a reason to do one of these says so with a `clock-ok:` comment on it or the line
 * above.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const dirs = ['apps/api/src', 'apps/web/src', 'packages/contracts/src'];
const skip = [/\/migrations\//, /\.spec\.tsx?$/, /\/bench\//, /common\/clock\//, /contracts\/src\/clock\.ts$/, /web\/src\/lib\/format\.ts$/];

const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /\bCURRENT_DATE\b|\bcurrent_date\b|\bLOCALTIMESTAMP\b/, why: 'the database session’s date: pass clock.today() as a parameter' },
  { pattern: /now\(\)\s*::\s*date|date_trunc\([^)]*now\(\)\)/i, why: 'a date of the database session’s zone: pass the business date or instant' },
  { pattern: /EXTRACT\s*\(\s*(YEAR|MONTH|DAY)\s+FROM/i, why: 'a calendar field in the session’s zone: compare with China day starts instead' },
  { pattern: /toISOString\(\)\.slice\(0,\s*10\)/, why: 'the UTC date: use chinaDate()/clock.today()' },
  { pattern: /new Date\(\)\.(getFullYear|getMonth|getDate|getDay|toLocaleDateString|toLocaleString)\(/, why: 'the machine’s or browser’s zone: use clock.year()/chinaYear()' },
  { pattern: /\bdayjs\(\)/, why: 'the browser’s zone: use chinaToday()' },
  { pattern: /toLocale(Date)?String\('zh-CN'\)/, why: 'the browser’s zone: use formatDate/formatDateTime' },
];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

describe('no business date outside the business clock', () => {
  it('finds no date read from the machine, the browser or the database session', () => {
    const found: string[] = [];
    for (const d of dirs) {
      for (const file of walk(path.join(root, d))) {
        const rel = path.relative(root, file);
        if (skip.some((s) => s.test(rel))) continue;
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          if (/clock-ok:/.test(line) || /clock-ok:/.test(lines[i - 1] ?? '')) return;
          if (/^\s*(\*|\/\/)/.test(line)) return;
          for (const f of FORBIDDEN) if (f.pattern.test(line)) found.push(`${rel}:${i + 1}: ${f.why}\n    ${line.trim()}`);
        });
      }
    }
    expect(found).toEqual([]);
  });

  it('would catch each forbidden form (the patterns themselves are live)', () => {
    const samples = [
      "WHERE p.ends_on >= CURRENT_DATE",
      "created_at >= date_trunc('year', now())",
      "EXTRACT(YEAR FROM b.created_at) = :y",
      "const d = new Date().toISOString().slice(0, 10);",
      "year: new Date().getFullYear()",
      "period: [dayjs(), dayjs().add(5, 'day')]",
      "new Date(t).toLocaleString('zh-CN')",
    ];
    for (const s of samples) expect(FORBIDDEN.some((f) => f.pattern.test(s))).toBe(true);
  });
});

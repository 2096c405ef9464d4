import { DECLARATION_KIND_LABELS, DECLARATION_METHODS, DECLARATION_STATUS_LABELS, TITLE_LEVEL_LABELS, UNIT_NATURE_LABELS } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 14: the demo data holds only values the screens can name — a seeded declaration with 申报方式 `unit` showed
 * the English word in the hall and the office.
 */
describe('demo data: enumerated values the UI labels', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  it('every seeded declaration has a 申报方式 of the list and a labelled kind, level, unit nature and status', async () => {
    const rows: { method: string; kind: string; title_level: string; unit_nature: string; status: string }[] = await t.ds.query(
      'SELECT DISTINCT method, kind, title_level, unit_nature, status FROM declarations',
    );
    expect(rows.length).toBeGreaterThan(0);
    const methods: readonly string[] = DECLARATION_METHODS;
    expect(rows.filter((r) => !methods.includes(r.method)).map((r) => r.method)).toEqual([]);
    for (const r of rows) {
      expect(DECLARATION_KIND_LABELS[r.kind as keyof typeof DECLARATION_KIND_LABELS]).toBeDefined();
      expect(TITLE_LEVEL_LABELS[r.title_level as keyof typeof TITLE_LEVEL_LABELS]).toBeDefined();
      expect(UNIT_NATURE_LABELS[r.unit_nature as keyof typeof UNIT_NATURE_LABELS]).toBeDefined();
      expect(DECLARATION_STATUS_LABELS[r.status as keyof typeof DECLARATION_STATUS_LABELS]).toBeDefined();
    }
  });
});

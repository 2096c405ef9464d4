import * as contracts from './index.js';
import { DECLARATION_MODULES, MODULE_BY_KEY, displayFieldValue } from './declaration-modules.js';

/**
 * Issue 14: every enumerated value the UI shows has a Chinese label. Walks every enum-like export of the contracts
 * (an object of string constants, e.g. `Role`), finds its `<NAME>_LABELS` map and fails on a value without a Chinese
 * label; a new enum without labels fails here too unless it is listed as never shown.
 */
const HAN = /[\u4e00-\u9fff]/;
/** Enums the UI never shows as such (codes behind Chinese messages, permission keys behind role names). */
const NOT_SHOWN: Record<string, string> = {
  ErrorCode: 'answers carry a Chinese message; the code is for programs',
};
/** Label maps named otherwise than `<ENUM_NAME>_LABELS`. */
const LABEL_MAP_OF: Record<string, string> = { ExpertActionKind: 'EXPERT_ACTION_LABELS' };

const exported = contracts as unknown as Record<string, unknown>;
const snake = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const enums = Object.entries(exported).filter(
  ([name, v]) => /^[A-Z][a-z]/.test(name) && typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).length > 0 && Object.values(v).every((x) => typeof x === 'string'),
) as [string, Record<string, string>][];

describe('Chinese labels for every enumerated value (issue 14)', () => {
  it('finds the enums (the walk itself works)', () => {
    expect(enums.map(([n]) => n)).toEqual(expect.arrayContaining(['Role', 'OrgType', 'UnitNature', 'DeclarationKind', 'TitleLevel', 'DeclarationStatus']));
  });

  it.each(enums.filter(([n]) => !NOT_SHOWN[n]))('%s: every value has a Chinese label', (name, values) => {
    const mapName = LABEL_MAP_OF[name] ?? `${snake(name)}_LABELS`;
    const labels = exported[mapName] as Record<string, string> | undefined;
    expect({ enum: name, labelMap: mapName, exists: labels !== undefined }).toEqual({ enum: name, labelMap: mapName, exists: true });
    const missing = Object.values(values).filter((v) => !HAN.test(labels?.[v] ?? ''));
    expect({ enum: name, missing }).toEqual({ enum: name, missing: [] });
  });

  it('value lists shown as they are (申报方式, 破格条件, 学历) are Chinese', () => {
    for (const list of [contracts.DECLARATION_METHODS, contracts.EXCEPTIONAL_CONDITIONS, contracts.EDUCATION_LEVELS]) {
      expect(list.filter((v) => !HAN.test(v))).toEqual([]);
    }
  });

  it('every declaration module has a Chinese name; every select option is Chinese; yes/no fields show 是/否, never true/false', () => {
    for (const key of contracts.DECLARATION_MODULE_KEYS) expect(HAN.test(MODULE_BY_KEY[key]?.name ?? '')).toBe(true);
    for (const m of DECLARATION_MODULES) {
      for (const f of m.fields ?? []) {
        expect(HAN.test(f.label)).toBe(true);
        for (const o of f.options ?? []) expect({ field: `${m.key}.${f.key}`, option: o, chinese: HAN.test(o) }).toMatchObject({ chinese: true });
        if (f.type === 'boolean') {
          expect([displayFieldValue(f, true), displayFieldValue(f, false)]).toEqual(['是', '否']);
        }
      }
    }
    const highest = MODULE_BY_KEY.education!.fields!.find((f) => f.key === 'highest')!;
    expect(displayFieldValue(highest, true)).toBe('是');
    expect(displayFieldValue({ key: 'd', label: '毕业时间', type: 'date' }, '2008-07-01T00:00:00.000Z')).toBe('2008-07-01');
  });
});

import { checkEligibility, findRule, methodRefusal, qualifyingYears, wholeMonths, type QualifyingRule } from './eligibility.js';

const engineer: QualifyingRule = {
  seriesCode: 'GC',
  titleLevel: 'intermediate',
  countFrom: 'date',
  countTo: 'declaration_year_end',
  requirements: [
    { education: '本科', basis: 'current_title', years: 4 },
    { education: '硕士研究生', basis: 'current_title', years: 2 },
    { education: '博士研究生', basis: 'graduation', years: 0 },
  ],
};

describe('H-14 qualifying years', () => {
  it('counts whole months: a month counts once its day is reached', () => {
    expect(wholeMonths('2022-07-15', '2026-07-15')).toBe(48);
    expect(wholeMonths('2022-07-15', '2026-07-14')).toBe(47);
    expect(wholeMonths('2022-01-31', '2022-02-28')).toBe(0);
    expect(wholeMonths('2026-01-01', '2025-01-01')).toBe(0);
  });

  it('from the date obtained to the end of the declaration year: edge months', () => {
    // 2023-01-01 → 2026-12-31 inclusive is exactly 48 months
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '本科', currentTitleDate: '2023-01-01' }, 2026)).toMatchObject({ countedMonths: 48, satisfied: true, text: '满足' });
    // one day later: 47 whole months, short by one
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '本科', currentTitleDate: '2023-01-02' }, 2026)).toMatchObject({ countedMonths: 47, shortMonths: 1, satisfied: false, text: '不满足，差 1 个月' });
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '本科', currentTitleDate: '2024-07-01' }, 2026).text).toBe('不满足，差 18 个月');
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '硕士研究生', currentTitleDate: '2025-01-01' }, 2026).satisfied).toBe(true);
  });

  it('from the year after the review year: a title of 2022 counts 2023-01 … 2026-12', () => {
    const rule = { ...engineer, countFrom: 'year_after' as const };
    expect(qualifyingYears(rule, { personStatus: 'professional', education: '本科', currentTitleDate: '2022-12-31' }, 2026)).toMatchObject({ from: '2023-01-01', countedMonths: 48, satisfied: true });
    expect(qualifyingYears(rule, { personStatus: 'professional', education: '本科', currentTitleDate: '2023-01-01' }, 2026)).toMatchObject({ from: '2024-01-01', shortMonths: 12 });
  });

  it('to a cutoff date; by graduation for a first title; an unlisted education cannot use the normal route', () => {
    const rule = { ...engineer, countTo: 'cutoff' as const, cutoffDate: '2026-08-31' };
    expect(qualifyingYears(rule, { personStatus: 'professional', education: '本科', currentTitleDate: '2022-09-01' }, 2026)).toMatchObject({ countedMonths: 48, satisfied: true });
    expect(qualifyingYears(rule, { personStatus: 'professional', education: '本科', currentTitleDate: '2022-09-02' }, 2026).text).toBe('不满足，差 1 个月');
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '博士研究生', graduationDate: '2026-06-30' }, 2026).satisfied).toBe(true);
    expect(qualifyingYears(engineer, { personStatus: 'professional', education: '大专', currentTitleDate: '2010-01-01' }, 2026).satisfied).toBe(false);
  });

  it('a series rule wins over the all-series rule of the level', () => {
    const all = { ...engineer, seriesCode: null, requirements: [] };
    expect(findRule([all, engineer], 'GC', 'intermediate')).toBe(engineer);
    expect(findRule([all, engineer], 'JJ', 'intermediate')).toBe(all);
    expect(findRule([all], 'JJ', 'senior')).toBeNull();
  });
});

describe('H-14 eligibility and 破格', () => {
  const short = { personStatus: 'professional' as const, education: '本科' as const, currentTitleDate: '2025-03-01' };
  it('a shortfall leaves only 破格 open', () => {
    const r = checkEligibility({ answers: short, rule: engineer, declarationYear: 2026, sanction: null });
    expect(r.allowedMethods).toEqual(['破格']);
    expect(methodRefusal(r, '正常晋升')).toContain('只能选择“破格”');
    expect(methodRefusal(r, '破格')).toBeNull();
  });
  it('a rule that closes 破格 leaves nothing open; a satisfied rule leaves every method', () => {
    expect(checkEligibility({ answers: short, rule: { ...engineer, allowExceptional: false }, declarationYear: 2026, sanction: null }).allowedMethods).toEqual([]);
    expect(checkEligibility({ answers: { ...short, currentTitleDate: '2020-01-01' }, rule: engineer, declarationYear: 2026, sanction: null }).allowedMethods).toContain('正常晋升');
  });
  it('civil servants, 参公 staff, retired people and a sanction in its period are refused whatever the method', () => {
    for (const personStatus of ['civil_servant', 'managed_as_civil_servant'] as const) {
      const r = checkEligibility({ answers: { ...short, personStatus }, rule: null, declarationYear: 2026, sanction: null });
      expect(r.allowedMethods).toEqual([]);
      expect(methodRefusal(r, '破格')).toContain('公务员和参照公务员法管理的单位工作人员不得申报');
    }
    expect(methodRefusal(checkEligibility({ answers: { ...short, personStatus: 'retired' }, rule: null, declarationYear: 2026, sanction: null }), '正常晋升')).toContain('离退休人员不得申报');
    const s = checkEligibility({ answers: { personStatus: 'professional' }, rule: null, declarationYear: 2026, sanction: { kind: '记过', startsOn: '2026-01-01', endsOn: '2027-06-30' } });
    expect(s.refusals[0]).toMatchObject({ code: 'SANCTIONED' });
    expect(s.refusals[0].message).toContain('2026-01-01 至 2027-06-30');
  });
});

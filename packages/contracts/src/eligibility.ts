import { DECLARATION_METHODS, type DeclarationMethod } from './declaration.js';

/**
 * H-14 申报条件自检: the national rule (职称评审管理暂行规定, 人社部令第40号) on who may declare, and the batch's
 * qualifying-years rule (资历年限). Pure functions: the hall shows the result before the commitment letter, the API
 * refuses with the same words, and auditors see the same computation.
 */

export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '本科', '大专', '中专', '高中'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** 人员身份: only serving professionals may declare. */
export const PERSON_STATUSES = {
  professional: '在职专业技术人员',
  civil_servant: '公务员',
  managed_as_civil_servant: '参照公务员法管理单位工作人员',
  retired: '离退休人员',
} as const;
export type PersonStatus = keyof typeof PERSON_STATUSES;

export const RULE_TEXT = {
  civilServant: '根据《职称评审管理暂行规定》（人力资源社会保障部令第40号），公务员和参照公务员法管理的单位工作人员不得申报参加专业技术人才职称评审。',
  retired: '根据《职称评审管理暂行规定》（人力资源社会保障部令第40号），申报人应当为在职的专业技术人才，离退休人员不得申报参加职称评审。',
  sanction: '根据《职称评审管理暂行规定》（人力资源社会保障部令第40号），受到处分的人员在受处分期间不得申报参加职称评审。',
} as const;

/** How the qualifying years are counted. */
export const COUNT_FROM = {
  /** From 1 January of the year after the basis date's year (e.g. the year after the title's review year). */
  year_after: '自取得（评审）年度的次年1月1日起算',
  /** From the basis date itself. */
  date: '自取得之日起算',
} as const;
export type CountFrom = keyof typeof COUNT_FROM;

export const COUNT_TO = {
  declaration_year_end: '计算至申报年度12月31日',
  cutoff: '计算至规定截止日期',
} as const;
export type CountTo = keyof typeof COUNT_TO;

/** What the years are counted since: the current title (promotion) or graduation (a first title). */
export type YearsBasis = 'current_title' | 'graduation';

export interface EducationRequirement {
  education: EducationLevel;
  basis: YearsBasis;
  /** Required whole years (0 = no waiting time). */
  years: number;
}

/** A batch's qualifying-years rule for one series (or every series: `seriesCode` null) and level. */
export interface QualifyingRule {
  seriesCode: string | null;
  titleLevel: string;
  countFrom: CountFrom;
  countTo: CountTo;
  /** With countTo = cutoff: YYYY-MM-DD, counted up to and including it. */
  cutoffDate?: string | null;
  /** Educations not listed cannot declare through 正常晋升 (only 破格, where allowed). */
  requirements: EducationRequirement[];
  /** 破格 stays open on a shortfall (default true). */
  allowExceptional?: boolean;
  note?: string | null;
}

/** The applicant's answers to the self-check. */
export interface EligibilityAnswers {
  personStatus: PersonStatus;
  education?: EducationLevel | null;
  graduationDate?: string | null;
  /** The current title's date obtained (or the date of its review), when the applicant holds one. */
  currentTitleDate?: string | null;
}

/** 处分 kinds a unit or an office records (人社部令第40号: no declaration during the sanction's period). */
export const SANCTION_KINDS = ['警告', '记过', '降低岗位等级', '撤职', '开除', '其他'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** A recorded sanction as the unit / office lists it (the ID number masked). */
export interface SanctionRecord {
  id: string;
  realName: string;
  idCard: string;
  kind: string;
  reason: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'expired' | 'lifted';
  liftReason: string | null;
  createdAt: string;
  version: number;
}

/** A batch's declaration-side rules (defaults from 人社部令第40号), as GET/PUT /batches/:id/rules answer them. */
export interface BatchRulesDto {
  batchId: string;
  unitPublicityMinDays: number;
  correctionDays: number;
  maxResubmissions: number | null;
  resubmitMode: 'direct' | 'climb';
  qualifyingRules: QualifyingRule[];
  version: number;
}

export interface SanctionView {
  kind: string;
  startsOn: string;
  endsOn: string;
}

export interface YearsCheck {
  education: EducationLevel | null;
  basis: YearsBasis | null;
  from: string | null;
  to: string;
  countedMonths: number;
  requiredMonths: number;
  shortMonths: number;
  satisfied: boolean;
  /** "满足" or "不满足，差 N 个月" (or why it cannot be counted). */
  text: string;
  /** The rule in words (shown to the applicant and the auditors). */
  ruleText: string;
}

export interface EligibilityResult {
  /** Refusals that no declaration method overcomes (civil servant, retired, sanction). */
  refusals: { code: 'CIVIL_SERVANT' | 'RETIRED' | 'SANCTIONED'; message: string }[];
  years: YearsCheck | null;
  /** The methods left open: all, only 破格 after a shortfall, or none. */
  allowedMethods: DeclarationMethod[];
}

const ymd = (s: string) => ({ y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) });

/** Whole months from `a` to `b` (a month counts once the same day of the month is reached); negative never, 0 minimum. */
export function wholeMonths(a: string, b: string): number {
  if (b <= a) return 0;
  const x = ymd(a);
  const y = ymd(b);
  let n = (y.y - x.y) * 12 + (y.m - x.m);
  if (y.d < x.d) n--;
  return Math.max(0, n);
}

const nextDay = (s: string) => new Date(Date.parse(`${s}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10); // clock-ok: calendar date arithmetic at UTC midnight

/** The rule that applies to a series and level: the series' own rule first, else the rule for every series. */
export function findRule(rules: readonly QualifyingRule[] | null | undefined, seriesCode: string, titleLevel: string): QualifyingRule | null {
  const list = rules ?? [];
  return list.find((r) => r.seriesCode === seriesCode && r.titleLevel === titleLevel) ?? list.find((r) => !r.seriesCode && r.titleLevel === titleLevel) ?? null;
}

export function ruleText(rule: QualifyingRule): string {
  const reqs = rule.requirements
    .map((r) => `${r.education}${r.basis === 'graduation' ? '毕业后' : '取得现职称后'}${r.years === 0 ? '即可申报' : `满${r.years}年`}`)
    .join('；');
  const to = rule.countTo === 'cutoff' && rule.cutoffDate ? `计算至${rule.cutoffDate}` : COUNT_TO[rule.countTo];
  return `${reqs}（${COUNT_FROM[rule.countFrom]}，${to}${rule.note ? `；${rule.note}` : ''}）`;
}

/** Qualifying years under a rule for a declaration year; months are whole months over [from, to]. */
export function qualifyingYears(rule: QualifyingRule, answers: EligibilityAnswers, declarationYear: number): YearsCheck {
  const to = rule.countTo === 'cutoff' && rule.cutoffDate ? rule.cutoffDate : `${declarationYear}-12-31`;
  const text = ruleText(rule);
  const edu = answers.education ?? null;
  const req = edu ? rule.requirements.find((r) => r.education === edu) : undefined;
  const base = { education: edu, to, ruleText: text };
  if (!req) {
    return { ...base, basis: null, from: null, countedMonths: 0, requiredMonths: 0, shortMonths: 0, satisfied: false, text: edu ? `不满足，${edu}学历不符合本批次正常申报的学历条件` : '不满足，请填写最高学历' };
  }
  const requiredMonths = req.years * 12;
  const basisDate = req.basis === 'graduation' ? answers.graduationDate : answers.currentTitleDate;
  if (!basisDate) {
    const what = req.basis === 'graduation' ? '毕业时间' : '现职称取得时间';
    if (requiredMonths === 0) return { ...base, basis: req.basis, from: null, countedMonths: 0, requiredMonths, shortMonths: 0, satisfied: true, text: '满足' };
    return { ...base, basis: req.basis, from: null, countedMonths: 0, requiredMonths, shortMonths: requiredMonths, satisfied: false, text: `不满足，未填写${what}，差 ${requiredMonths} 个月` };
  }
  const from = rule.countFrom === 'year_after' ? `${Number(basisDate.slice(0, 4)) + 1}-01-01` : basisDate;
  const countedMonths = wholeMonths(from, nextDay(to));
  const shortMonths = Math.max(0, requiredMonths - countedMonths);
  return {
    ...base,
    basis: req.basis,
    from,
    countedMonths,
    requiredMonths,
    shortMonths,
    satisfied: shortMonths === 0,
    text: shortMonths === 0 ? '满足' : `不满足，差 ${shortMonths} 个月`,
  };
}

/**
 * The whole self-check: identity and sanction refusals first (no method overcomes them), then the years; a
 * shortfall leaves only 破格 open (unless the rule closes it too).
 */
export function checkEligibility(input: {
  answers: EligibilityAnswers;
  rule: QualifyingRule | null;
  declarationYear: number;
  /** A sanction of the person whose period includes today, if any. */
  sanction: SanctionView | null;
}): EligibilityResult {
  const refusals: EligibilityResult['refusals'] = [];
  const s = input.answers.personStatus;
  if (s === 'civil_servant' || s === 'managed_as_civil_servant') refusals.push({ code: 'CIVIL_SERVANT', message: RULE_TEXT.civilServant });
  if (s === 'retired') refusals.push({ code: 'RETIRED', message: RULE_TEXT.retired });
  if (input.sanction) {
    refusals.push({ code: 'SANCTIONED', message: `您受到的${input.sanction.kind}处分（${input.sanction.startsOn} 至 ${input.sanction.endsOn}）尚在处分期内。${RULE_TEXT.sanction}` });
  }
  const years = input.rule ? qualifyingYears(input.rule, input.answers, input.declarationYear) : null;
  let allowedMethods: DeclarationMethod[] = [...DECLARATION_METHODS];
  if (refusals.length) allowedMethods = [];
  else if (years && !years.satisfied) allowedMethods = input.rule?.allowExceptional === false ? [] : ['破格'];
  return { refusals, years, allowedMethods };
}

/** The message of a method the check does not allow. */
export function methodRefusal(result: EligibilityResult, method: string): string | null {
  if (result.refusals.length) return result.refusals[0].message;
  if (result.allowedMethods.includes(method as DeclarationMethod)) return null;
  if (!result.allowedMethods.length) return `资历年限${result.years?.text ?? '不满足'}，本批次不受理破格申报`;
  return `资历年限${result.years?.text ?? '不满足'}，只能选择“破格”申报并说明破格条件`;
}

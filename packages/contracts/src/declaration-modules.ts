import { LIMITS } from './limits.js';
import type { DeclarationKind } from './enums.js';
import { chinaDate } from './clock.js';

/**
 * The declaration module catalogue (H-04, H-05): every module an applicant may fill, its fields, its
 * attachment slots and its rules. The web form renders from it and the API validates with it, so a
 * rule (400/800/2000 characters, at most 8 rows, a certificate number needs its PDF…) exists once.
 * A batch's template picks modules from here and says which are required.
 */

export type FieldType = 'text' | 'textarea' | 'date' | 'select' | 'int' | 'boolean' | 'year';

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  maxLength?: number;
  options?: readonly string[];
  min?: number;
  max?: number;
  placeholder?: string;
}

/** ordinary: PDF ≤ 500 KB; large: PDF ≤ 10 MB (achievements, awards, papers); photo: the 大一寸 photo (PHOTO_RULE). */
export type SizeClass = 'ordinary' | 'large' | 'photo';

/**
 * The applicant's photo (seed 003: 照片统一为大一寸（比一寸大，比二寸小）照片): JPEG or PNG by content, within the seeds'
 * ordinary upload limit (500 KB), portrait in the 大一寸 proportion 33 × 48 mm — 390 × 567 pixels at 300 dpi is the
 * recommended size; from 一寸 (295 × 413) up to about twice the recommended size is accepted.
 */
export const PHOTO_RULE = {
  label: '近期免冠大一寸照片',
  mimeTypes: ['image/jpeg', 'image/png'] as readonly string[],
  maxBytes: 500 * 1024,
  recommended: { width: 390, height: 567 },
  minWidth: 295,
  minHeight: 413,
  maxWidth: 800,
  maxHeight: 1160,
  /** width / height of 33 × 48 mm is 0.6875; a little either way is a 大一寸 photo still. */
  minRatio: 0.64,
  maxRatio: 0.74,
} as const;

/** What is wrong with a photo (its type by content, bytes, pixel size), or null when it meets PHOTO_RULE. */
export function checkPhoto(p: { mimeType: string | null; bytes: number; width: number; height: number }): string | null {
  const r = PHOTO_RULE;
  if (!p.mimeType || !r.mimeTypes.includes(p.mimeType)) return '照片只能是JPG或PNG图片';
  if (p.bytes > r.maxBytes) return `照片不能超过${r.maxBytes / 1024}KB，请压缩后重新上传`;
  const ratio = p.width / p.height;
  if (p.width < r.minWidth || p.height < r.minHeight || p.width > r.maxWidth || p.height > r.maxHeight || ratio < r.minRatio || ratio > r.maxRatio) {
    return `照片应为大一寸（建议${r.recommended.width}×${r.recommended.height}像素），当前为${p.width}×${p.height}像素`;
  }
  return null;
}

export interface AttachmentSlot {
  key: string;
  label: string;
  sizeClass: SizeClass;
  /** Always required (checked at submission), or required when the given field of the same row/form is filled (checked at every save). */
  required?: boolean;
  requiredWhenField?: string;
  /** Several files allowed in the slot. */
  multiple?: boolean;
  /** A template the applicant downloads, fills and uploads (publicity report, commitment letter). */
  template?: string;
}

/** form: one record; table: rows; text: one long text; upload: attachment slots only. */
export type ModuleKind = 'form' | 'table' | 'text' | 'upload';

export interface ModuleDef {
  key: string;
  name: string;
  kind: ModuleKind;
  /** Default size class of the module's attachments (large: achievements, awards, papers ≤ 10 MB). */
  sizeClass: SizeClass;
  /** Always in every template, always required. */
  mandatory?: boolean;
  /** Character limit of a text module. */
  maxChars?: number;
  /** Which declaration kinds offer it. */
  kinds: readonly DeclarationKind[];
  fields: readonly FieldDef[];
  attachments: readonly AttachmentSlot[];
  maxRows?: number;
  minRows?: number;
  /** Rows carried over from the person's earlier declarations are locked (education accumulates). */
  accumulates?: boolean;
  hint?: string;
}

const ALL: readonly DeclarationKind[] = ['review', 'initial', 'recognition'];
const REVIEW: readonly DeclarationKind[] = ['review', 'recognition'];
const INITIAL: readonly DeclarationKind[] = ['initial'];

const EDUCATION_LEVELS = ['高中', '中专', '大专', '本科', '硕士研究生', '博士研究生'] as const;
const DEGREES = ['无', '学士', '硕士', '博士'] as const;

const RAW_MODULES: readonly Omit<ModuleDef, 'sizeClass' | 'maxChars'>[] = [
  {
    key: 'basic_info',
    name: '个人基本信息',
    kind: 'form',
    mandatory: true,
    kinds: ALL,
    fields: [
      { key: 'gender', label: '性别', type: 'select', required: true, options: ['男', '女'] },
      { key: 'nation', label: '民族', type: 'text', required: true, maxLength: 20 },
      { key: 'politicalStatus', label: '政治面貌', type: 'select', required: true, options: ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] },
      { key: 'workStartDate', label: '参加工作时间', type: 'date', required: true },
      { key: 'position', label: '现任职务', type: 'text', maxLength: 50 },
      { key: 'address', label: '通讯地址', type: 'text', maxLength: 100 },
    ],
    attachments: [
      { key: 'photo', label: PHOTO_RULE.label, sizeClass: 'photo' },
      { key: 'idCardFront', label: '身份证正面', sizeClass: 'ordinary', required: true },
      { key: 'idCardBack', label: '身份证反面', sizeClass: 'ordinary', required: true },
    ],
  },
  {
    key: 'education',
    name: '学历学位信息',
    kind: 'table',
    kinds: ALL,
    accumulates: true,
    minRows: 1,
    hint: '学历证书编号、学位证书编号二者至少填写一项，填写证书编号后必须上传对应的材料；往年申报的学历不能删除，如需修改请提出申请。',
    fields: [
      { key: 'school', label: '毕业院校', type: 'text', required: true, maxLength: 100 },
      { key: 'major', label: '所学专业', type: 'text', required: true, maxLength: 50 },
      { key: 'educationLevel', label: '学历', type: 'select', required: true, options: EDUCATION_LEVELS },
      { key: 'degree', label: '学位', type: 'select', required: true, options: DEGREES },
      { key: 'startDate', label: '入学时间', type: 'date', required: true },
      { key: 'endDate', label: '毕业时间', type: 'date', required: true },
      { key: 'diplomaNo', label: '学历证书编号', type: 'text', maxLength: 40 },
      { key: 'degreeNo', label: '学位证书编号', type: 'text', maxLength: 40 },
      { key: 'highest', label: '本专业最高学历', type: 'boolean' },
    ],
    attachments: [
      { key: 'diplomaFile', label: '学历证书', sizeClass: 'ordinary', requiredWhenField: 'diplomaNo' },
      { key: 'degreeFile', label: '学位证书', sizeClass: 'ordinary', requiredWhenField: 'degreeNo' },
    ],
  },
  {
    key: 'current_title',
    name: '现有职称资格',
    kind: 'form',
    kinds: REVIEW,
    fields: [
      { key: 'titleName', label: '现有职称名称', type: 'text', required: true, maxLength: 50 },
      { key: 'obtainedDate', label: '取得时间', type: 'date', required: true },
      { key: 'certificateNo', label: '证书编号', type: 'text', required: true, maxLength: 50 },
      { key: 'issuer', label: '发证单位', type: 'text', required: true, maxLength: 100 },
      { key: 'appointedDate', label: '聘任时间', type: 'date' },
    ],
    attachments: [{ key: 'certificateFile', label: '职称证书', sizeClass: 'ordinary', required: true, requiredWhenField: 'certificateNo' }],
  },
  {
    key: 'practice_qualification',
    name: '执业资格',
    kind: 'table',
    kinds: ALL,
    fields: [
      { key: 'name', label: '执业资格名称', type: 'text', required: true, maxLength: 50 },
      { key: 'certificateNo', label: '证书编号', type: 'text', required: true, maxLength: 50 },
      { key: 'obtainedDate', label: '取得时间', type: 'date', required: true },
      { key: 'issuer', label: '发证机关', type: 'text', maxLength: 100 },
    ],
    attachments: [{ key: 'certificateFile', label: '执业资格证书', sizeClass: 'ordinary', required: true, requiredWhenField: 'certificateNo' }],
  },
  {
    key: 'work_experience',
    name: '工作经历',
    kind: 'table',
    kinds: ALL,
    minRows: 1,
    hint: '请填写专业技术工作经历，截止时间不填表示至今。',
    fields: [
      { key: 'startDate', label: '起始时间', type: 'date', required: true },
      { key: 'endDate', label: '截止时间', type: 'date', placeholder: '至今' },
      { key: 'unit', label: '工作单位', type: 'text', required: true, maxLength: 100 },
      { key: 'position', label: '职务/岗位', type: 'text', maxLength: 50 },
      { key: 'duties', label: '从事专业技术工作', type: 'text', required: true, maxLength: 200 },
    ],
    attachments: [],
  },
  {
    key: 'continuing_education',
    name: '继续教育',
    kind: 'table',
    kinds: REVIEW,
    maxRows: LIMITS.continuingEducationMaxRows,
    hint: `继续教育最多填写${LIMITS.continuingEducationMaxRows}项。`,
    fields: [
      { key: 'year', label: '年度', type: 'year', required: true, min: 1950, max: 2100 },
      { key: 'content', label: '学习内容', type: 'text', required: true, maxLength: 100 },
      { key: 'hours', label: '学时', type: 'int', required: true, min: 1, max: 2000 },
      { key: 'organiser', label: '主办单位', type: 'text', maxLength: 100 },
    ],
    attachments: [{ key: 'proofFile', label: '继续教育证明', sizeClass: 'ordinary' }],
  },
  {
    key: 'exam_scores',
    name: '专业考试成绩',
    kind: 'table',
    kinds: REVIEW,
    fields: [
      { key: 'examName', label: '考试名称', type: 'text', required: true, maxLength: 100 },
      { key: 'examDate', label: '考试时间', type: 'date', required: true },
      { key: 'score', label: '成绩', type: 'text', required: true, maxLength: 20 },
      { key: 'result', label: '结果', type: 'select', options: ['合格', '不合格'] },
    ],
    attachments: [{ key: 'proofFile', label: '成绩证明', sizeClass: 'ordinary' }],
  },
  {
    key: 'achievements',
    name: '任现职以来业绩',
    kind: 'table',
    kinds: REVIEW,
    hint: '左侧附件上传项目、课题的佐证材料，右侧附件上传对应的获奖材料（每个文件10MB以内）。',
    fields: [
      { key: 'project', label: '专业技术工作项目、课题名称', type: 'text', required: true, maxLength: 200 },
      { key: 'startDate', label: '起始时间', type: 'date', required: true },
      { key: 'endDate', label: '完成时间', type: 'date' },
      { key: 'awards', label: '获奖励、专利及效益情况', type: 'text', maxLength: 300 },
      { key: 'rank', label: '本人排名', type: 'int', min: 1, max: 999 },
      { key: 'total', label: '总人数', type: 'int', min: 1, max: 999 },
      { key: 'role', label: '本人起何作用', type: 'text', required: true, maxLength: 200 },
    ],
    attachments: [
      { key: 'evidenceFile', label: '佐证材料', sizeClass: 'large', multiple: true },
      { key: 'awardFile', label: '获奖材料', sizeClass: 'large', multiple: true },
    ],
  },
  {
    key: 'papers',
    name: '论文论著',
    kind: 'table',
    kinds: REVIEW,
    fields: [
      { key: 'title', label: '论文（著作）题目', type: 'text', required: true, maxLength: 200 },
      { key: 'publication', label: '刊物名称/出版社', type: 'text', required: true, maxLength: 100 },
      { key: 'serialNo', label: '刊号/书号', type: 'text', maxLength: 50 },
      { key: 'publishDate', label: '发表（出版）时间', type: 'date', required: true },
      { key: 'authorRole', label: '本人角色', type: 'select', required: true, options: ['独著', '第一作者', '通讯作者', '第二作者', '其他作者', '主编', '副主编', '参编'] },
    ],
    attachments: [{ key: 'paperFile', label: '论文（著作）材料', sizeClass: 'large', required: true }],
  },
  {
    key: 'annual_assessments',
    name: '任职以来考核情况',
    kind: 'table',
    kinds: REVIEW,
    fields: [
      { key: 'year', label: '年度', type: 'year', required: true, min: 1950, max: 2100 },
      { key: 'result', label: '考核结果', type: 'select', required: true, options: ['优秀', '合格（称职）', '基本合格', '不合格', '未考核'] },
      { key: 'unit', label: '考核单位', type: 'text', maxLength: 100 },
    ],
    attachments: [{ key: 'proofFile', label: '考核证明', sizeClass: 'ordinary' }],
  },
  {
    key: 'rewards_punishments',
    name: '奖惩情况',
    kind: 'table',
    kinds: ALL,
    hint: '此处奖惩情况非业绩获奖。',
    fields: [
      { key: 'date', label: '时间', type: 'date', required: true },
      { key: 'type', label: '类别', type: 'select', required: true, options: ['奖励', '惩处'] },
      { key: 'content', label: '奖惩内容', type: 'text', required: true, maxLength: 200 },
      { key: 'issuer', label: '批准机关', type: 'text', maxLength: 100 },
    ],
    attachments: [],
  },
  {
    key: 'work_summary',
    name: '任现职以来工作总结',
    kind: 'text',
    kinds: REVIEW,
    hint: `包括思想品德、职业道德、专业技术能力、工作成绩及履行职责情况等，限${LIMITS.workSummaryChars}字以内。`,
    fields: [{ key: 'text', label: '工作总结', type: 'textarea', required: true, maxLength: LIMITS.workSummaryChars }],
    attachments: [],
  },
  {
    key: 'technical_brief',
    name: '简介表技术工作总结',
    kind: 'form',
    kinds: REVIEW,
    fields: [
      { key: 'experience', label: '主要技术工作经历', type: 'textarea', required: true, maxLength: 500 },
      { key: 'projects', label: '参加的技术项目或其它具体技术工作', type: 'textarea', required: true, maxLength: 500 },
      { key: 'role', label: '在技术项目中发挥的作用、解决的技术难题', type: 'textarea', required: true, maxLength: 500 },
      { key: 'results', label: '取得的成果与效益', type: 'textarea', required: true, maxLength: 500 },
      { key: 'papers', label: '发表或撰写论文（专题技术报告）的情况', type: 'textarea', maxLength: 500 },
    ],
    attachments: [{ key: 'summaryFile', label: '专业技术工作总结', sizeClass: 'ordinary' }],
  },
  {
    key: 'probation_work',
    name: '见习期工作情况',
    kind: 'table',
    kinds: INITIAL,
    minRows: 1,
    fields: [
      { key: 'startDate', label: '起始时间', type: 'date', required: true },
      { key: 'endDate', label: '截止时间', type: 'date', required: true },
      { key: 'unit', label: '工作单位', type: 'text', required: true, maxLength: 100 },
      { key: 'content', label: '工作内容', type: 'text', required: true, maxLength: 200 },
    ],
    attachments: [],
  },
  {
    key: 'main_achievements',
    name: '主要工作成绩',
    kind: 'text',
    kinds: INITIAL,
    hint: `限${LIMITS.mainAchievementsChars}字以内。`,
    fields: [{ key: 'text', label: '主要工作成绩', type: 'textarea', required: true, maxLength: LIMITS.mainAchievementsChars }],
    attachments: [],
  },
  {
    key: 'technical_summary',
    name: '技术工作小结',
    kind: 'text',
    kinds: INITIAL,
    hint: `本人任现职以来工作总结：包括思想政治表现、业务工作能力、科研业绩成果情况等，限${LIMITS.technicalSummaryInitialChars}字以内。`,
    fields: [{ key: 'text', label: '技术工作小结', type: 'textarea', required: true, maxLength: LIMITS.technicalSummaryInitialChars }],
    attachments: [],
  },
  {
    key: 'unit_publicity',
    name: '单位公示及结果报告证明',
    kind: 'upload',
    kinds: ALL,
    hint: '上传“单位同意申报证明”等公示及结果报告材料；如无模板，可先下载模板，经公示后再上传。',
    fields: [],
    attachments: [{ key: 'publicityFile', label: '单位公示及结果报告', sizeClass: 'ordinary', required: true, template: 'unit-publicity' }],
  },
  {
    key: 'integrity_commitment',
    name: '诚信承诺书',
    kind: 'upload',
    kinds: ALL,
    fields: [],
    attachments: [{ key: 'commitmentFile', label: '个人诚信承诺书', sizeClass: 'ordinary', required: true, template: 'integrity-commitment' }],
  },
  {
    key: 'other_materials',
    name: '其他材料',
    kind: 'table',
    kinds: ALL,
    hint: '职称管理部门要求的其他必要材料，如“学信网学历证书电子注册备案表”。',
    fields: [{ key: 'name', label: '材料名称', type: 'text', required: true, maxLength: 100 }],
    attachments: [{ key: 'file', label: '材料', sizeClass: 'ordinary', required: true }],
  },
];

export const DECLARATION_MODULES: readonly ModuleDef[] = RAW_MODULES.map((m) => ({
  ...m,
  sizeClass: m.attachments.some((a) => a.sizeClass === 'large') ? 'large' : 'ordinary',
  ...(m.kind === 'text' ? { maxChars: m.fields[0]?.maxLength } : {}),
}));

export const MODULE_BY_KEY: Readonly<Record<string, ModuleDef>> = Object.fromEntries(DECLARATION_MODULES.map((m) => [m.key, m]));

/** Attached files: a slot holds one file id, or a list when the slot allows several. */
export type AttachmentValue = string | string[];
export type ModuleRow = Record<string, unknown> & { _files?: Record<string, AttachmentValue>; _locked?: boolean };
/** A module's stored value: a single record (form/text) or rows (table). */
export type ModuleValue = ModuleRow | ModuleRow[];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Characters as a person counts them (a Chinese character is one). */
export function charCount(s: string): number {
  return [...s].length;
}

function validDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  // clock-ok: a calendar date checked against itself at UTC midnight (no zone involved).
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkField(f: FieldDef, v: unknown, path: string, out: Record<string, string>, full: boolean): void {
  if (isEmpty(v)) {
    if (full && f.required) out[path] = `请填写${f.label}`;
    return;
  }
  switch (f.type) {
    case 'text':
    case 'textarea':
      if (typeof v !== 'string') out[path] = `${f.label}应为文本`;
      else if (f.maxLength && charCount(v) > f.maxLength) out[path] = `${f.label}不能超过${f.maxLength}字（当前${charCount(v)}字）`;
      return;
    case 'date':
      if (typeof v !== 'string' || !validDate(v)) out[path] = `${f.label}应为有效日期（YYYY-MM-DD）`;
      return;
    case 'select':
      if (typeof v !== 'string' || !f.options?.includes(v)) out[path] = `请从列表中选择${f.label}`;
      return;
    case 'int':
    case 'year':
      if (typeof v !== 'number' || !Number.isInteger(v)) out[path] = `${f.label}应为整数`;
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) out[path] = `${f.label}应在${f.min}到${f.max}之间`;
      return;
    case 'boolean':
      if (typeof v !== 'boolean') out[path] = `${f.label}应为是或否`;
      return;
  }
}

function fileIds(v: AttachmentValue | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function checkRecord(def: ModuleDef, rec: ModuleRow, prefix: string, out: Record<string, string>, full: boolean, today: string): void {
  const known = new Set([...def.fields.map((f) => f.key), '_files', '_locked']);
  for (const k of Object.keys(rec)) if (!known.has(k)) out[`${prefix}${k}`] = '不允许的字段';
  for (const f of def.fields) checkField(f, rec[f.key], `${prefix}${f.key}`, out, full);
  const files = rec._files ?? {};
  const slots = new Set(def.attachments.map((a) => a.key));
  for (const k of Object.keys(files)) if (!slots.has(k)) out[`${prefix}_files.${k}`] = '不允许的附件';
  for (const a of def.attachments) {
    const ids = fileIds(files[a.key]);
    if (!a.multiple && ids.length > 1) out[`${prefix}_files.${a.key}`] = `${a.label}只能上传一个文件`;
    if (ids.some((id) => typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id))) out[`${prefix}_files.${a.key}`] = `${a.label}附件标识有误`;
    // A certificate number needs its PDF even in a draft (seed 002: without it the module neither saves nor submits);
    // other required slots wait for the submission.
    const byNumber = !!a.requiredWhenField && !isEmpty(rec[a.requiredWhenField]);
    const needed = byNumber || (full && a.required);
    if (needed && ids.length === 0) {
      const cond = byNumber ? `填写了${def.fields.find((f) => f.key === a.requiredWhenField)?.label}，` : '';
      out[`${prefix}_files.${a.key}`] = `${cond}请上传${a.label}（PDF）`;
    }
  }
  // Cross-field rules.
  const start = rec['startDate'];
  const end = rec['endDate'];
  if (typeof start === 'string' && typeof end === 'string' && validDate(start) && validDate(end) && end < start) {
    out[`${prefix}endDate`] = '截止（毕业）时间不能早于起始时间';
  }
  for (const f of def.fields) {
    const v = rec[f.key];
    if (f.type === 'date' && typeof v === 'string' && validDate(v) && v > today && !out[`${prefix}${f.key}`]) {
      out[`${prefix}${f.key}`] = `${f.label}不能晚于今天`;
    }
  }
  if (def.key === 'education' && full && isEmpty(rec['diplomaNo']) && isEmpty(rec['degreeNo'])) {
    out[`${prefix}diplomaNo`] = '学历证书编号、学位证书编号二者至少填写一项';
  }
  if (def.key === 'achievements' && typeof rec['rank'] === 'number' && typeof rec['total'] === 'number' && rec['rank'] > rec['total']) {
    out[`${prefix}rank`] = '本人排名不能大于总人数';
  }
}

/**
 * Validates one module's value. `full` (at submission) also enforces required fields, required attachments
 * and minimum rows; a draft save (`full = false`) checks only what was typed, so nothing is refused half-way.
 * Answers messages keyed by path inside the module (`2.diplomaNo`, `text`, `_files.idCardFront`).
 */
/** Field errors of a module's value; `today` is the business date (China) that no date may pass. */
export function validateModuleValue(def: ModuleDef, value: unknown, full: boolean, today: string = chinaDate()): Record<string, string> {
  const out: Record<string, string> = {};
  if (def.kind === 'table') {
    if (!Array.isArray(value)) return { _: '格式有误：应为列表' };
    if (def.maxRows !== undefined && value.length > def.maxRows) out['_'] = `${def.name}最多填写${def.maxRows}项`;
    if (full && def.minRows && value.length < def.minRows) out['_'] = `请至少填写${def.minRows}条${def.name}`;
    value.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) out[`${i}`] = '格式有误';
      else checkRecord(def, row as ModuleRow, `${i}.`, out, full, today);
    });
    if (def.key === 'education' && full) {
      const highest = value.filter((r) => (r as ModuleRow)?.['highest'] === true).length;
      if (value.length > 0 && highest !== 1) out['_'] = '请勾选且只勾选一条本专业最高学历';
    }
  } else {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { _: '格式有误' };
    checkRecord(def, value as ModuleRow, '', out, full, today);
  }
  return out;
}

/** Whether a module holds anything yet (for the grey "not filled" status). */
export function moduleIsFilled(def: ModuleDef, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (def.kind === 'table') return Array.isArray(value) && value.length > 0;
  const rec = value as ModuleRow;
  return def.fields.some((f) => !isEmpty(rec[f.key])) || Object.values(rec._files ?? {}).some((v) => fileIds(v).length > 0);
}

/** Every file id referenced by a module's value. */
export function moduleFileIds(value: unknown): string[] {
  const recs = Array.isArray(value) ? value : value ? [value] : [];
  return recs.flatMap((r) => Object.values(((r as ModuleRow)?._files ?? {}) as Record<string, AttachmentValue>).flatMap((v) => fileIds(v)));
}

/** Module status colours in the hall: not filled grey, filled blue, failed by an auditor red. */
export type ModuleStatus = 'empty' | 'filled' | 'failed';

/** Compatibility names used by the reference-data side (templates, A-28). */
export type DeclarationModuleDef = ModuleDef;
export type AttachmentSizeClass = SizeClass;
export const DECLARATION_MODULE_KEYS: readonly string[] = DECLARATION_MODULES.map((m) => m.key);

export function findDeclarationModule(key: string): ModuleDef | undefined {
  return MODULE_BY_KEY[key];
}

/** The default byte limit of a module's attachments. */
export function defaultAttachmentBytes(def: ModuleDef): number {
  return def.sizeClass === 'large' ? LIMITS.largeAttachmentBytes : LIMITS.ordinaryAttachmentBytes;
}

/** One module of a batch template as the API answers it and the declaration side reads it. */
export interface TemplateModule {
  key: string;
  name: string;
  kind: ModuleKind;
  required: boolean;
  attachment: { required: boolean; maxBytes: number };
}

/**
 * A field's value as shown to people (audit screens, read-only views): 是/否 for yes/no fields, dates as YYYY-MM-DD,
 * never a raw `true`/`false`.
 */
export function displayFieldValue(field: FieldDef, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'boolean') return value === true || value === 'true' ? '是' : '否';
  if (field.type === 'date' && typeof value === 'string') return value.slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

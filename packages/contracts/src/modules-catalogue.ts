import { DeclarationKind } from './enums.js';
import { LIMITS } from './limits.js';

/**
 * H-04: the declaration module catalogue, defined once. A batch's template picks modules from
 * this list, marks them required or optional and sets each module's attachment rules. The fields of each
 * module are defined by the declaration domain; this file fixes the keys, names and kinds.
 */
export type ModuleKind = 'form' | 'table' | 'upload' | 'text';
/** Attachment size class: ordinary ≤ 500 KB, large ≤ 10 MB (achievements, awards, papers). */
export type AttachmentSizeClass = 'ordinary' | 'large';

export interface DeclarationModuleDef {
  key: string;
  name: string;
  kind: ModuleKind;
  sizeClass: AttachmentSizeClass;
  /** Declaration kinds whose templates may include this module. */
  kinds: readonly DeclarationKind[];
  /** Always in the template and always required (cannot be removed by a template). */
  mandatory?: boolean;
  /** Character limit for text modules. */
  maxChars?: number;
  /** Row limit for table modules. */
  maxRows?: number;
}

const ALL: readonly DeclarationKind[] = [DeclarationKind.Review, DeclarationKind.Initial, DeclarationKind.Recognition];
const REVIEW: readonly DeclarationKind[] = [DeclarationKind.Review];
const INITIAL: readonly DeclarationKind[] = [DeclarationKind.Initial, DeclarationKind.Recognition];

export const DECLARATION_MODULES: readonly DeclarationModuleDef[] = [
  { key: 'basic_info', name: '基本信息', kind: 'form', sizeClass: 'ordinary', kinds: ALL, mandatory: true },
  { key: 'education', name: '学历学位', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  { key: 'current_title', name: '现职称资格', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  { key: 'practice_qualification', name: '执业资格', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  { key: 'work_experience', name: '工作经历', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  {
    key: 'continuing_education',
    name: '继续教育',
    kind: 'table',
    sizeClass: 'ordinary',
    kinds: ALL,
    maxRows: LIMITS.continuingEducationMaxRows,
  },
  { key: 'exam_scores', name: '专业考试成绩', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  { key: 'achievements', name: '任现职以来业绩成果', kind: 'table', sizeClass: 'large', kinds: REVIEW },
  { key: 'papers', name: '论文论著', kind: 'table', sizeClass: 'large', kinds: ALL },
  { key: 'annual_assessments', name: '年度考核', kind: 'table', sizeClass: 'ordinary', kinds: ALL },
  { key: 'rewards_punishments', name: '奖惩情况', kind: 'table', sizeClass: 'large', kinds: ALL },
  { key: 'work_summary', name: '工作总结', kind: 'text', sizeClass: 'ordinary', kinds: REVIEW, maxChars: LIMITS.workSummaryChars },
  { key: 'technical_brief', name: '专业技术工作简表', kind: 'form', sizeClass: 'ordinary', kinds: REVIEW },
  { key: 'probation_work', name: '见习期工作情况', kind: 'form', sizeClass: 'ordinary', kinds: INITIAL },
  {
    key: 'main_achievements',
    name: '主要业绩',
    kind: 'text',
    sizeClass: 'ordinary',
    kinds: INITIAL,
    maxChars: LIMITS.mainAchievementsChars,
  },
  {
    key: 'technical_summary',
    name: '专业技术工作总结',
    kind: 'text',
    sizeClass: 'ordinary',
    kinds: INITIAL,
    maxChars: LIMITS.technicalSummaryInitialChars,
  },
  { key: 'unit_publicity', name: '单位公示及结果报告', kind: 'upload', sizeClass: 'ordinary', kinds: ALL },
  { key: 'integrity_commitment', name: '诚信承诺书', kind: 'upload', sizeClass: 'ordinary', kinds: ALL },
  { key: 'other_materials', name: '其他材料', kind: 'upload', sizeClass: 'large', kinds: ALL },
];

export const DECLARATION_MODULE_KEYS = DECLARATION_MODULES.map((m) => m.key);

export function findDeclarationModule(key: string): DeclarationModuleDef | undefined {
  return DECLARATION_MODULES.find((m) => m.key === key);
}

/** The default byte limit of a module's attachments. */
export function defaultAttachmentBytes(def: DeclarationModuleDef): number {
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

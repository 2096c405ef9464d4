import type { EligibilityAnswers, EligibilityResult } from './eligibility.js';
import type { CorrectionNotice } from './corrections.js';
import type { DeclarationKind, TitleLevel, UnitNature } from './enums.js';
import type { DeclarationAction, DeclarationStatus } from './declaration-state.js';
import type { ModuleKind, ModuleStatus, ModuleValue } from './declaration-modules.js';

/**
 * The declaration API contract (H-03..H-09), shared by the hall and the API.
 *
 *   GET    /api/declarations/options                      start-screen choices (levels, series/titles, professions, methods)
 *   GET    /api/declarations/batches/open?kind=            open batches with their commitment letter
 *   POST   /api/declarations                               start a draft (StartDeclarationRequest) → DeclarationDetail
 *   GET    /api/declarations?scope=current|history&keyword=&page=&pageSize=   my declarations (Page<DeclarationSummary>)
 *   GET    /api/declarations/:id                           DeclarationDetail (modules, statuses, failures, path, timeline)
 *   PUT    /api/declarations/:id/modules/:key              SaveModuleRequest → SaveModuleResponse (draft save; autosave)
 *   POST   /api/declarations/:id/submit                    { version } → DeclarationDetail, or 400 with fields `modules.<key>.<path>`
 *   POST   /api/declarations/:id/cancel                    { version, reason? } → DeclarationDetail
 *   POST   /api/declarations/:id/resubmit                  { version } (returned to the applicant) → DeclarationDetail
 *   GET    /api/declarations/:id/timeline                  TimelineEntry[]
 *   GET    /api/declarations/:id/forms/:form               PDF (form = review-form | brief-form | catalogue | entrustment)
 *   POST   /api/declarations/education/fetch               EducationFetchResult (auto-fetch from the education registry provider)
 */

export const DECLARATION_METHODS = ['正常晋升', '破格', '转评', '认定', '其他'] as const;
export type DeclarationMethod = (typeof DECLARATION_METHODS)[number];
export const EXCEPTIONAL_CONDITIONS = ['业绩突出破格', '学历资历破格', '引进高层次人才', '其他破格情形'] as const;

export interface StartDeclarationRequest {
  batchId: string;
  /** Region of the applicant's work unit (GB/T 2260 code). */
  regionCode: string;
  unitNature: UnitNature;
  /** Required for enterprise and institution. */
  supervisingDeptId?: string;
  /** Required for enterprise and institution; freelancers declare without a unit. */
  unitOrgId?: string;
  titleLevel: TitleLevel;
  seriesCode: string;
  titleId: string;
  professionCode: string;
  method: DeclarationMethod;
  /** Only when method is 破格. */
  exceptionalCondition?: string;
  civilServant: boolean;
  /** H-14 申报条件自检 answers (人员身份, 学历, 毕业时间, 现职称取得时间). */
  eligibility?: EligibilityAnswers;
  /** The committee (评审) or acceptance institution (初定/认定) chosen from the filtered list. */
  committeeId: string;
  /** The applicant agreed to the commitment letter (after reading it for 20 seconds). */
  commitmentAccepted: true;
}

export interface DeclarationSummary {
  id: string;
  year: number;
  kind: DeclarationKind;
  batchName: string;
  titleName: string;
  titleLevel: TitleLevel;
  professionName: string;
  committeeName: string;
  status: DeclarationStatus;
  statusLabel: string;
  /** Where it waits now (organisation or stage label), for the progress column. */
  currentStage: string | null;
  returnedToApplicant: boolean;
  submittedAt: string | null;
  updatedAt: string;
}

export interface TemplateModuleState {
  key: string;
  name: string;
  kind: ModuleKind;
  required: boolean;
  attachment: { required: boolean; maxBytes: number };
  status: ModuleStatus;
  /** Auditor's failures for this module, keyed by path (`2.diplomaNo`, `_files.idCardFront`, `_` for the whole module). */
  failures: Record<string, string>;
}

export interface PathStageView {
  seq: number;
  kind: string;
  label: string;
  orgId?: string;
  orgName?: string;
  state: 'done' | 'current' | 'pending';
}

export interface TimelineEntry {
  id: string;
  at: string;
  action: DeclarationAction | string;
  actionLabel: string;
  actorName: string | null;
  organisationName: string | null;
  fromStatus: DeclarationStatus | null;
  toStatus: DeclarationStatus | null;
  fromStage: string | null;
  toStage: string | null;
  opinion: string | null;
}

export interface DeclarationDetail extends DeclarationSummary {
  version: number;
  batchId: string;
  regionCode: string;
  unitNature: UnitNature;
  unitOrgId: string | null;
  unitName: string | null;
  supervisingDeptId: string | null;
  supervisingDeptName: string | null;
  seriesCode: string;
  titleId: string;
  professionCode: string;
  method: DeclarationMethod;
  exceptionalCondition: string | null;
  civilServant: boolean;
  committeeId: string;
  opensAt: string;
  closesAt: string;
  /** Applicant facts shown read-only (masked). */
  applicant: { realName: string; idCard: string; mobile: string; email: string | null };
  modules: TemplateModuleState[];
  /** Module values by key (file ids inside `_files`). */
  data: Record<string, ModuleValue>;
  /** File metadata for every file id referenced in `data`. */
  files: Record<string, { id: string; name: string; sizeBytes: number }>;
  editable: boolean;
  path: PathStageView[] | null;
  lastReturnReason: string | null;
  /** Forms carry the 预览 watermark until the pre-audit passes. */
  formsWatermarked: boolean;
  /** The progress timeline (also at GET /api/declarations/:id/timeline). */
  timeline?: TimelineEntry[];
  /** H-14: the self-check as computed when the declaration was started (applicant and auditors see the same). */
  eligibility?: { answers: EligibilityAnswers; result: EligibilityResult; checkedOn: string } | null;
  /** the open return's one-time notice (every item, the deadline, the resubmission cap). */
  correction?: CorrectionNotice | null;
}

export interface SaveModuleRequest {
  value: ModuleValue;
  /** The declaration version the client last saw; a stale one answers 409. */
  version: number;
}

export interface SaveModuleResponse {
  version: number;
  status: ModuleStatus;
  savedAt: string;
}

export interface EducationFetchResult {
  found: boolean;
  rows: ModuleValue;
  message: string;
}

/** The hall's path before submitting: the whole resolved path, or where it breaks and who must act. */
export interface PathPreview {
  ok: boolean;
  stages: { seq: number; kind: string; label: string; orgName: string | null }[];
  broken: { nodeName: string; reason: string; whoMustAct: string } | null;
  /** The 行政主管部门 chosen at the start: on the path, or why not. */
  supervisingDept: { name: string; onPath: boolean; explanation: string | null } | null;
}

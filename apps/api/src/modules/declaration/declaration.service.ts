import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  currentStageIndex,
  DECLARATION_ACTION_LABELS,
  DECLARATION_METHODS,
  DECLARATION_STATUS_LABELS,
  DECLARATION_KIND_LABELS,
  DeclarationAction,
  DeclarationKind,
  DeclarationStatus,
  ErrorCode,
  EXCEPTIONAL_CONDITIONS,
  MODULE_BY_KEY,
  OrgType,
  PHOTO_RULE,
  RULE_TEXT,
  findRule,
  methodRefusal,
  TITLE_LEVEL_LABELS,
  UNIT_NATURE_LABELS,
  isEditableByApplicant,
  maskIdCard,
  maskMobile,
  moduleFileIds,
  moduleIsFilled,
  validateModuleValue,
  type DeclarationDetail,
  type DeclarationSummary,
  type EducationFetchResult,
  type ModuleRow,
  type ModuleStatus,
  type ModuleValue,
  type PathPreview,
  type PathStageView,
  type SaveModuleResponse,
  type TemplateModuleState,
  type TimelineEntry,
  chinaDate,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { PathResolverService } from '../audit-tree/path-resolver.service.js';
import { BlacklistService } from '../blacklist/blacklist.service.js';
import { StoredFile } from '../files/entities/stored-file.entity.js';
import { formatSize } from '../files/files.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { BatchModule } from '../reference/entities/batch-module.entity.js';
import { Batch } from '../reference/entities/batch.entity.js';
import { ReferenceService } from '../reference/reference.service.js';
import { DeclarationWorkflowService } from './declaration-workflow.service.js';
import { CorrectionsService } from './corrections.service.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { ClockService } from '../../common/clock/clock.service.js';
import type { DeclarationListQueryDto, OrgPickerDto, StartDeclarationDto } from './dto/declaration.dto.js';
import { Declaration } from './entities/declaration.entity.js';
import { DeclarationEvent } from './entities/declaration-event.entity.js';
import { EducationRecord } from './entities/education-record.entity.js';
import { EDUCATION_PROVIDER, type EducationProvider } from './education-provider.js';
import { lockedRowsChanged, stripLocked, submissionErrors, type TemplateRow } from './declaration-rules.js';
import { clock } from '../../common/clock/clock.service.js';

/** Statuses that count as history in "my declarations" (H-08). */
const HISTORY: DeclarationStatus[] = [DeclarationStatus.Cancelled, DeclarationStatus.Filed, DeclarationStatus.Certified, DeclarationStatus.Abandoned];

const fmtDate = (d: Date) => chinaDate(d);

/**
 * H-08 / U-13: the declaration's path as steps, done up to the stage it is really at (past the audit nodes the
 * status says where: publicity, review, certificate; `currentStageIndex` in the contracts).
 */
export function pathStagesOf(d: Declaration, hasCertificate: boolean): PathStageView[] | null {
  if (!d.pathSnapshot) return null;
  const at = currentStageIndex(
    d.pathSnapshot.stages.map((s) => s.kind),
    d.status,
    d.currentStage,
    hasCertificate,
  );
  return d.pathSnapshot.stages.map((s, i) => ({
    seq: s.seq,
    kind: s.kind,
    label: s.label,
    orgId: s.orgId,
    orgName: s.orgName,
    state: at === null ? (i < d.currentStage ? 'done' : 'pending') : i < at ? 'done' : i === at ? 'current' : 'pending',
  }));
}

@Injectable()
export class DeclarationService {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly audit: AuditLogService,
    private readonly blacklist: BlacklistService,
    private readonly resolver: PathResolverService,
    private readonly reference: ReferenceService,
    private readonly workflow: DeclarationWorkflowService,
    private readonly corrections: CorrectionsService,
    private readonly eligibility: EligibilityService,
    private readonly clock: ClockService,
    @Inject(EDUCATION_PROVIDER) private readonly education: EducationProvider,
  ) {}

  // ---------------------------------------------------------------- start screen (H-03)

  async options() {
    const series: { code: string; name: string }[] = await this.ds.query('SELECT code, name FROM title_series ORDER BY sort_order, code');
    const titles: { id: string; series_code: string; level: string; name: string }[] = await this.ds.query(
      'SELECT id, series_code, level, name FROM titles ORDER BY series_code, ministry_code',
    );
    const professions: { code: string; name: string; parent_code: string | null }[] = await this.ds.query(
      `SELECT p.code, p.name, pp.code AS parent_code FROM professions p LEFT JOIN professions pp ON pp.id = p.parent_id
        WHERE p.depth >= 1 ORDER BY p.sort_order, p.code`,
    );
    return {
      levels: Object.entries(TITLE_LEVEL_LABELS).map(([value, label]) => ({ value, label })),
      unitNatures: Object.entries(UNIT_NATURE_LABELS).map(([value, label]) => ({ value, label, needsUnit: value !== 'other' })),
      series: series.map((s) => ({
        code: s.code,
        name: s.name,
        titles: titles.filter((t) => t.series_code === s.code).map((t) => ({ id: t.id, level: t.level, name: t.name })),
        professions: professions.filter((p) => p.parent_code === s.code).map((p) => ({ code: p.code, name: p.name })),
      })),
      methods: DECLARATION_METHODS.map((m) => ({ value: m, label: m, needsCondition: m === '破格' })),
      exceptionalConditions: [...EXCEPTIONAL_CONDITIONS],
    };
  }

  openBatches(kind?: DeclarationKind) {
    return this.reference.openBatches({ kind });
  }

  /** Fuzzy pickers of the start screen: units in the region's sub-tree, departments at the region or above. */
  async orgPicker(q: OrgPickerDto) {
    const code = q.regionCode;
    const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
    const params: unknown[] = [];
    let where: string;
    if (q.type === 'unit') {
      params.push(`${prefix}%`);
      where = `type = 'unit' AND region_code LIKE $1`;
    } else {
      params.push([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]);
      where = `type IN ('admin_dept', 'industry_dept') AND region_code = ANY($1)`;
    }
    if (q.keyword?.trim()) {
      params.push(`%${q.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where += ` AND name ILIKE $${params.length}`;
    }
    const rows: { id: string; name: string; type: string; region_code: string }[] = await this.ds.query(
      `SELECT id, name, type, region_code FROM organisations WHERE status = 'active' AND ${where} ORDER BY name LIMIT 20`,
      params,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, regionCode: r.region_code }));
  }

  private assertWindow(b: Batch, now = clock.now()): void {
    if (b.status !== 'published' || b.opensAt > now || b.closesAt <= now) {
      throw new AppException(
        409,
        'BATCH_NOT_OPEN',
        `不在申报时间内：该批次申报时间为 ${fmtDate(b.opensAt)} 至 ${fmtDate(b.closesAt)}${b.status === 'published' ? '' : '（批次未开放）'}`,
      );
    }
  }

  private async applicant(user: AuthUser, m: EntityManager): Promise<User> {
    const u = await m.getRepository(User).findOne({ where: { id: user.id } });
    if (!u) throw AppException.notFound('用户');
    return u;
  }

  private async assertNotBlacklisted(u: User, m: EntityManager): Promise<void> {
    if (u.idCardHash) await this.blacklist.assertNotBlacklisted(u.idCardHash, m);
  }

  /**
   * H-14 before the commitment letter (and again here): civil servants / 参公 staff and retired people are refused with
   * the rule's words, a sanction in its period blocks, and a qualifying-years shortfall leaves only 破格.
   */
  private async assertEligible(user: AuthUser, batch: Batch, dto: StartDeclarationDto, m: EntityManager) {
    const answers = dto.eligibility ?? { personStatus: dto.civilServant ? ('civil_servant' as const) : ('professional' as const) };
    if (dto.civilServant && answers.personStatus === 'professional') answers.personStatus = 'civil_servant';
    const rules = await this.eligibility.rules(batch.id, m);
    const snap = await this.eligibility.check(user, { batchId: batch.id, seriesCode: dto.seriesCode, titleLevel: dto.titleLevel, answers }, m);
    if (snap.result.refusals.length) throw new AppException(403, snap.result.refusals[0].code, snap.result.refusals[0].message);
    if (!dto.eligibility && findRule(rules.qualifyingRules, dto.seriesCode, dto.titleLevel)) {
      throw AppException.validation({ eligibility: '请先完成申报条件自检（学历、毕业时间、现职称取得时间）' });
    }
    const refusal = methodRefusal(snap.result, dto.method);
    if (refusal) throw AppException.validation({ method: refusal }, refusal);
    return snap;
  }

  /** A sanction in its period blocks submission too (it may have been recorded after the start). */
  private async assertNotSanctioned(u: User, m: EntityManager): Promise<void> {
    const s = await this.eligibility.activeSanction(u.idCardHash, m);
    if (s) throw new AppException(403, 'SANCTIONED', `您受到的${s.kind}处分（${s.startsOn} 至 ${s.endsOn}）尚在处分期内。${RULE_TEXT.sanction}`);
  }

  async start(user: AuthUser, dto: StartDeclarationDto): Promise<DeclarationDetail> {
    const id = await this.ds.transaction(async (m) => {
      const batch = await m.getRepository(Batch).findOne({ where: { id: dto.batchId } });
      if (!batch) throw AppException.notFound('申报批次');
      this.assertWindow(batch);
      const u = await this.applicant(user, m);
      await this.assertNotBlacklisted(u, m);
      const review = batch.kind === DeclarationKind.Review;
      const who = review ? '评委会' : '受理机构';
      const fields: Record<string, string> = {};
      if (dto.committeeId !== batch.committeeId) fields.committeeId = `所选${who}不是该申报批次的${who}`;
      if (!batch.levels.includes(dto.titleLevel)) fields.titleLevel = `该批次不受理${TITLE_LEVEL_LABELS[dto.titleLevel]}职称申报`;
      const title: { series_code: string; level: string }[] = await m.query('SELECT series_code, level FROM titles WHERE id = $1', [dto.titleId]);
      if (!title[0] || title[0].series_code !== dto.seriesCode || title[0].level !== dto.titleLevel) fields.titleId = '所选职称与职称系列、级别不符';
      const prof: { code: string }[] = await m.query(
        `SELECT p.code FROM professions p JOIN professions pp ON pp.id = p.parent_id WHERE p.code = $1 AND pp.code = $2`,
        [dto.professionCode, dto.seriesCode],
      );
      if (!prof[0]) fields.professionCode = '所选专业不属于该职称系列';
      const region: { code: string }[] = await m.query('SELECT code FROM regions WHERE code = $1', [dto.regionCode]);
      if (!region[0]) fields.regionCode = '所在地区不存在';
      if (review && !fields.committeeId && !fields.professionCode) {
        const can: unknown[] = await m.query(
          'SELECT 1 FROM committee_professions WHERE committee_id = $1 AND profession_code = $2 AND title_level = $3 LIMIT 1',
          [dto.committeeId, dto.professionCode, dto.titleLevel],
        );
        if (!can.length) fields.committeeId = '该评委会不能评审所选专业和级别的职称';
      }
      if (dto.method === '破格') {
        if (!dto.exceptionalCondition) fields.exceptionalCondition = '破格申报请选择破格条件';
        else if (!(EXCEPTIONAL_CONDITIONS as readonly string[]).includes(dto.exceptionalCondition)) fields.exceptionalCondition = '请从列表中选择破格条件';
      } else if (dto.exceptionalCondition) fields.exceptionalCondition = '只有破格申报才填写破格条件';
      if (dto.unitNature === 'other') {
        if (dto.unitOrgId) fields.unitOrgId = '自由职业者不选择工作单位';
        if (dto.supervisingDeptId) fields.supervisingDeptId = '自由职业者不选择主管部门';
      } else {
        if (!dto.unitOrgId) fields.unitOrgId = '请选择工作单位';
        else {
          const unit = await m.getRepository(Organisation).findOne({ where: { id: dto.unitOrgId } });
          if (!unit || unit.type !== OrgType.Unit || unit.status !== 'active') fields.unitOrgId = '工作单位不存在或已注销';
        }
        if (!dto.supervisingDeptId) fields.supervisingDeptId = '请选择主管部门';
        else {
          const dept = await m.getRepository(Organisation).findOne({ where: { id: dto.supervisingDeptId } });
          if (!dept || (dept.type !== OrgType.AdminDept && dept.type !== OrgType.IndustryDept) || dept.status !== 'active') {
            fields.supervisingDeptId = '主管部门不存在或已注销';
          }
        }
      }
      if (Object.keys(fields).length) throw AppException.validation(fields);
      const eligibility = await this.assertEligible(user, batch, dto, m);
      const existing = await m
        .getRepository(Declaration)
        .createQueryBuilder('d')
        .where('d.applicant_user_id = :u AND d.batch_id = :b AND d.status <> :c', { u: user.id, b: batch.id, c: DeclarationStatus.Cancelled })
        .getOne();
      if (existing) throw AppException.conflict('您在该批次已有申报，请在“我的申报”中继续填写', 'DECLARATION_EXISTS');
      // Education accumulates: prefill the person's earlier rows, locked.
      const records = await m.getRepository(EducationRecord).find({ where: { userId: user.id }, order: { createdAt: 'ASC', sortOrder: 'ASC' } });
      const template = await m.getRepository(BatchModule).find({ where: { batchId: batch.id } });
      const moduleData: Record<string, ModuleValue> = {};
      if (records.length && template.some((t) => t.moduleKey === 'education')) {
        moduleData.education = records.map((r) => ({ ...r.row, _locked: true }));
      }
      const d = await m.getRepository(Declaration).save({
        applicantUserId: user.id,
        batchId: batch.id,
        year: batch.year,
        kind: batch.kind,
        titleLevel: dto.titleLevel,
        seriesCode: dto.seriesCode,
        titleId: dto.titleId,
        professionCode: dto.professionCode,
        committeeId: dto.committeeId,
        unitOrgId: dto.unitNature === 'other' ? null : dto.unitOrgId!,
        supervisingDeptId: dto.unitNature === 'other' ? null : dto.supervisingDeptId!,
        unitNature: dto.unitNature,
        regionCode: dto.regionCode,
        method: dto.method,
        exceptionalCondition: dto.method === '破格' ? dto.exceptionalCondition! : null,
        civilServant: dto.civilServant,
        eligibility: eligibility as unknown as Record<string, unknown>,
        status: DeclarationStatus.Draft,
        moduleData,
        moduleFailures: {},
      });
      await m.insert(DeclarationEvent, {
        declarationId: d.id,
        actorUserId: user.id,
        actorOrgId: null,
        action: 'create',
        fromStatus: null,
        toStatus: DeclarationStatus.Draft,
        opinion: null,
      });
      await this.audit.record(
        { actor: user, action: 'declaration.create', targetType: 'declaration', targetId: d.id, after: { batchId: batch.id, titleLevel: dto.titleLevel, committeeId: dto.committeeId, commitmentAccepted: true } },
        m,
      );
      return d.id;
    });
    return this.detail(user, id);
  }

  // ---------------------------------------------------------------- reading (H-08)

  /** The applicant's own declaration; anyone else gets 404 (not 403: existence is not revealed). */
  private async own(user: AuthUser, id: string, m: EntityManager, lock = false): Promise<Declaration> {
    const d = await m.getRepository(Declaration).findOne({ where: { id, applicantUserId: user.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!d) throw AppException.notFound('申报');
    return d;
  }

  private async template(batchId: string, m: EntityManager): Promise<TemplateRow[]> {
    const rows = await m.getRepository(BatchModule).find({ where: { batchId }, order: { sortOrder: 'ASC', moduleKey: 'ASC' } });
    return rows.filter((r) => MODULE_BY_KEY[r.moduleKey]);
  }

  private moduleStatus(d: Declaration, key: string): ModuleStatus {
    const f = d.moduleFailures?.[key];
    if (f && Object.keys(f).length) return 'failed';
    return moduleIsFilled(MODULE_BY_KEY[key], d.moduleData[key]) ? 'filled' : 'empty';
  }

  private stageLabel(d: Declaration, stage: number | null | undefined): string | null {
    if (stage === null || stage === undefined || !d.pathSnapshot) return null;
    const s = d.pathSnapshot.stages[stage];
    return s ? `${s.label}${s.orgName ? `（${s.orgName}）` : ''}` : null;
  }

  private currentStageText(d: Declaration): string | null {
    if (d.status === DeclarationStatus.Draft) return null;
    if (d.status === DeclarationStatus.Returned && d.returnedToApplicant) return '退回申报人修改';
    if (d.status === DeclarationStatus.Cancelled) return null;
    return this.stageLabel(d, d.currentStage);
  }

  /** Whether forms carry the 预览 watermark: until the first audit stage has passed. */
  formsWatermarked(d: Declaration): boolean {
    if (!d.pathSnapshot) return true;
    if (d.status === DeclarationStatus.UnderAudit || d.status === DeclarationStatus.Returned) return d.currentStage === 0;
    return d.status === DeclarationStatus.Cancelled || d.status === DeclarationStatus.Draft;
  }

  private async names(ids: (string | null)[], m: EntityManager): Promise<Map<string, string>> {
    const uniq = [...new Set(ids.filter((x): x is string => !!x))];
    if (!uniq.length) return new Map();
    const rows: { id: string; name: string }[] = await m.query('SELECT id, name FROM organisations WHERE id = ANY($1)', [uniq]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async summaries(ds: Declaration[], m: EntityManager): Promise<DeclarationSummary[]> {
    if (!ds.length) return [];
    const batchRows: { id: string; name: string }[] = await m.query('SELECT id, name FROM batches WHERE id = ANY($1)', [[...new Set(ds.map((d) => d.batchId))]]);
    const titleRows: { id: string; name: string }[] = await m.query('SELECT id, name FROM titles WHERE id = ANY($1)', [[...new Set(ds.map((d) => d.titleId))]]);
    const profRows: { code: string; name: string }[] = await m.query('SELECT code, name FROM professions WHERE code = ANY($1)', [[...new Set(ds.map((d) => d.professionCode))]]);
    const batches = new Map(batchRows.map((r) => [r.id, r.name]));
    const titles = new Map(titleRows.map((r) => [r.id, r.name]));
    const profs = new Map(profRows.map((r) => [r.code, r.name]));
    const orgs = await this.names(ds.map((d) => d.committeeId), m);
    return ds.map((d) => ({
      id: d.id,
      year: d.year,
      kind: d.kind,
      batchName: batches.get(d.batchId) ?? '',
      titleName: titles.get(d.titleId) ?? '',
      titleLevel: d.titleLevel,
      professionName: profs.get(d.professionCode) ?? d.professionCode,
      committeeName: orgs.get(d.committeeId) ?? '',
      status: d.status,
      statusLabel: d.status === DeclarationStatus.Returned && d.returnedToApplicant ? '已退回，待修改' : DECLARATION_STATUS_LABELS[d.status],
      currentStage: this.currentStageText(d),
      returnedToApplicant: d.returnedToApplicant,
      submittedAt: d.submittedAt?.toISOString() ?? null,
      updatedAt: d.updatedAt.toISOString(),
    }));
  }

  async list(user: AuthUser, q: DeclarationListQueryDto) {
    const qb = this.ds
      .getRepository(Declaration)
      .createQueryBuilder('d')
      .where('d.applicant_user_id = :u', { u: user.id })
      .andWhere(q.scope === 'history' ? 'd.status IN (:...h)' : 'd.status NOT IN (:...h)', { h: HISTORY });
    if (q.keyword?.trim()) {
      const kw = `%${q.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM batches b WHERE b.id = d.batch_id AND b.name ILIKE :kw)
          OR EXISTS (SELECT 1 FROM titles t WHERE t.id = d.title_id AND t.name ILIKE :kw)
          OR EXISTS (SELECT 1 FROM professions p WHERE p.code = d.profession_code AND p.name ILIKE :kw)
          OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = d.committee_id AND o.name ILIKE :kw)
          OR CAST(d.year AS text) = :kwExact)`,
        { kw, kwExact: q.keyword.trim() },
      );
    }
    qb.orderBy('d.created_at', q.order === 'asc' ? 'ASC' : 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.summaries(rows, this.ds.manager), total, page: q.page, pageSize: q.pageSize };
  }

  async detail(user: AuthUser, id: string): Promise<DeclarationDetail & { timeline: TimelineEntry[] }> {
    const m = this.ds.manager;
    const d = await this.own(user, id, m);
    return this.buildDetail(d, m);
  }

  async buildDetail(d: Declaration, m: EntityManager): Promise<DeclarationDetail & { timeline: TimelineEntry[] }> {
    const [summary] = await this.summaries([d], m);
    const batch = await m.getRepository(Batch).findOneOrFail({ where: { id: d.batchId } });
    const u = await m.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
    const names = await this.names([d.unitOrgId, d.supervisingDeptId], m);
    const template = await this.template(d.batchId, m);
    const modules: TemplateModuleState[] = template.map((t) => {
      const def = MODULE_BY_KEY[t.moduleKey];
      return {
        key: def.key,
        name: def.name,
        kind: def.kind,
        required: t.required || !!def.mandatory,
        attachment: { required: t.attachmentRequired, maxBytes: t.attachmentMaxBytes },
        status: this.moduleStatus(d, def.key),
        failures: d.moduleFailures?.[def.key] ?? {},
      };
    });
    const ids = [...new Set(Object.values(d.moduleData).flatMap((v) => moduleFileIds(v)))];
    const files: DeclarationDetail['files'] = {};
    if (ids.length) {
      const rows = await m.query('SELECT id, original_name, size_bytes FROM stored_files WHERE id = ANY($1)', [ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x))]);
      for (const r of rows as { id: string; original_name: string; size_bytes: number }[]) files[r.id] = { id: r.id, name: r.original_name, sizeBytes: r.size_bytes };
    }
    // the stage it is really at, to the end of the path (issue 15): beyond the audit nodes the status says where
    const path = pathStagesOf(d, !!(await m.query('SELECT 1 FROM certificates WHERE source_declaration_id = $1 LIMIT 1', [d.id])).length);
    return {
      ...summary,
      version: d.version,
      batchId: d.batchId,
      regionCode: d.regionCode,
      unitNature: d.unitNature,
      unitOrgId: d.unitOrgId,
      unitName: d.unitOrgId ? (names.get(d.unitOrgId) ?? null) : null,
      supervisingDeptId: d.supervisingDeptId,
      supervisingDeptName: d.supervisingDeptId ? (names.get(d.supervisingDeptId) ?? null) : null,
      seriesCode: d.seriesCode,
      titleId: d.titleId,
      professionCode: d.professionCode,
      method: d.method as DeclarationDetail['method'],
      exceptionalCondition: d.exceptionalCondition,
      civilServant: d.civilServant,
      committeeId: d.committeeId,
      opensAt: batch.opensAt.toISOString(),
      closesAt: batch.closesAt.toISOString(),
      applicant: {
        realName: u.realName,
        idCard: maskIdCard(u.idCardEnc ? this.crypto.decrypt(u.idCardEnc) : ''),
        mobile: maskMobile(u.mobileEnc ? this.crypto.decrypt(u.mobileEnc) : ''),
        email: u.email,
      },
      modules,
      data: d.moduleData,
      files,
      editable: isEditableByApplicant(d.status, d.returnedToApplicant),
      path,
      lastReturnReason: d.lastReturnReason,
      formsWatermarked: this.formsWatermarked(d),
      timeline: await this.timelineOf(d, m),
      eligibility: (d.eligibility as DeclarationDetail['eligibility']) ?? null,
      correction: await this.corrections.noticeFor(m, d),
    };
  }

  /**
   * The path before submitting: the whole path this declaration would take if submitted now (every node and the tail
   * after the committee), or the node where it breaks and, in plain words, who must do what; and whether the
   * 主管部门 chosen at the start is on it.
   */
  async pathPreview(user: AuthUser, id: string): Promise<PathPreview> {
    const m = this.ds.manager;
    const d = await this.own(user, id, m);
    const dept = d.supervisingDeptId ? (await this.names([d.supervisingDeptId], m)).get(d.supervisingDeptId) ?? null : null;
    if (d.pathSnapshot) {
      const onPath = !!d.supervisingDeptId && d.pathSnapshot.stages.some((s) => s.orgId === d.supervisingDeptId);
      return {
        ok: true,
        stages: d.pathSnapshot.stages.map((s) => ({ seq: s.seq, kind: s.kind, label: s.label, orgName: s.orgName ?? null })),
        broken: null,
        supervisingDept: dept ? { name: dept, onPath, explanation: onPath ? null : `本次申报的审核路径由单位已开通的审核关系确定，不经过您选择的“${dept}”。` } : null,
      };
    }
    let start: string;
    try {
      start = await this.pathStart(d, m);
    } catch (e) {
      const msg = e instanceof AppException ? String((e.getResponse() as { message?: string }).message ?? '') : '无法确定审核路径';
      return { ok: false, stages: [], broken: { nodeName: '所在地区', reason: msg, whoMustAct: '请联系所在地区的职称管理部门。' }, supervisingDept: null };
    }
    const t = await this.resolver.trace({ unitOrgId: start, kind: d.kind, seriesCode: d.seriesCode, titleLevel: d.titleLevel, professionCode: d.professionCode, committeeOrgId: d.committeeId }, m);
    const committee = (await this.names([d.committeeId], m)).get(d.committeeId) ?? '所选评委会';
    const scope = `${TITLE_LEVEL_LABELS[d.titleLevel]}职称`;
    const onPath = !!d.supervisingDeptId && t.nodes.some((n) => n.orgId === d.supervisingDeptId);
    const deptView = dept
      ? {
          name: dept,
          onPath,
          explanation: onPath
            ? null
            : `您选择的主管部门“${dept}”不在审核路径上：审核路径由工作单位已开通的审核关系决定${t.nodes.length > 1 ? `，实际由“${t.nodes[1].name}”审核` : ''}。如主管部门选择有误，请取消本申报后重新申报；如单位的主管部门已变更，请单位重新申请审核路径。`,
        }
      : null;
    if (!t.broken) {
      return { ok: true, stages: (t.stages ?? []).map((s) => ({ seq: s.seq, kind: s.kind, label: s.label, orgName: s.orgName ?? null })), broken: null, supervisingDept: deptView };
    }
    const b = t.broken;
    let who: string;
    if (b.reason.includes('没有') && b.reason.includes('上级审核机构')) {
      who = `“${b.nodeName}”尚未开通本系列${scope}的上级审核路径：请“${b.nodeName}”在后台“审核路径申请”中向其上级主管部门提出申请，上级审核通过后您即可提交。`;
    } else if (b.reason.includes('不能评审该专业')) {
      who = `“${b.nodeName}”不能评审您所选的专业和级别：请改选能评审该专业的评委会（取消本申报后重新申报），或由评委会向职称管理部门申请增加可评审专业。`;
    } else if (b.reason.includes('不是所选的')) {
      who = `您单位的审核路径通往“${b.nodeName}”，而不是您选择的“${committee}”：请改选“${b.nodeName}”，或由单位向上级申请通往“${committee}”的审核路径。`;
    } else {
      who = `请联系“${b.nodeName}”或所在地区的职称管理部门处理审核路径配置。`;
    }
    const nodes = t.nodes.map((n) => ({ seq: n.depth, kind: 'node', label: n.name, orgName: n.name }));
    return { ok: false, stages: nodes, broken: { nodeName: b.nodeName, reason: b.reason, whoMustAct: who }, supervisingDept: deptView };
  }

  async timeline(user: AuthUser, id: string): Promise<TimelineEntry[]> {
    const d = await this.own(user, id, this.ds.manager);
    return this.timelineOf(d, this.ds.manager);
  }

  async timelineOf(d: Declaration, m: EntityManager): Promise<TimelineEntry[]> {
    const rows: { id: string; created_at: Date; action: string; real_name: string | null; org_name: string | null; from_status: DeclarationStatus | null; to_status: DeclarationStatus | null; from_stage: number | null; to_stage: number | null; opinion: string | null }[] =
      await m.query(
        `SELECT e.id, e.created_at, e.action, u.real_name, o.name AS org_name, e.from_status, e.to_status, e.from_stage, e.to_stage, e.opinion
           FROM declaration_events e
           LEFT JOIN users u ON u.id = e.actor_user_id
           LEFT JOIN organisations o ON o.id = e.actor_org_id
          WHERE e.declaration_id = $1 ORDER BY e.created_at, e.id`,
        [d.id],
      );
    const labels: Record<string, string> = { ...DECLARATION_ACTION_LABELS, create: '创建申报（暂存）' };
    // U-14: the timeline says which way a resubmission went
    const resubmitLabel = (op: string | null) => (op?.startsWith('直达退回节点') ? '修改后重新提交（直达退回节点）' : op?.startsWith('逐级审核') ? '修改后重新提交（逐级审核）' : null);
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.created_at).toISOString(),
      action: r.action,
      actionLabel: (r.action === DeclarationAction.Resubmit ? resubmitLabel(r.opinion) : null) ?? labels[r.action] ?? r.action,
      actorName: r.real_name,
      organisationName: r.org_name,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      fromStage: this.stageLabel(d, r.from_stage),
      toStage: r.to_status === DeclarationStatus.Returned && d.returnedToApplicant && r.to_stage === null ? '申报人' : this.stageLabel(d, r.to_stage),
      opinion: r.opinion,
    }));
  }

  // ---------------------------------------------------------------- editing (H-04, H-06, H-07)

  private assertEditable(d: Declaration): void {
    if (!isEditableByApplicant(d.status, d.returnedToApplicant)) {
      throw AppException.conflict(`申报已${d.status === DeclarationStatus.Cancelled ? '取消' : '提交'}（${DECLARATION_STATUS_LABELS[d.status]}），不能修改`, 'NOT_EDITABLE');
    }
  }

  /** File ids must be the applicant's own declaration attachments within the template's limit. */
  private async checkFiles(user: AuthUser, key: string, value: unknown, maxBytes: number, m: EntityManager): Promise<Record<string, string>> {
    const ids = [...new Set(moduleFileIds(value))].filter((x) => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x));
    if (!ids.length) return {};
    const rows = await m.getRepository(StoredFile).createQueryBuilder('f').where('f.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((f) => [f.id, f]));
    const out: Record<string, string> = {};
    const walk = (rec: ModuleRow, prefix: string) => {
      for (const [slot, v] of Object.entries(rec._files ?? {})) {
        for (const fid of Array.isArray(v) ? v : [v]) {
          const f = byId.get(fid);
          const p = `modules.${key}.${prefix}_files.${slot}`;
          const photoSlot = MODULE_BY_KEY[key]?.attachments.find((a) => a.key === slot)?.sizeClass === 'photo';
          if (!f || f.ownerUserId !== user.id || f.purpose !== 'declaration') out[p] = '附件不存在或不是本人上传的申报材料，请重新上传';
          else if (photoSlot && !PHOTO_RULE.mimeTypes.includes(f.mimeType)) out[p] = `${PHOTO_RULE.label}应为JPG或PNG图片，请重新上传`;
          else if (!photoSlot && f.mimeType !== 'application/pdf') out[p] = '该附件只能上传PDF文件';
          else if (!photoSlot && f.sizeBytes > maxBytes) out[p] = `附件“${f.originalName}”超过${formatSize(maxBytes)}上限，请压缩后重新上传`;
        }
      }
    };
    if (Array.isArray(value)) value.forEach((r, i) => r && typeof r === 'object' && walk(r as ModuleRow, `${i}.`));
    else if (value && typeof value === 'object') walk(value as ModuleRow, '');
    return out;
  }

  private async lockedEducation(userId: string, declarationId: string, m: EntityManager): Promise<ModuleRow[]> {
    const rows = await m
      .getRepository(EducationRecord)
      .createQueryBuilder('r')
      .where('r.user_id = :u AND r.source_declaration_id <> :d', { u: userId, d: declarationId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.sort_order', 'ASC')
      .getMany();
    return rows.map((r) => r.row);
  }

  async saveModule(user: AuthUser, id: string, key: string, value: unknown, version: number): Promise<SaveModuleResponse> {
    return this.ds.transaction(async (m) => {
      const d = await this.own(user, id, m, true);
      this.assertEditable(d);
      this.workflow.assertVersion(d, version);
      const t = await m.getRepository(BatchModule).findOne({ where: { batchId: d.batchId, moduleKey: key } });
      const def = MODULE_BY_KEY[key];
      if (!t || !def) throw AppException.notFound('申报模块');
      const errs = validateModuleValue(def, value, false, clock.today());
      const fields: Record<string, string> = Object.fromEntries(Object.entries(errs).map(([p, msg]) => [`modules.${key}.${p}`, msg]));
      if (def.accumulates && Array.isArray(value)) {
        const locked = await this.lockedEducation(user.id, d.id, m);
        if (lockedRowsChanged(locked, value as ModuleRow[])) {
          throw new AppException(400, ErrorCode.ValidationFailed, '往年申报的学历信息不能删除或修改，如需修改请提出申请', {
            [`modules.${key}._`]: '往年申报的学历信息不能删除或修改，如需修改请提出申请',
          });
        }
      }
      Object.assign(fields, await this.checkFiles(user, key, value, t.attachmentMaxBytes, m));
      if (Object.keys(fields).length) throw AppException.validation(fields, `${def.name}有${Object.keys(fields).length}处填写有误`);
      d.moduleData = { ...d.moduleData, [key]: value as ModuleValue };
      // One UPDATE of the one module's key (jsonb_set), not TypeORM's save, which re-reads the row and
      // deep-compares the whole module_data to find what changed: the hot path of autosave (issue 5 bench).
      // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected].
      const [[row]]: [{ version: number; updated_at: Date }[], number] = await m.query(
        `UPDATE declarations SET module_data = jsonb_set(module_data, ARRAY[$2::text], $3::jsonb, true), version = version + 1, updated_at = now()
          WHERE id = $1 RETURNING version, updated_at`,
        [d.id, key, JSON.stringify(value)],
      );
      await this.audit.record({ actor: user, action: 'declaration.save', targetType: 'declaration', targetId: d.id, after: { module: key, version: row.version } }, m);
      return { version: row.version, status: this.moduleStatus(d, key), savedAt: new Date(row.updated_at).toISOString() };
    });
  }

  /** Every problem of the whole declaration, keyed `modules.<key>.<path>` (H-07). */
  private async validateAll(user: AuthUser, d: Declaration, m: EntityManager): Promise<void> {
    const template = await this.template(d.batchId, m);
    const fields = submissionErrors(template, d.moduleData, clock.today());
    for (const t of template) Object.assign(fields, await this.checkFiles(user, t.moduleKey, d.moduleData[t.moduleKey], t.attachmentMaxBytes, m));
    if (Object.keys(fields).length) throw AppException.validation(fields, `申报材料有${Object.keys(fields).length}处需要完善`);
  }

  /** Freelancers have no unit: their path starts at the title office of their region (the nearest one upward). */
  private async pathStart(d: Declaration, m: EntityManager): Promise<string> {
    if (d.unitOrgId) return d.unitOrgId;
    const codes = [d.regionCode, `${d.regionCode.slice(0, 4)}00`, `${d.regionCode.slice(0, 2)}0000`];
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM organisations WHERE type = 'title_office' AND status = 'active' AND region_code = ANY($1)
        ORDER BY length(rtrim(region_code, '0')) DESC, created_at LIMIT 1`,
      [codes],
    );
    if (!rows[0]) throw new AppException(422, 'PATH_BROKEN', '所在地区没有职称管理部门，无法确定审核路径，请联系当地职称管理部门');
    return rows[0].id;
  }

  private async writeEducation(d: Declaration, m: EntityManager): Promise<void> {
    await m.delete(EducationRecord, { sourceDeclarationId: d.id });
    const rows = stripLocked(d.moduleData.education);
    if (rows.length) await m.insert(EducationRecord, rows.map((row, i) => ({ userId: d.applicantUserId, sourceDeclarationId: d.id, sortOrder: i, row: row as never })));
  }

  private async lockFiles(d: Declaration, m: EntityManager): Promise<void> {
    const ids = [...new Set(Object.values(d.moduleData).flatMap((v) => moduleFileIds(v)))];
    if (ids.length) await m.query('UPDATE stored_files SET locked = true WHERE id = ANY($1) AND owner_user_id = $2', [ids, d.applicantUserId]);
  }

  async submit(user: AuthUser, id: string, version: number) {
    await this.ds.transaction(async (m) => {
      const d = await this.own(user, id, m, true);
      if (d.status !== DeclarationStatus.Draft) this.assertEditable(d);
      if (d.status !== DeclarationStatus.Draft) throw AppException.conflict('该申报已退回，请使用“重新提交”', 'USE_RESUBMIT');
      this.workflow.assertVersion(d, version);
      const batch = await m.getRepository(Batch).findOneOrFail({ where: { id: d.batchId } });
      this.assertWindow(batch);
      const u = await this.applicant(user, m);
      await this.assertNotBlacklisted(u, m);
      await this.assertNotSanctioned(u, m);
      await this.validateAll(user, d, m);
      const path = await this.resolver.resolve(
        { unitOrgId: await this.pathStart(d, m), kind: d.kind, seriesCode: d.seriesCode, titleLevel: d.titleLevel, professionCode: d.professionCode, committeeOrgId: d.committeeId },
        m,
      );
      const first = path.stages[0];
      await this.lockFiles(d, m);
      await this.writeEducation(d, m);
      await this.workflow.transition(m, d, {
        actor: user,
        action: DeclarationAction.Submit,
        to: { status: DeclarationStatus.UnderAudit, stage: 0, currentOrgId: first?.orgId ?? null, returnedToApplicant: false },
        patch: { pathSnapshot: path, submittedAt: new Date() },
      });
    });
    return this.detail(user, id);
  }

  /**
   * U-14 / A-34: a declaration returned to the applicant goes straight back to the node that returned it (直达退回节点,
   * the batch default) or climbs the path again (逐级), see `CorrectionsService.resubmitRoute`; refused past the
   * correction deadline and beyond the batch's resubmission cap. The path snapshot is kept; the batch window is not
   * re-checked (the return happened inside the audit period).
   */
  async resubmit(user: AuthUser, id: string, version: number) {
    await this.ds.transaction(async (m) => {
      const d = await this.own(user, id, m, true);
      if (!(d.status === DeclarationStatus.Returned && d.returnedToApplicant)) {
        throw AppException.conflict(`当前状态（${DECLARATION_STATUS_LABELS[d.status]}）不能重新提交，只有退回给申报人的申报可以修改后重新提交`, 'INVALID_TRANSITION');
      }
      this.workflow.assertVersion(d, version);
      const u = await this.applicant(user, m);
      await this.assertNotBlacklisted(u, m);
      await this.assertNotSanctioned(u, m);
      await this.validateAll(user, d, m);
      const stages = d.pathSnapshot?.stages ?? [];
      const route = await this.corrections.resubmitRoute(m, d);
      const stage = route.stage < stages.length ? route.stage : 0;
      await this.lockFiles(d, m);
      await this.writeEducation(d, m);
      await this.workflow.transition(m, d, {
        actor: user,
        action: DeclarationAction.Resubmit,
        to: { status: DeclarationStatus.UnderAudit, stage, currentOrgId: stages[stage]?.orgId ?? null, returnedToApplicant: false },
        opinion: route.opinion,
        patch: {
          moduleFailures: {},
          submittedAt: new Date(),
          resubmitCount: d.resubmitCount + 1,
          // climbing again: the unit audits, publicises and reports it up anew
          ...(stage === 0 ? { entrusted: null, recommendationRank: null } : {}),
        },
      });
    });
    return this.detail(user, id);
  }

  async cancel(user: AuthUser, id: string, version: number, reason?: string) {
    await this.ds.transaction(async (m) => {
      const d = await this.own(user, id, m, true);
      if (!isEditableByApplicant(d.status, d.returnedToApplicant)) {
        throw AppException.conflict(`当前状态（${DECLARATION_STATUS_LABELS[d.status]}）不能取消，只有暂存或退回给申报人的申报可以取消`, 'INVALID_TRANSITION');
      }
      this.workflow.assertVersion(d, version);
      await this.workflow.transition(m, d, {
        actor: user,
        action: DeclarationAction.Cancel,
        to: { status: DeclarationStatus.Cancelled, currentOrgId: null, returnedToApplicant: false },
        opinion: reason?.trim() || null,
        notify: d.status !== DeclarationStatus.Draft,
      });
      await this.corrections.closeOnCancel(m, d.id);
    });
    return this.detail(user, id);
  }

  async fetchEducation(user: AuthUser): Promise<EducationFetchResult> {
    const u = await this.applicant(user, this.ds.manager);
    return this.education.fetch({ realName: u.realName, idCard: u.idCardEnc ? this.crypto.decrypt(u.idCardEnc) : '' });
  }

  /** For the forms: the declaration with everything printed on them. */
  async forForms(user: AuthUser, id: string) {
    const m = this.ds.manager;
    const d = await this.own(user, id, m);
    const detail = await this.buildDetail(d, m);
    const u = await m.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
    const fileRows = Object.keys(detail.files).length
      ? await m.getRepository(StoredFile).createQueryBuilder('f').where('f.id IN (:...ids)', { ids: Object.keys(detail.files) }).getMany()
      : [];
    return {
      d,
      detail,
      idCard: u.idCardEnc ? this.crypto.decrypt(u.idCardEnc) : '',
      pages: new Map(fileRows.map((f) => [f.id, f.pageCount])),
      kindLabel: DECLARATION_KIND_LABELS[d.kind],
    };
  }

  /** File access for purpose 'declaration': users whose organisation is on a submitted declaration's path (or office admins over it). */
  async canReadFile(user: AuthUser, file: StoredFile, canSee: (org: { id: string; regionCode: string }) => boolean): Promise<boolean> {
    if (!user.organisationId) return false;
    const rows: { path_snapshot: Declaration['pathSnapshot']; unit_org_id: string | null }[] = await this.ds.query(
      `SELECT path_snapshot, unit_org_id FROM declarations
        WHERE applicant_user_id = $1 AND path_snapshot IS NOT NULL
          AND (strpos(module_data::text, $2) > 0
               -- U-14: a file replaced after a return stays readable to the path (the returning node opens both)
               OR EXISTS (SELECT 1 FROM declaration_returns r WHERE r.declaration_id = declarations.id AND strpos(r.data_snapshot::text, $2) > 0))`,
      [file.ownerUserId, file.id],
    );
    const orgIds = new Set<string>();
    for (const r of rows) for (const s of r.path_snapshot?.stages ?? []) if (s.orgId) orgIds.add(s.orgId);
    if (orgIds.has(user.organisationId)) return true;
    if (!orgIds.size) return false;
    const orgs: { id: string; region_code: string }[] = await this.ds.query('SELECT id, region_code FROM organisations WHERE id = ANY($1)', [[...orgIds]]);
    return orgs.some((o) => canSee({ id: o.id, regionCode: o.region_code }));
  }
}

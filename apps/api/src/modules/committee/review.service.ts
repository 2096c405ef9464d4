import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  DEFAULT_RESULT_PUBLICITY_DAYS,
  addDays,
  chinaDate,
  chinaDateTime,
  EXPERT_ACTION_LABELS,
  REVIEW_MODE_LABELS,
  REVIEW_PLAN_KIND_LABELS,
  REVIEW_PLAN_STATUS_LABELS,
  Role,
  hasQuorum,
  maskIdCard,
  votePasses,
  type ExpertActionKind,
  type ReviewPlanStatus,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { CalendarService } from '../../common/calendar/calendar.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { OutboxService } from '../notices/outbox.service.js';
import { Declaration } from '../declaration/entities/declaration.entity.js';
import { DeclarationWorkflowService } from '../declaration/declaration-workflow.service.js';
import { FileAccessRegistry } from '../files/file-access.registry.js';
import { StoredFile } from '../files/entities/stored-file.entity.js';
import { ExpertAction } from '../scoring/entities/expert-action.entity.js';
import type {
  CloseMeetingDto,
  DeclineDto,
  ExpertRollbackDto,
  FilingAuditDto,
  InterviewDto,
  OfflineResultsDto,
  PlanAuditDto,
  PlanQueryDto,
  PublicityStartDto,
  ReviewPlanDtoIn,
  UpdateReviewPlanDto,
} from './dto/review.dto.js';
import { ReviewPlan, type PlanDraw } from './entities/review-plan.entity.js';
import { ReviewPlanExpert } from './entities/review-plan-expert.entity.js';
import { ReviewResult } from './entities/review-result.entity.js';
import { drawExperts, newDrawSeed } from './review-draw.js';
import { clock } from '../../common/clock/clock.service.js';
import { sqlDate } from '../../database/query-utils.js';
import { assertAuthorityPeriod } from './authority-period.js';

const maskName = (n: string | null | undefined) => (n ? n.slice(0, 1) + '*'.repeat(Math.max(1, [...n].length - 1)) : '');
/** Today in China (the publicity calendar), from the business clock. */
export const todayCn = () => clock.today();

export interface ParticipantRow {
  declarationId: string;
  name: string;
  unitName: string | null;
  unitOrgId: string | null;
  titleName: string | null;
  professionCode: string;
  status: string;
  reviewPassed: boolean | null;
  filingDocNo: string | null;
}

/**
 * C-02..C-07 and the title office's side (A-09, A-10, A-11, A-21, A-22 expert part).
 * A committee operator acts on the plans of their own committee; a title office on the plans of the
 * committees in its region sub-tree (AccessService). Every declaration state change goes through
 * DeclarationWorkflowService.transition; every plan change is written to the audit log.
 */
@Injectable()
export class ReviewService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxService,
    private readonly workflow: DeclarationWorkflowService,
    private readonly crypto: CryptoService,
    private readonly files: FileAccessRegistry,
    private readonly excel: ExcelService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    // Plan attachments: the committee, title offices in scope and the drawn experts read them.
    this.files.register('plan', async (user, file) => {
      const plans: { id: string; committee_id: string; region_code: string }[] = await this.ds.query(
        `SELECT id, committee_id, region_code FROM review_plans WHERE attachments @> $1::jsonb`,
        [JSON.stringify([{ fileId: file.id }])],
      );
      for (const p of plans) {
        if (this.access.canSee(user, { id: p.committee_id, regionCode: p.region_code })) return true;
        if (user.role === Role.Expert && (await this.isPanelExpert(user.id, p.id))) return true;
      }
      return false;
    });
    // E-01: a panel expert reads the material of the participants of their plans.
    this.files.register('declaration', async (user, file) => {
      if (user.role !== Role.Expert) return false;
      const rows: unknown[] = await this.ds.query(
        `SELECT 1 FROM declarations d JOIN review_plan_experts pe ON pe.plan_id = d.review_plan_id AND pe.user_id = $3 AND pe.role = 'panel'
          WHERE d.applicant_user_id = $1 AND strpos(d.module_data::text, $2) > 0 LIMIT 1`,
        [file.ownerUserId, file.id, user.id],
      );
      return rows.length > 0;
    });
  }

  async isPanelExpert(userId: string, planId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return m.getRepository(ReviewPlanExpert).exists({ where: { planId, userId, role: 'panel' } });
  }

  // ------------------------------------------------------------------ loading and scope

  private assertCommittee(user: AuthUser): string {
    if (user.role !== Role.CommitteeOperator || !user.organisationId) throw AppException.forbidden('只有评委会经办人可以执行此操作');
    return user.organisationId;
  }

  /** Loads a plan the user may see (committee: own; title office: in scope); 404 otherwise. */
  async load(user: AuthUser, id: string, m: EntityManager = this.ds.manager, lock = false): Promise<ReviewPlan> {
    const p = await m.getRepository(ReviewPlan).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!p || !this.access.canSee(user, { id: p.committeeId, regionCode: p.regionCode })) throw AppException.notFound('评审方案');
    return p;
  }

  private async loadOwn(user: AuthUser, id: string, m: EntityManager, version: number): Promise<ReviewPlan> {
    const org = this.assertCommittee(user);
    const p = await this.load(user, id, m, true);
    if (p.committeeId !== org) throw AppException.notFound('评审方案');
    this.assertVersion(p, version);
    return p;
  }

  private async loadForOffice(user: AuthUser, id: string, m: EntityManager, version: number): Promise<ReviewPlan> {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以执行此操作');
    const p = await this.load(user, id, m, true);
    this.assertVersion(p, version);
    return p;
  }

  private assertVersion(p: ReviewPlan, version: number) {
    if (p.version !== version) throw AppException.conflict('评审方案已被他人修改，请刷新后重试', 'STALE_VERSION');
  }

  private assertStatus(p: ReviewPlan, allowed: ReviewPlanStatus[], what: string) {
    if (!allowed.includes(p.status)) {
      throw AppException.conflict(`评审方案当前状态为“${REVIEW_PLAN_STATUS_LABELS[p.status]}”，不能${what}`, 'INVALID_PLAN_STATE');
    }
  }

  private async saveAndLog(m: EntityManager, user: AuthUser, p: ReviewPlan, action: string, before: Record<string, unknown>, after: Record<string, unknown>) {
    await m.getRepository(ReviewPlan).save(p);
    await this.audit.record({ actor: user, action: `review_plan.${action}`, targetType: 'review_plan', targetId: p.id, before, after }, m);
  }

  // ------------------------------------------------------------------ participants (C-02)

  private participantsQuery(m: EntityManager) {
    return m
      .getRepository(Declaration)
      .createQueryBuilder('d')
      .innerJoin('users', 'u', 'u.id = d.applicant_user_id')
      .leftJoin('organisations', 'o', 'o.id = d.unit_org_id')
      .leftJoin('titles', 't', 't.id = d.title_id')
      .select([
        'd.id AS id',
        'u.real_name AS real_name',
        'o.name AS unit_name',
        'd.unit_org_id AS unit_org_id',
        't.name AS title_name',
        'd.profession_code AS profession_code',
        'd.status AS status',
        'd.review_passed AS review_passed',
        'd.filing_doc_no AS filing_doc_no',
      ])
      .orderBy('d.recommendation_rank', 'ASC', 'NULLS LAST')
      .addOrderBy('u.real_name')
      .addOrderBy('d.id');
  }

  private toParticipant(r: Record<string, unknown>, mask: boolean): ParticipantRow {
    return {
      declarationId: r.id as string,
      name: mask ? maskName(r.real_name as string) : (r.real_name as string),
      unitName: (r.unit_name as string) ?? null,
      unitOrgId: (r.unit_org_id as string) ?? null,
      titleName: (r.title_name as string) ?? null,
      professionCode: r.profession_code as string,
      status: r.status as string,
      reviewPassed: (r.review_passed as boolean | null) ?? null,
      filingDocNo: (r.filing_doc_no as string) ?? null,
    };
  }

  /** Qualified declarations of the committee's batch that are in no other plan (C-02 participant picker). */
  async candidates(user: AuthUser, batchId: string, planId?: string) {
    const org = this.assertCommittee(user);
    const rows = await this.participantsQuery(this.ds.manager)
      .where('d.committee_id = :org AND d.batch_id = :batchId', { org, batchId })
      .andWhere(`d.status IN ('qualified', 'pre_review_publicity')`)
      .andWhere(planId ? '(d.review_plan_id IS NULL OR d.review_plan_id = :planId)' : 'd.review_plan_id IS NULL', { planId })
      .limit(2000)
      .getRawMany();
    return { items: rows.map((r) => this.toParticipant(r, false)) };
  }

  async participants(planId: string, m: EntityManager = this.ds.manager, mask = false): Promise<ParticipantRow[]> {
    const rows = await this.participantsQuery(m).where('d.review_plan_id = :planId', { planId }).getRawMany();
    return rows.map((r) => this.toParticipant(r, mask));
  }

  // ------------------------------------------------------------------ plan CRUD, submit (C-02)

  private async checkPlanInput(user: AuthUser, org: string, dto: ReviewPlanDtoIn, m: EntityManager, planId: string | null) {
    const batch: { committee_id: string; kind: string }[] = await m.query('SELECT committee_id, kind FROM batches WHERE id = $1', [dto.batchId]);
    if (!batch[0] || batch[0].committee_id !== org) throw AppException.validation({ batchId: '只能为本评委会的申报批次制定评审方案' });
    const keys = new Set<string>();
    for (const [i, r] of dto.scoringRules.entries()) {
      if (keys.has(r.key)) throw AppException.validation({ [`scoringRules.${i}.key`]: '评分项标识重复' });
      keys.add(r.key);
    }
    const weight = dto.scoringRules.reduce((s, r) => s + r.weight, 0);
    if (weight !== 100) throw AppException.validation({ scoringRules: `评分项权重合计应为100（当前为${weight}）` });
    if (dto.mode === 'online' && dto.expertRequirement.reserves < 0) throw AppException.validation({ 'expertRequirement.reserves': '备选人数有误' });
    const codes = [...new Set(dto.expertRequirement.professionCodes)];
    const found: { code: string }[] = await m.query('SELECT code FROM professions WHERE code = ANY($1)', [codes]);
    const missing = codes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw AppException.validation({ 'expertRequirement.professionCodes': `专业代码不存在：${missing.join('、')}` });
    const fileIds = [...new Set(dto.attachmentIds)];
    const files = fileIds.length ? await m.getRepository(StoredFile).find({ where: { id: In(fileIds) } }) : [];
    // A plan attachment: uploaded for a plan by this operator, or already attached to this plan (another operator of the committee).
    const kept = new Set<string>();
    if (planId) {
      const rows: { attachments: { fileId: string }[] }[] = await m.query('SELECT attachments FROM review_plans WHERE id = $1', [planId]);
      for (const a of rows[0]?.attachments ?? []) kept.add(a.fileId);
    }
    if (files.length !== fileIds.length || files.some((f) => f.purpose !== 'plan' || (f.ownerUserId !== user.id && !kept.has(f.id)))) {
      throw AppException.validation({ attachmentIds: '附件不存在或不是本人上传的方案附件' });
    }
    const ids = [...new Set(dto.declarationIds)];
    const ok: { id: string }[] = await m.query(
      `SELECT id FROM declarations WHERE id = ANY($1) AND committee_id = $2 AND batch_id = $3 AND status IN ('qualified', 'pre_review_publicity')
          AND (review_plan_id IS NULL OR review_plan_id = $4)`,
      [ids, org, dto.batchId, planId],
    );
    if (ok.length !== ids.length) throw AppException.validation({ declarationIds: '参评人员须为本批次资格复核通过且未列入其他方案的申报' });
    return { ids, attachments: fileIds.map((id) => ({ fileId: id, name: files.find((f) => f.id === id)!.originalName })) };
  }

  private async setParticipants(m: EntityManager, planId: string, ids: string[]) {
    await m.query(`UPDATE declarations SET review_plan_id = NULL WHERE review_plan_id = $1 AND NOT (id = ANY($2))`, [planId, ids]);
    await m.query(`UPDATE declarations SET review_plan_id = $1 WHERE id = ANY($2)`, [planId, ids]);
  }

  async create(user: AuthUser, dto: ReviewPlanDtoIn) {
    const org = this.assertCommittee(user);
    const id = await this.ds.transaction(async (m) => {
      await assertAuthorityPeriod(m, org, '制定评审方案');
      const { ids, attachments } = await this.checkPlanInput(user, org, dto, m, null);
      const p = await m.getRepository(ReviewPlan).save({
        committeeId: org,
        regionCode: user.regionCode ?? '000000',
        batchId: dto.batchId,
        name: dto.name.trim(),
        kind: dto.kind,
        mode: dto.mode,
        status: 'draft' as const,
        description: dto.description?.trim() || null,
        expertRequirement: { ...dto.expertRequirement, professionCodes: [...new Set(dto.expertRequirement.professionCodes)] },
        scoringRules: dto.scoringRules,
        attachments,
        createdBy: user.id,
      });
      await this.setParticipants(m, p.id, ids);
      await this.audit.record({ actor: user, action: 'review_plan.create', targetType: 'review_plan', targetId: p.id, after: { name: p.name, kind: p.kind, mode: p.mode, participants: ids.length } }, m);
      return p.id;
    });
    return this.detail(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateReviewPlanDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      this.assertStatus(p, ['draft', 'rejected'], '修改');
      await assertAuthorityPeriod(m, p.committeeId, '修改评审方案');
      const { ids, attachments } = await this.checkPlanInput(user, p.committeeId, dto, m, p.id);
      const before = { name: p.name, kind: p.kind, mode: p.mode };
      Object.assign(p, {
        batchId: dto.batchId,
        name: dto.name.trim(),
        kind: dto.kind,
        mode: dto.mode,
        description: dto.description?.trim() || null,
        expertRequirement: { ...dto.expertRequirement, professionCodes: [...new Set(dto.expertRequirement.professionCodes)] },
        scoringRules: dto.scoringRules,
        attachments,
      });
      await this.setParticipants(m, p.id, ids);
      await this.saveAndLog(m, user, p, 'update', before, { name: p.name, kind: p.kind, mode: p.mode, participants: ids.length });
    });
    return this.detail(user, id);
  }

  async submit(user: AuthUser, id: string, version: number) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, version);
      this.assertStatus(p, ['draft', 'rejected'], '呈报');
      await assertAuthorityPeriod(m, p.committeeId, '呈报评审方案');
      const parts = await this.participants(p.id, m);
      if (!parts.length) throw AppException.validation({ declarationIds: '请选择参评人员' });
      const bad = parts.filter((x) => x.status !== 'qualified' && x.status !== 'pre_review_publicity');
      if (bad.length) throw AppException.conflict(`参评人员${bad.map((b) => b.name).join('、')}已不是资格复核通过状态，请修改方案`);
      const before = { status: p.status };
      // Submitted attachments can no longer be deleted by their uploader.
      if (p.attachments.length) await m.query('UPDATE stored_files SET locked = true WHERE id = ANY($1)', [p.attachments.map((a) => a.fileId)]);
      p.status = 'submitted';
      p.submittedAt = new Date();
      await this.saveAndLog(m, user, p, 'submit', before, { status: p.status });
    });
    return this.detail(user, id);
  }

  // ------------------------------------------------------------------ audit, A-21 query

  async auditPlan(user: AuthUser, id: string, dto: PlanAuditDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadForOffice(user, id, m, dto.version);
      this.assertStatus(p, ['submitted'], '审核');
      if (dto.result === 'reject' && !dto.opinion?.trim()) throw AppException.validation({ opinion: '退回时请填写审核意见' });
      const before = { status: p.status };
      p.auditOpinion = dto.opinion?.trim() || null;
      p.auditedBy = user.id;
      p.auditedAt = new Date();
      if (dto.result === 'reject') {
        p.status = 'rejected';
      } else {
        await assertAuthorityPeriod(m, p.committeeId, '审核通过评审方案');
        p.status = 'approved';
        const ds = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id }, lock: { mode: 'pessimistic_write' } });
        for (const d of ds) {
          await this.workflow.transition(m, d, { actor: user, action: 'start_review', to: { status: 'in_review' }, opinion: `评审方案“${p.name}”审核通过` });
        }
      }
      await this.saveAndLog(m, user, p, p.kind === 'special' ? 'audit_special' : 'audit', before, { status: p.status, opinion: p.auditOpinion });
    });
    return this.detail(user, id);
  }

  private listQuery(user: AuthUser, q: Omit<PlanQueryDto, 'page' | 'pageSize'>) {
    const qb = this.ds
      .getRepository(ReviewPlan)
      .createQueryBuilder('p')
      .innerJoin('organisations', 'c', 'c.id = p.committee_id')
      .leftJoin('batches', 'b', 'b.id = p.batch_id')
      .addSelect(['c.name AS committee_name', 'b.year AS batch_year', '(SELECT count(*)::int FROM declarations d WHERE d.review_plan_id = p.id) AS participant_count']);
    this.access.scopeQuery(qb, user, { orgId: 'p.committee_id', regionCode: 'p.region_code' });
    if (q.status) qb.andWhere('p.status = :st', { st: q.status });
    if (q.kind) qb.andWhere('p.kind = :kind', { kind: q.kind });
    if (q.committeeId) qb.andWhere('p.committee_id = :cid', { cid: q.committeeId });
    if (q.batchId) qb.andWhere('p.batch_id = :bid', { bid: q.batchId });
    if (q.regionCode) qb.andWhere('p.region_code LIKE :rc', { rc: `${q.regionCode.replace(/(00)+$/, '')}%` });
    if (q.keyword?.trim()) qb.andWhere('(p.name ILIKE :kw OR c.name ILIKE :kw)', { kw: `%${q.keyword.trim().replace(/[%_\\]/g, '\\$&')}%` });
    return qb.orderBy('p.created_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('p.id');
  }

  private async fetchList(qb: ReturnType<ReviewService['listQuery']>) {
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((p, i) => ({
      ...this.summary(p),
      committeeName: raw[i].committee_name as string,
      batchYear: raw[i].batch_year as number,
      participantCount: raw[i].participant_count as number,
    }));
  }

  async list(user: AuthUser, q: PlanQueryDto) {
    const qb = this.listQuery(user, q);
    const total = await qb.getCount();
    const items = await this.fetchList(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** the current query as Excel, streamed page by page. */
  async export(user: AuthUser, q: PlanQueryDto, reply: FastifyReply) {
    const base = this.listQuery(user, q);
    const rows = paged((offset, limit) => this.fetchList(base.clone().offset(offset).limit(limit)));
    async function* mapped() {
      for await (const p of rows) {
        yield {
          name: p.name,
          committeeName: p.committeeName,
          year: p.batchYear,
          kind: REVIEW_PLAN_KIND_LABELS[p.kind],
          mode: REVIEW_MODE_LABELS[p.mode],
          participants: p.participantCount,
          status: REVIEW_PLAN_STATUS_LABELS[p.status],
          submittedAt: p.submittedAt ? p.submittedAt.slice(0, 10) : '',
          publicity: p.publicityStartsOn ? `${p.publicityStartsOn} 至 ${p.publicityEndsOn}` : '',
          filing: p.filingDocNo ? `${p.filingDocNo}（${p.filedOn}）` : '',
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '评审方案.xlsx',
      [
        { key: 'name', header: '方案名称', width: 36 },
        { key: 'committeeName', header: '评委会', width: 36 },
        { key: 'year', header: '年度', width: 8 },
        { key: 'kind', header: '方案类型' },
        { key: 'mode', header: '评审方式', width: 24 },
        { key: 'participants', header: '参评人数', width: 10 },
        { key: 'status', header: '状态' },
        { key: 'submittedAt', header: '呈报日期' },
        { key: 'publicity', header: '结果公示期', width: 26 },
        { key: 'filing', header: '备案', width: 30 },
      ],
      mapped(),
    );
  }

  private summary(p: ReviewPlan) {
    return {
      id: p.id,
      committeeId: p.committeeId,
      regionCode: p.regionCode,
      batchId: p.batchId,
      name: p.name,
      kind: p.kind,
      mode: p.mode,
      status: p.status,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      auditOpinion: p.auditOpinion,
      auditedAt: p.auditedAt?.toISOString() ?? null,
      publicityStartsOn: p.publicityStartsOn,
      publicityEndsOn: p.publicityEndsOn,
      filingDocNo: p.filingDocNo,
      filedOn: p.filedOn,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
    };
  }

  async detail(user: AuthUser, id: string) {
    const p = await this.load(user, id);
    // One query after another: the embedded database cannot run queries in parallel.
    const participants = await this.participants(p.id);
    const experts = await this.planExperts(p.id);
    const results = await this.ds.getRepository(ReviewResult).find({ where: { planId: p.id } });
    const committee: { name: string }[] = await this.ds.query('SELECT name FROM organisations WHERE id = $1', [p.committeeId]);
    return {
      ...this.summary(p),
      committeeName: committee[0]?.name ?? '',
      description: p.description,
      expertRequirement: p.expertRequirement,
      scoringRules: p.scoringRules,
      attachments: p.attachments,
      draw: p.draw ? { seed: p.draw.seed, candidates: p.draw.candidates, avoided: p.draw.avoided, panel: p.draw.panel, reserves: p.draw.reserves, drawnAt: p.draw.drawnAt } : null,
      interviewAt: p.interviewAt?.toISOString() ?? null,
      interviewPlace: p.interviewPlace,
      interviewNotifiedAt: p.interviewNotifiedAt?.toISOString() ?? null,
      attendance: p.attendance,
      closedAt: p.closedAt?.toISOString() ?? null,
      publicityDays: p.publicityDays,
      filingAppliedAt: p.filingAppliedAt?.toISOString() ?? null,
      filingOpinion: p.filingOpinion,
      participants: participants.map((x) => {
        const r = results.find((y) => y.declarationId === x.declarationId);
        return {
          ...x,
          result: r
            ? { present: r.present, agree: r.agree, disagree: r.disagree, abstain: r.abstain, averageScore: r.averageScore === null ? null : Number(r.averageScore), passed: r.passed, remark: r.remark }
            : null,
        };
      }),
      experts,
    };
  }

  async planExperts(planId: string, m: EntityManager = this.ds.manager) {
    const rows: { expert_id: string; user_id: string; position: number; role: string; replaced_by: string | null; decline_reason: string | null; real_name: string; org_name: string | null; title_name: string }[] =
      await m.query(
        `SELECT pe.expert_id, pe.user_id, pe.position, pe.role, pe.replaced_by, pe.decline_reason, u.real_name, o.name AS org_name, e.title_name
           FROM review_plan_experts pe JOIN experts e ON e.id = pe.expert_id JOIN users u ON u.id = pe.user_id
           LEFT JOIN organisations o ON o.id = e.organisation_id
          WHERE pe.plan_id = $1 ORDER BY pe.position`,
        [planId],
      );
    return rows.map((r) => ({ expertId: r.expert_id, userId: r.user_id, position: r.position, role: r.role, replacedBy: r.replaced_by, declineReason: r.decline_reason, name: r.real_name, organisationName: r.org_name, titleName: r.title_name }));
  }

  // ------------------------------------------------------------------ C-03 draw

  /** Eligible experts for the plan, and those left out by avoidance (with the reason). */
  private async drawCandidates(p: ReviewPlan, m: EntityManager): Promise<{ candidates: string[]; avoided: { expertId: string; reason: string }[] }> {
    const [committee]: { region_code: string; level: string | null }[] = await m.query('SELECT region_code, level FROM organisations WHERE id = $1', [p.committeeId]);
    const prefix = committee.level === 'province' ? committee.region_code.slice(0, 2) : committee.level === 'city' ? committee.region_code.slice(0, 4) : committee.region_code;
    const pool: { id: string; organisation_id: string | null; conflicts: { organisationId?: string; name: string; idCardMasked?: string }[]; id_card_hash: string | null; mobile_hash: string | null; real_name: string }[] = await m.query(
      `SELECT e.id, e.organisation_id, e.conflicts, u.id_card_hash, u.mobile_hash, u.real_name
         FROM experts e JOIN users u ON u.id = e.user_id AND u.status = 'active'
         JOIN organisations mo ON mo.id = e.managed_by
        WHERE e.status = 'active' AND e.title_level = ANY($1)
          AND EXISTS (SELECT 1 FROM expert_professions ep WHERE ep.expert_id = e.id AND ep.profession_code = ANY($2))
          AND (e.managed_by = $3 OR (mo.type = 'title_office' AND mo.region_code LIKE $4))`,
      [p.expertRequirement.titleLevels, p.expertRequirement.professionCodes, p.committeeId, `${prefix}%`],
    );
    const people: { unit_org_id: string | null; id_card_enc: string | null; id_card_hash: string | null; mobile_hash: string | null; real_name: string }[] = await m.query(
      `SELECT d.unit_org_id, u.id_card_enc, u.id_card_hash, u.mobile_hash, u.real_name FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE d.review_plan_id = $1`,
      [p.id],
    );
    const units = new Set(people.map((x) => x.unit_org_id).filter((x): x is string => !!x));
    const hashes = new Set(people.map((x) => x.id_card_hash).filter((x): x is string => !!x));
    // The same person with an expert account: same ID card, or same name and mobile number.
    const selves = new Set(people.filter((x) => x.mobile_hash).map((x) => `${x.real_name}|${x.mobile_hash}`));
    const needMasked = pool.some((e) => e.conflicts.some((c) => c.idCardMasked));
    const persons = needMasked ? people.map((x) => ({ name: x.real_name, masked: x.id_card_enc ? maskIdCard(this.crypto.decrypt(x.id_card_enc)) : '' })) : [];
    const candidates: string[] = [];
    const avoided: { expertId: string; reason: string }[] = [];
    for (const e of pool) {
      let reason: string | null = null;
      if ((e.id_card_hash && hashes.has(e.id_card_hash)) || (e.mobile_hash && selves.has(`${e.real_name}|${e.mobile_hash}`))) reason = '本人为参评人员';
      else if (e.organisation_id && units.has(e.organisation_id)) reason = '与参评人员同单位';
      else {
        const c = e.conflicts.find((c) => (c.organisationId && units.has(c.organisationId)) || (c.idCardMasked && persons.some((x) => x.masked === c.idCardMasked && x.name === c.name)));
        if (c) reason = `申报回避：${c.name}`;
      }
      if (reason) avoided.push({ expertId: e.id, reason });
      else candidates.push(e.id);
    }
    return { candidates: candidates.sort(), avoided };
  }

  async draw(user: AuthUser, id: string, version: number) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, version);
      if (p.mode !== 'online') throw AppException.conflict('线下评审方案不抽取评委，请直接录入评审结果');
      this.assertStatus(p, ['approved'], '抽取评委');
      await assertAuthorityPeriod(m, p.committeeId, '抽取评委');
      const { candidates, avoided } = await this.drawCandidates(p, m);
      const { count, reserves } = p.expertRequirement;
      if (candidates.length < count) {
        throw AppException.conflict(`符合条件且无需回避的专家只有${candidates.length}人，不足评委人数${count}人，请调整专家要求或补充专家库`, 'NOT_ENOUGH_EXPERTS');
      }
      const seed = newDrawSeed();
      const result = drawExperts(seed, candidates, count, reserves);
      const users: { id: string; user_id: string }[] = await m.query('SELECT id, user_id FROM experts WHERE id = ANY($1)', [[...result.panel, ...result.reserves]]);
      const userOf = new Map(users.map((u) => [u.id, u.user_id]));
      await m.insert(
        ReviewPlanExpert,
        [...result.panel, ...result.reserves].map((expertId, i) => ({ planId: p.id, expertId, userId: userOf.get(expertId)!, position: i, role: i < count ? ('panel' as const) : ('reserve' as const) })),
      );
      const draw: PlanDraw = { seed, candidates, avoided, panel: result.panel, reserves: result.reserves, drawnAt: new Date().toISOString(), drawnBy: user.id };
      p.draw = draw;
      p.status = 'drawn';
      await this.saveAndLog(m, user, p, 'draw', { status: 'approved' }, { status: p.status, seed, candidates, panel: result.panel, reserves: result.reserves, avoided });
    });
    return this.detail(user, id);
  }

  /** C-03 复核抽取: re-runs the recorded draw and compares it with the recorded (initial) panel and reserves. */
  async verifyDraw(user: AuthUser, id: string) {
    const p = await this.load(user, id);
    if (!p.draw) throw AppException.conflict('该方案尚未抽取评委');
    const rerun = drawExperts(p.draw.seed, p.draw.candidates, p.expertRequirement.count, p.expertRequirement.reserves);
    const matches = JSON.stringify(rerun.panel) === JSON.stringify(p.draw.panel) && JSON.stringify(rerun.reserves) === JSON.stringify(p.draw.reserves);
    return { matches, seed: p.draw.seed, candidates: p.draw.candidates, recorded: { panel: p.draw.panel, reserves: p.draw.reserves }, rerun };
  }

  /** C-03: a panel expert declines (recorded by the committee); the next reserve in draw order takes the seat. */
  async decline(user: AuthUser, id: string, expertId: string, dto: DeclineDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      await this.replaceExpert(m, user, p, expertId, dto.reason);
    });
    return this.detail(user, id);
  }

  /** E-workspace: the expert declines their own seat before starting (the next reserve takes it). */
  async declineOwnSeat(user: AuthUser, id: string, reason: string) {
    await this.ds.transaction(async (m) => {
      const seat = await m.getRepository(ReviewPlanExpert).findOne({ where: { planId: id, userId: user.id, role: 'panel' } });
      const p = seat ? await m.getRepository(ReviewPlan).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!seat || !p) throw AppException.notFound('评审方案');
      await this.replaceExpert(m, user, p, seat.expertId, reason);
    });
    return { declined: true };
  }

  private async replaceExpert(m: EntityManager, user: AuthUser, p: ReviewPlan, expertId: string, reason: string) {
    this.assertStatus(p, ['drawn'], '更换评委');
    const repo = m.getRepository(ReviewPlanExpert);
    const e = await repo.findOne({ where: { planId: p.id, expertId } });
    if (!e || e.role !== 'panel') throw AppException.notFound('该方案的评委');
    if (await m.getRepository(ExpertAction).exists({ where: { planId: p.id, expertId } })) {
      throw AppException.conflict('该评委已开始评审，不能更换');
    }
    const next = await repo.findOne({ where: { planId: p.id, role: 'reserve' }, order: { position: 'ASC' } });
    if (!next) throw AppException.conflict('备选评委已用完，不能更换，请联系评委会');
    e.role = 'declined';
    e.declineReason = reason.trim();
    e.replacedBy = next.expertId;
    e.changedAt = new Date();
    next.role = 'panel';
    next.changedAt = new Date();
    await repo.save([e, next]);
    if (p.attendance) p.attendance = p.attendance.filter((x) => x !== expertId);
    await this.saveAndLog(m, user, p, 'expert_decline', { expertId }, { declined: expertId, replacedBy: next.expertId, reason: e.declineReason, by: user.role });
  }

  // ------------------------------------------------------------------ C-04 interview notice

  async interview(user: AuthUser, id: string, dto: InterviewDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      if (p.mode !== 'online') throw AppException.conflict('线下评审方案不发送面试通知');
      this.assertStatus(p, ['drawn'], '发送面试通知');
      const at = new Date(dto.interviewAt);
      if (at.getTime() < clock.nowMs()) throw AppException.validation({ interviewAt: '面试时间不能早于当前时间' });
      await assertAuthorityPeriod(m, p.committeeId, '安排评审会议', chinaDate(at));
      const people: { user_id: string; username: string; real_name: string; mobile_enc: string | null; email: string | null }[] = await m.query(
        `SELECT u.id AS user_id, u.username, u.real_name, u.mobile_enc, u.email FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE d.review_plan_id = $1`,
        [p.id],
      );
      const when = chinaDateTime(at);
      const subject = '职称评审面试通知';
      for (const u of people) {
        const body = `${u.real_name}：您参加的“${p.name}”定于 ${when} 在 ${dto.place.trim()} 进行面试答辩，请携带身份证准时参加。`;
        await this.outbox.enqueue({ channel: 'inapp', event: 'review.interview', userId: u.user_id, recipient: u.username, subject, body }, m);
        if (u.mobile_enc) await this.outbox.enqueue({ channel: 'sms', event: 'review.interview', userId: u.user_id, recipient: this.crypto.decrypt(u.mobile_enc), subject, body }, m);
        if (u.email) await this.outbox.enqueue({ channel: 'email', event: 'review.interview', userId: u.user_id, recipient: u.email, subject, body }, m);
      }
      const before = { interviewAt: p.interviewAt?.toISOString() ?? null, place: p.interviewPlace };
      p.interviewAt = at;
      p.interviewPlace = dto.place.trim();
      p.interviewNotifiedAt = new Date();
      await this.saveAndLog(m, user, p, 'interview_notice', before, { interviewAt: at.toISOString(), place: p.interviewPlace, notified: people.length });
    });
    return this.detail(user, id);
  }

  // ------------------------------------------------------------------ C-05 results

  /** E-04/C-05: the committee records who attended and closes the meeting; the system computes the tallies. */
  async close(user: AuthUser, id: string, dto: CloseMeetingDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      this.assertStatus(p, ['drawn'], '结束评审');
      await assertAuthorityPeriod(m, p.committeeId, '召开评审会议');
      const panel = (await m.getRepository(ReviewPlanExpert).find({ where: { planId: p.id, role: 'panel' } })).map((e) => e.expertId);
      const present = [...new Set(dto.presentExpertIds)];
      const outsider = present.find((x) => !panel.includes(x));
      if (outsider) throw AppException.validation({ presentExpertIds: '出席专家须为本方案的评委' });
      if (!hasQuorum(present.length, panel.length)) {
        throw AppException.conflict(`出席评委${present.length}人，不足评委总数${panel.length}人的三分之二，会议无效，不能形成评审结果`, 'NO_QUORUM');
      }
      const actions = await m
        .getRepository(ExpertAction)
        .createQueryBuilder('a')
        .where('a.plan_id = :pid AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL AND a.expert_id = ANY(:present)', { pid: p.id, present })
        .getMany();
      const ds = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id }, lock: { mode: 'pessimistic_write' } });
      const results: ReviewResult[] = [];
      for (const d of ds) {
        const mine = actions.filter((a) => a.declarationId === d.id);
        const votes = mine.filter((a) => a.kind === 'vote').map((a) => a.value.vote as string);
        const agree = votes.filter((v) => v === 'agree').length;
        const disagree = votes.filter((v) => v === 'disagree').length;
        const abstain = votes.filter((v) => v === 'abstain').length;
        const passed = votePasses(agree, present.length);
        const perExpert = new Map<string, number>();
        for (const a of mine.filter((a) => a.kind === 'material_score' || a.kind === 'interview_score')) {
          const scores = a.value.scores as Record<string, number>;
          let s = 0;
          for (const r of p.scoringRules) if (scores[r.key] !== undefined) s += (scores[r.key] / r.maxScore) * r.weight;
          perExpert.set(a.expertId, (perExpert.get(a.expertId) ?? 0) + s);
        }
        const avg = perExpert.size ? [...perExpert.values()].reduce((x, y) => x + y, 0) / perExpert.size : null;
        results.push(m.getRepository(ReviewResult).create({ planId: p.id, declarationId: d.id, present: present.length, agree, disagree, abstain, averageScore: avg === null ? null : avg.toFixed(2), passed, remark: null }));
        await this.workflow.transition(m, d, {
          actor: user,
          action: 'review_result',
          to: { status: 'reviewed' },
          patch: { reviewPassed: passed },
          opinion: `出席${present.length}人，同意${agree}票，不同意${disagree}票，弃权${abstain}票，${passed ? '通过' : '未通过'}`,
        });
      }
      if (results.length) await m.getRepository(ReviewResult).insert(results);
      p.attendance = present;
      p.status = 'closed';
      p.closedAt = new Date();
      await this.saveAndLog(m, user, p, 'close', { status: 'drawn' }, { status: 'closed', present, panel: panel.length, passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length });
    });
    return this.detail(user, id);
  }

  /** C-05 offline mode: the committee enters the results of the meeting held offline. */
  async offlineResults(user: AuthUser, id: string, dto: OfflineResultsDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      if (p.mode !== 'offline') throw AppException.conflict('线上评审方案的结果由专家投票产生，不能直接录入');
      this.assertStatus(p, ['approved'], '录入评审结果');
      await assertAuthorityPeriod(m, p.committeeId, '召开评审会议');
      const ds = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id }, lock: { mode: 'pessimistic_write' } });
      const byId = new Map(dto.items.map((i) => [i.declarationId, i]));
      if (byId.size !== dto.items.length || ds.length !== byId.size || ds.some((d) => !byId.has(d.id))) {
        throw AppException.validation({ items: '请为每位参评人员录入一条评审结果' });
      }
      for (const [i, it] of dto.items.entries()) {
        if (it.agree + it.disagree + it.abstain > it.present) throw AppException.validation({ [`items.${i}.agree`]: '票数合计不能超过出席人数' });
        if (!hasQuorum(it.present, p.expertRequirement.count)) throw AppException.validation({ [`items.${i}.present`]: `出席评委须达到评委总数${p.expertRequirement.count}人的三分之二` });
        if (it.passed !== votePasses(it.agree, it.present)) throw AppException.validation({ [`items.${i}.passed`]: '评审结果与票数不符（同意票须达到出席人数的三分之二方可通过）' });
      }
      for (const d of ds) {
        const it = byId.get(d.id)!;
        await m.getRepository(ReviewResult).insert({ planId: p.id, declarationId: d.id, present: it.present, agree: it.agree, disagree: it.disagree, abstain: it.abstain, averageScore: null, passed: it.passed, remark: it.remark?.trim() || null });
        await this.workflow.transition(m, d, { actor: user, action: 'review_result', to: { status: 'reviewed' }, patch: { reviewPassed: it.passed }, opinion: `线下评审：同意${it.agree}票，${it.passed ? '通过' : '未通过'}` });
      }
      p.status = 'closed';
      p.closedAt = new Date();
      await this.saveAndLog(m, user, p, 'offline_results', { status: 'approved' }, { status: 'closed', passed: dto.items.filter((x) => x.passed).length });
    });
    return this.detail(user, id);
  }

  // ------------------------------------------------------------------ C-06 publicity, C-07 / A-11 filing

  async startPublicity(user: AuthUser, id: string, dto: PublicityStartDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, dto.version);
      this.assertStatus(p, ['closed'], '发布结果公示');
      const today = todayCn();
      const start = dto.startsOn ?? today;
      if (start < today) throw AppException.validation({ startsOn: '公示开始日期不能早于今天' });
      const days = dto.days ?? DEFAULT_RESULT_PUBLICITY_DAYS;
      const period = await this.calendar.workingPeriod(start, days, m);
      const passed = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id, reviewPassed: true }, lock: { mode: 'pessimistic_write' } });
      for (const d of passed) {
        await this.workflow.transition(m, d, { actor: user, action: 'publicize_result', to: { status: 'post_review_publicity' }, opinion: `评审结果公示 ${period.startsOn} 至 ${period.endsOn}` });
      }
      p.publicityDays = days;
      p.publicityStartsOn = period.startsOn;
      p.publicityEndsOn = period.endsOn;
      p.status = 'publicity';
      await this.saveAndLog(m, user, p, 'publicity', { status: 'closed' }, { status: p.status, days, ...period, count: passed.length });
    });
    return this.detail(user, id);
  }

  async applyFiling(user: AuthUser, id: string, version: number) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadOwn(user, id, m, version);
      this.assertStatus(p, ['publicity'], '申请备案');
      if (!p.publicityEndsOn || p.publicityEndsOn >= todayCn()) throw AppException.conflict(`评审结果公示期至 ${p.publicityEndsOn} 结束，公示期满后方可申请备案`, 'PUBLICITY_NOT_ENDED');
      p.status = 'filing_applied';
      p.filingAppliedAt = new Date();
      await this.saveAndLog(m, user, p, 'filing_apply', { status: 'publicity' }, { status: p.status });
    });
    return this.detail(user, id);
  }

  async fileAudit(user: AuthUser, id: string, dto: FilingAuditDto) {
    await this.ds.transaction(async (m) => {
      const p = await this.loadForOffice(user, id, m, dto.version);
      this.assertStatus(p, ['filing_applied'], '备案');
      p.filingOpinion = dto.opinion?.trim() || null;
      if (dto.result === 'reject') {
        if (!p.filingOpinion) throw AppException.validation({ opinion: '退回时请填写备案意见' });
        p.status = 'publicity';
        await this.saveAndLog(m, user, p, 'filing_reject', { status: 'filing_applied' }, { status: p.status, opinion: p.filingOpinion });
        return;
      }
      const fields: Record<string, string> = {};
      if (!dto.docNo?.trim()) fields.docNo = '请填写备案文号';
      if (!dto.filedOn) fields.filedOn = '请选择备案日期';
      if (Object.keys(fields).length) throw AppException.validation(fields);
      const docNo = dto.docNo!.trim();
      const passed = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id, reviewPassed: true }, lock: { mode: 'pessimistic_write' } });
      for (const d of passed) {
        await this.workflow.transition(m, d, { actor: user, action: 'file', to: { status: 'filed' }, patch: { filingDocNo: docNo, filedOn: dto.filedOn! }, opinion: `备案文号：${docNo}` });
      }
      p.filingDocNo = docNo;
      p.filedOn = dto.filedOn!;
      p.status = 'filed';
      await this.saveAndLog(m, user, p, 'file', { status: 'filing_applied' }, { status: p.status, docNo, filedOn: p.filedOn, count: passed.length });
    });
    return this.detail(user, id);
  }

  /** Development/test clock: moves a running publicity into the past so that filing can be tried (never in production). */
  async devEndPublicity(user: AuthUser, id: string) {
    await this.ds.transaction(async (m) => {
      const p = await this.load(user, id, m, true);
      this.assertStatus(p, ['publicity'], '结束公示');
      const end = addDays(clock.today(), -1);
      const start = p.publicityStartsOn && p.publicityStartsOn < end ? p.publicityStartsOn : end;
      await this.saveAndLog(m, user, Object.assign(p, { publicityStartsOn: start, publicityEndsOn: end }), 'dev_end_publicity', {}, { publicityEndsOn: end });
    });
    return this.detail(user, id);
  }

  /** P-02: announced and running results publicities (until their last day), one row per passed person (name masked). */
  async publicResults(q: { keyword?: string; page: number; pageSize: number }) {
    const params: unknown[] = [q.pageSize, (q.page - 1) * q.pageSize];
    let kw = '';
    if (q.keyword?.trim()) {
      params.push(`%${q.keyword.trim().replace(/[%_\\]/g, '\\$&')}%`);
      kw = `AND (p.name ILIKE $3 OR c.name ILIKE $3 OR o.name ILIKE $3 OR t.name ILIKE $3)`;
    }
    const rows: { real_name: string; unit_name: string | null; title_name: string | null; plan_name: string; committee_name: string; starts_on: string; ends_on: string; total: number }[] = await this.ds.query(
      `SELECT u.real_name, o.name AS unit_name, t.name AS title_name, p.name AS plan_name, c.name AS committee_name,
              p.publicity_starts_on::text AS starts_on, p.publicity_ends_on::text AS ends_on, count(*) OVER ()::int AS total
         FROM review_plans p
         JOIN organisations c ON c.id = p.committee_id
         JOIN declarations d ON d.review_plan_id = p.id AND d.review_passed = true
         JOIN users u ON u.id = d.applicant_user_id
         LEFT JOIN organisations o ON o.id = d.unit_org_id
         LEFT JOIN titles t ON t.id = d.title_id
        WHERE p.publicity_ends_on >= ${sqlDate(clock.today())} ${kw}
        ORDER BY p.publicity_starts_on DESC, p.id, u.real_name LIMIT $1 OFFSET $2`,
      params,
    );
    return {
      items: rows.map((r) => ({ name: maskName(r.real_name), unitName: r.unit_name, titleName: r.title_name, planName: r.plan_name, committeeName: r.committee_name, result: '通过', startsOn: r.starts_on, endsOn: r.ends_on })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ------------------------------------------------------------------ A-22 rollback of expert work

  async expertActions(user: AuthUser, id: string, q: { expertId?: string; declarationId?: string }) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以回退评委操作');
    const p = await this.load(user, id);
    const qb = this.ds
      .getRepository(ExpertAction)
      .createQueryBuilder('a')
      .innerJoin('experts', 'e', 'e.id = a.expert_id')
      .innerJoin('users', 'u', 'u.id = e.user_id')
      .innerJoin('declarations', 'd', 'd.id = a.declaration_id')
      .innerJoin('users', 'au', 'au.id = d.applicant_user_id')
      .addSelect(['u.real_name AS expert_name', 'au.real_name AS applicant_name'])
      .where('a.plan_id = :pid AND a.superseded_at IS NULL', { pid: p.id });
    if (q.expertId) qb.andWhere('a.expert_id = :eid', { eid: q.expertId });
    if (q.declarationId) qb.andWhere('a.declaration_id = :did', { did: q.declarationId });
    qb.orderBy('a.id', 'DESC').limit(500);
    const { entities, raw } = await qb.getRawAndEntities();
    return {
      items: entities.map((a, i) => ({
        id: a.id,
        expertId: a.expertId,
        expertName: raw[i].expert_name as string,
        declarationId: a.declarationId,
        applicantName: raw[i].applicant_name as string,
        kind: a.kind,
        value: a.value,
        createdAt: a.createdAt.toISOString(),
        rolledBackAt: a.rolledBackAt?.toISOString() ?? null,
        rollbackReason: a.rollbackReason,
      })),
    };
  }

  /** undoes one expert's newest live action on one participant; anything older is refused until the newer ones are undone. */
  async rollbackExpertAction(user: AuthUser, id: string, dto: ExpertRollbackDto) {
    if (user.role !== Role.OfficeAdmin) throw AppException.forbidden('只有职称管理部门可以回退评委操作');
    return this.ds.transaction(async (m) => {
      const p = await this.load(user, id, m, true);
      this.assertStatus(p, ['drawn'], '回退评委操作（评审会议结束后结果已确定）');
      const live = await m
        .getRepository(ExpertAction)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.plan_id = :pid AND a.expert_id = :eid AND a.declaration_id = :did AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL', { pid: p.id, eid: dto.expertId, did: dto.declarationId })
        .orderBy('a.id', 'DESC')
        .getMany();
      const target = live.find((a) => a.id === dto.actionId);
      if (!target) throw AppException.notFound('可回退的评委操作');
      if (live[0].id !== target.id) {
        throw AppException.conflict(`请按从新到旧的顺序回退：须先回退该评委较新的“${EXPERT_ACTION_LABELS[live[0].kind as ExpertActionKind]}”`, 'ROLLBACK_ORDER');
      }
      target.rolledBackAt = new Date();
      target.rolledBackBy = user.id;
      target.rollbackReason = dto.reason.trim();
      await m.getRepository(ExpertAction).save(target);
      await this.audit.record(
        { actor: user, action: 'expert_action.rollback', targetType: 'expert_action', targetId: target.id, before: { kind: target.kind, value: target.value, expertId: target.expertId, declarationId: target.declarationId, planId: p.id }, after: { rolledBack: true, reason: target.rollbackReason } },
        m,
      );
      return { id: target.id, kind: target.kind, rolledBackAt: target.rolledBackAt.toISOString() };
    });
  }
}

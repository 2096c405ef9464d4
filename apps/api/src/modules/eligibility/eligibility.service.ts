import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_CORRECTION_DAYS,
  DEFAULT_UNIT_PUBLICITY_DAYS,
  checkEligibility,
  findRule,
  maskIdCard,
  normalizeIdCard,
  validateIdCard,
  type EligibilityAnswers,
  type EligibilityResult,
  type BatchRulesDto,
  type QualifyingRule,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Batch } from '../reference/entities/batch.entity.js';
import type { CreateSanctionDto, PutBatchRulesDto, SanctionQueryDto } from './dto/eligibility.dto.js';
import { BatchRules } from './entities/batch-rules.entity.js';
import { Sanction } from './entities/sanction.entity.js';

export type BatchRulesView = BatchRulesDto;

/** The answer of the self-check, as stored on the declaration and shown to auditors. */
export interface EligibilitySnapshot {
  answers: EligibilityAnswers;
  result: EligibilityResult;
  checkedOn: string;
}

/**
 * H-14 and the batch's declaration-side rules: the settings per batch (defaults from 人社部令第40号), sanctions
 * (处分) recorded by units and title offices, and the eligibility self-check computed with the pure rules of
 * `@zhicheng/contracts` (so the hall, the API and the auditors see one computation).
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly crypto: CryptoService,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
  ) {}

  // ---------------------------------------------------------------- batch rules

  async rules(batchId: string, m: EntityManager = this.ds.manager): Promise<BatchRulesView> {
    const r = await m.getRepository(BatchRules).findOne({ where: { batchId } });
    return {
      batchId,
      unitPublicityMinDays: r?.unitPublicityMinDays ?? DEFAULT_UNIT_PUBLICITY_DAYS,
      correctionDays: r?.correctionDays ?? DEFAULT_CORRECTION_DAYS,
      maxResubmissions: r?.maxResubmissions ?? null,
      resubmitMode: r?.resubmitMode ?? 'direct',
      qualifyingRules: r?.qualifyingRules ?? [],
      version: r?.version ?? 0,
    };
  }

  async batchRules(batchId: string): Promise<BatchRulesView> {
    if (!(await this.ds.getRepository(Batch).exists({ where: { id: batchId } }))) throw AppException.notFound('申报批次');
    return this.rules(batchId);
  }

  async putRules(user: AuthUser, batchId: string, dto: PutBatchRulesDto): Promise<BatchRulesView> {
    return this.ds.transaction(async (m) => {
      const batch = await m.getRepository(Batch).findOne({ where: { id: batchId } });
      if (!batch) throw AppException.notFound('申报批次');
      const fields: Record<string, string> = {};
      const seen = new Set<string>();
      dto.qualifyingRules.forEach((r, i) => {
        const key = `${r.seriesCode ?? '*'}|${r.titleLevel}`;
        if (seen.has(key)) fields[`qualifyingRules.${i}`] = '同一职称系列和级别只能设置一条资历规则';
        seen.add(key);
        if (r.countTo === 'cutoff' && !r.cutoffDate) fields[`qualifyingRules.${i}.cutoffDate`] = '请填写截止日期';
        const edus = new Set<string>();
        r.requirements.forEach((q, j) => {
          if (edus.has(q.education)) fields[`qualifyingRules.${i}.requirements.${j}.education`] = '学历重复';
          edus.add(q.education);
        });
      });
      if (Object.keys(fields).length) throw AppException.validation(fields);
      const before = await this.rules(batchId, m);
      if (dto.version !== undefined && before.version !== dto.version) throw AppException.conflict('数据已在其他页面修改，请刷新后重试', 'STALE_VERSION');
      const rules: QualifyingRule[] = dto.qualifyingRules.map((r) => ({
        seriesCode: r.seriesCode?.trim() || null,
        titleLevel: r.titleLevel,
        countFrom: r.countFrom,
        countTo: r.countTo,
        cutoffDate: r.countTo === 'cutoff' ? (r.cutoffDate ?? null) : null,
        requirements: r.requirements.map((q) => ({ education: q.education, basis: q.basis, years: q.years })),
        allowExceptional: r.allowExceptional !== false,
        note: r.note?.trim() || null,
      }));
      const row = { batchId, unitPublicityMinDays: dto.unitPublicityMinDays, correctionDays: dto.correctionDays, maxResubmissions: dto.maxResubmissions ?? null, resubmitMode: dto.resubmitMode, qualifyingRules: rules, updatedBy: user.id };
      const existing = await m.getRepository(BatchRules).findOne({ where: { batchId } });
      await m.getRepository(BatchRules).save(existing ? Object.assign(existing, row) : row);
      await this.audit.record({ actor: user, action: 'batch.rules', targetType: 'batch', targetId: batchId, before: { ...before }, after: { ...row } }, m);
      return this.rules(batchId, m);
    });
  }

  // ---------------------------------------------------------------- sanctions (处分)

  /** The sanction of a person whose period includes today (the business clock), if any. */
  async activeSanction(idCardHash: string | null, m: EntityManager = this.ds.manager): Promise<Sanction | null> {
    if (!idCardHash) return null;
    const today = this.clock.today();
    return m
      .getRepository(Sanction)
      .createQueryBuilder('s')
      .where('s.id_card_hash = :h AND s.status = :a AND s.starts_on <= :t AND s.ends_on >= :t', { h: idCardHash, a: 'active', t: today })
      .orderBy('s.ends_on', 'DESC')
      .getOne();
  }

  private sanctionView(s: Sanction) {
    return {
      id: s.id,
      realName: s.realName,
      idCard: maskIdCard(this.crypto.decrypt(s.idCardEnc)),
      kind: s.kind,
      reason: s.reason,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      status: s.status === 'active' && s.endsOn < this.clock.today() ? ('expired' as const) : s.status,
      liftReason: s.liftReason,
      createdAt: s.createdAt.toISOString(),
      version: s.version,
    };
  }

  async createSanction(user: AuthUser, dto: CreateSanctionDto) {
    if (!user.organisationId) throw AppException.forbidden('只有用人单位或职称管理部门可以登记处分');
    const idCard = normalizeIdCard(dto.idCard);
    const err = validateIdCard(idCard);
    if (err) throw AppException.validation({ idCard: err });
    if (dto.endsOn < dto.startsOn) throw AppException.validation({ endsOn: '结束日期不能早于开始日期' });
    return this.ds.transaction(async (m) => {
      const s = await m.getRepository(Sanction).save({
        realName: dto.realName.trim(),
        idCardEnc: this.crypto.encrypt(idCard),
        idCardHash: this.crypto.blindIndex(idCard),
        kind: dto.kind,
        reason: dto.reason.trim(),
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        organisationId: user.organisationId!,
        createdBy: user.id,
      });
      await this.audit.record(
        { actor: user, action: 'sanction.add', targetType: 'sanction', targetId: s.id, after: { realName: s.realName, idCard: maskIdCard(idCard), kind: s.kind, startsOn: s.startsOn, endsOn: s.endsOn } },
        m,
      );
      return this.sanctionView(s);
    });
  }

  async listSanctions(user: AuthUser, q: SanctionQueryDto) {
    const qb = this.ds.getRepository(Sanction).createQueryBuilder('s').innerJoin('organisations', 'o', 'o.id = s.organisation_id');
    this.access.scopeQuery(qb, user, { orgId: 's.organisation_id', regionCode: 'o.region_code' });
    if (q.keyword?.trim()) qb.andWhere('s.real_name ILIKE :kw', { kw: `%${q.keyword.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [rows, total] = await qb.orderBy('s.created_at', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: rows.map((s) => this.sanctionView(s)), total, page: q.page, pageSize: q.pageSize };
  }

  async liftSanction(user: AuthUser, id: string, reason: string) {
    return this.ds.transaction(async (m) => {
      const s = await m.getRepository(Sanction).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw AppException.notFound('处分记录');
      await this.access.assertOrgInScope(user, s.organisationId, m);
      if (s.status !== 'active') throw AppException.conflict('该处分已解除');
      s.status = 'lifted';
      s.liftReason = reason.trim();
      await m.getRepository(Sanction).save(s);
      await this.audit.record({ actor: user, action: 'sanction.lift', targetType: 'sanction', targetId: s.id, before: { status: 'active' }, after: { status: 'lifted', reason: s.liftReason } }, m);
      return this.sanctionView(s);
    });
  }

  // ---------------------------------------------------------------- the self-check

  /** H-14: the check for one applicant (their sanctions found by their ID number) in a batch, series and level. */
  async check(user: AuthUser, input: { batchId: string; seriesCode?: string; titleLevel?: string; answers: EligibilityAnswers }, m: EntityManager = this.ds.manager): Promise<EligibilitySnapshot> {
    const batch = await m.getRepository(Batch).findOne({ where: { id: input.batchId } });
    if (!batch) throw AppException.notFound('申报批次');
    const rows: { id_card_hash: string | null }[] = await m.query('SELECT id_card_hash FROM users WHERE id = $1', [user.id]);
    const sanction = await this.activeSanction(rows[0]?.id_card_hash ?? null, m);
    const rules = await this.rules(batch.id, m);
    const result = checkEligibility({
      answers: input.answers,
      rule: input.seriesCode && input.titleLevel ? findRule(rules.qualifyingRules, input.seriesCode, input.titleLevel) : null,
      declarationYear: batch.year,
      sanction: sanction ? { kind: sanction.kind, startsOn: sanction.startsOn, endsOn: sanction.endsOn } : null,
    });
    return { answers: input.answers, result, checkedOn: this.clock.today() };
  }
}

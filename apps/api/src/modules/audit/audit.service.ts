import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DECLARATION_STATUS_LABELS,
  RETURN_ACTIONS,
  currentStageIndex,
  DeclarationAction,
  DeclarationStatus,
  MODULE_BY_KEY,
  Role,
  TITLE_LEVEL_LABELS,
  maskIdCard,
  maskMobile,
  chinaDateTime,
  UNIT_PUBLICITY_STATUSES,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged, type SheetColumn } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { PathResolverService } from '../audit-tree/path-resolver.service.js';
import type { PathStage } from '../audit-tree/path-stages.js';
import { BlacklistService } from '../blacklist/blacklist.service.js';
import { DeclarationService } from '../declaration/declaration.service.js';
import { DeclarationWorkflowService } from '../declaration/declaration-workflow.service.js';
import { CorrectionsService } from '../declaration/corrections.service.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { CalendarService } from '../../common/calendar/calendar.service.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { Declaration } from '../declaration/entities/declaration.entity.js';
import type {
  AdminQueryDto,
  AuditBlacklistDto,
  AuditFilterDto,
  PublicityDto,
  PublicPublicityQueryDto,
  QueueQueryDto,
  ReportQueryDto,
  ReportSettingsDto,
  TransferDto,
  TransferQueryDto,
  UnitApplicantsQueryDto,
} from './dto/audit.dto.js';
import { UnitPublicity, UnitPublicityItem } from './entities/unit-publicity.entity.js';
import { clock } from '../../common/clock/clock.service.js';
import { sqlDate, sqlInstant } from '../../database/query-utils.js';

/** Stage kinds an auditor acts on (the rest — publicity, expert review, filing, issuing — belong to later issues). */
const AUDIT_KINDS = new Set(['unit_audit', 'org_audit', 'committee_check', 'office_audit']);
/** Statuses in which a declaration waits at a node for an auditor. */
const AT_NODE: DeclarationStatus[] = [DeclarationStatus.UnderAudit, DeclarationStatus.UnitPassed, DeclarationStatus.Returned];
const TRANSFERABLE: DeclarationStatus[] = [DeclarationStatus.UnderAudit, DeclarationStatus.UnitPassed, DeclarationStatus.Returned, DeclarationStatus.Qualified];

const esc = (s: string) => `%${s.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** 张三 → 张*, 欧阳小明 → 欧***. */
export const maskName = (n: string | null | undefined) => (n ? n.slice(0, 1) + '*'.repeat(Math.max(1, [...n].length - 1)) : '');

/** The index of the final audit stage (the qualification check): the last auditor stage of the path. */
export function finalAuditIndex(stages: PathStage[]): number {
  let idx = -1;
  stages.forEach((s, i) => {
    if (AUDIT_KINDS.has(s.kind)) idx = i;
  });
  return idx;
}

interface Row {
  id: string;
  version: number;
  year: number;
  status: DeclarationStatus;
  returned_to_applicant: boolean;
  current_stage: number;
  /** The snapshot's stages (当前环节 follows the status beyond the audit nodes, contracts currentStageIndex). */
  stages: PathStage[] | null;
  /** A certificate was issued for it (the path is done). */
  certified: boolean;
  title_level: string;
  submitted_at: Date | null;
  entrusted: boolean | null;
  recommendation_rank: number | null;
  reported_at: Date | null;
  qualified_at: Date | null;
  real_name: string;
  id_card_enc: string | null;
  mobile_enc: string | null;
  title_name: string | null;
  unit_name: string | null;
  committee_name: string | null;
  current_org_name: string | null;
  returns_this_year?: string | number;
  blacklisted: boolean;
}

/**
 * The audit workflow of issue 6 (U-03..U-06, U-10, A-08, A-22, A-24, A-25). Every state change goes
 * through `DeclarationWorkflowService.transition` (timeline, audit log, notifications) with the
 * declaration locked and its version checked (409 on a stale one). An auditor reads and acts only
 * on declarations waiting at their own organisation (`current_org_id`).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditLogService,
    private readonly resolver: PathResolverService,
    private readonly blacklist: BlacklistService,
    private readonly declarations: DeclarationService,
    private readonly workflow: DeclarationWorkflowService,
    private readonly excel: ExcelService,
    private readonly corrections: CorrectionsService,
    private readonly eligibility: EligibilityService,
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  // ------------------------------------------------------------------ lists

  private select(extra = ''): string {
    return `SELECT d.id, d.version, d.year, d.status, d.returned_to_applicant, d.current_stage, d.path_snapshot->'stages' AS stages,
                   EXISTS (SELECT 1 FROM certificates c WHERE c.source_declaration_id = d.id) AS certified, d.title_level, d.submitted_at,
                   d.entrusted, d.recommendation_rank, d.reported_at, d.qualified_at,
                   u.real_name, u.id_card_enc, u.mobile_enc, t.name AS title_name, uo.name AS unit_name, co.name AS committee_name,
                   cur.name AS current_org_name,
                   EXISTS (SELECT 1 FROM blacklist_entries b WHERE b.id_card_hash = u.id_card_hash AND b.status = 'active'
                            AND b.starts_on <= ${sqlDate(clock.today())} AND b.ends_on >= ${sqlDate(clock.today())}) AS blacklisted ${extra}
              FROM declarations d
              JOIN users u ON u.id = d.applicant_user_id
              LEFT JOIN titles t ON t.id = d.title_id
              LEFT JOIN organisations uo ON uo.id = d.unit_org_id
              LEFT JOIN organisations co ON co.id = d.committee_id
              LEFT JOIN organisations cur ON cur.id = d.current_org_id`;
  }

  private filters(q: Partial<AuditFilterDto> & { committeeId?: string }, where: string[], params: unknown[]): void {
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.year) where.push(`d.year = ${p(q.year)}`);
    if (q.titleLevel) where.push(`d.title_level = ${p(q.titleLevel)}`);
    if (q.titleId) where.push(`d.title_id = ${p(q.titleId)}`);
    if (q.committeeId) where.push(`d.committee_id = ${p(q.committeeId)}`);
    if (q.keyword?.trim()) where.push(`u.real_name ILIKE ${p(esc(q.keyword))}`);
  }

  /** 当前环节: the stage the declaration is really at, to the end of its path (issue 15). */
  private stageText(r: Pick<Row, 'stages' | 'current_stage' | 'certified' | 'status' | 'returned_to_applicant'>): string | null {
    if (r.status === DeclarationStatus.Returned && r.returned_to_applicant) return '退回申报人修改';
    const stages = r.stages ?? [];
    const idx = currentStageIndex(stages.map((x) => x.kind), r.status, r.current_stage, r.certified);
    if (idx === null) return null;
    if (idx >= stages.length) return stages.length ? '已发证（全部环节已完成）' : null;
    const s = stages[idx];
    return s ? `${s.label}${s.orgName ? `（${s.orgName}）` : ''}` : null;
  }

  private statusLabel(r: Pick<Row, 'status' | 'returned_to_applicant'>): string {
    if (r.status === DeclarationStatus.Returned) return r.returned_to_applicant ? '已退回申报人' : '被上级退回';
    return DECLARATION_STATUS_LABELS[r.status];
  }

  private item(r: Row, opts: { maskName?: boolean } = {}) {
    return {
      id: r.id,
      version: r.version,
      year: r.year,
      applicantName: opts.maskName ? maskName(r.real_name) : r.real_name,
      unitName: r.unit_name,
      titleName: r.title_name,
      titleLevel: r.title_level,
      titleLevelLabel: TITLE_LEVEL_LABELS[r.title_level as keyof typeof TITLE_LEVEL_LABELS] ?? r.title_level,
      committeeName: r.committee_name,
      status: r.status,
      statusLabel: this.statusLabel(r),
      stage: this.stageText(r),
      currentOrgName: r.current_org_name,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      entrusted: r.entrusted,
      recommendationRank: r.recommendation_rank,
      reportedAt: r.reported_at ? new Date(r.reported_at).toISOString() : null,
      qualifiedAt: r.qualified_at ? new Date(r.qualified_at).toISOString() : null,
      /** B-04: the person is on the blacklist today (auditors see a warning). */
      blacklisted: r.blacklisted,
      ...(r.returns_this_year !== undefined ? { returnsThisYear: Number(r.returns_this_year) } : {}),
    };
  }

  private async page(base: string, where: string[], params: unknown[], order: string, q: { page: number; pageSize: number }, countJoinUsers = true) {
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countFrom = countJoinUsers ? 'FROM declarations d JOIN users u ON u.id = d.applicant_user_id' : 'FROM declarations d';
    // one after the other: the embedded database answers parallel queries unreliably (an empty count result was seen
    // under the browser tests' load, a 500); on PostgreSQL this costs one extra round trip
    const rows = (await this.ds.query(`${base} ${w} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params)) as Row[];
    const count = (await this.ds.query(`SELECT count(*)::int AS n ${countFrom} ${w}`, params)) as { n: number }[];
    return { rows, total: count[0]?.n ?? 0 };
  }

  /** U-03 / U-06 / A-08: the declarations waiting at the user's node. */
  async queue(user: AuthUser, q: QueueQueryDto) {
    if (!user.organisationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, returnedThisYear: 0 };
    const params: unknown[] = [user.organisationId];
    // returned by this node and not resubmitted (U-13): an open return of this node, wherever the declaration now is
    const openReturn = q.status === 'returned_open';
    const where = [
      openReturn ? 'EXISTS (SELECT 1 FROM declaration_returns r WHERE r.declaration_id = d.id AND r.from_org_id = $1 AND r.resolved_at IS NULL)' : 'd.current_org_id = $1',
    ];
    const statuses = openReturn
      ? [DeclarationStatus.Returned, DeclarationStatus.UnderAudit, DeclarationStatus.UnitPassed]
      : q.status === 'pending'
        ? [DeclarationStatus.UnderAudit]
        : q.status === 'passed_not_reported'
          ? [DeclarationStatus.UnitPassed]
          : q.status === 'failed'
            ? [DeclarationStatus.Returned]
            : AT_NODE;
    params.push(statuses.length === 1 ? statuses[0] : statuses);
    where.push(statuses.length === 1 ? `d.status = $2` : `d.status = ANY($2)`);
    this.filters(q, where, params);
    // 本年退回 (contracts RETURN_ACTIONS): the returns this node made, not every step of a cascade
    const returnedBy = `e.actor_org_id = $1 AND e.action = ANY('{${RETURN_ACTIONS.join(',')}}'::text[]) AND e.created_at >= ${sqlInstant(clock.yearStart())}`;
    const returns = `, (SELECT count(*) FROM declaration_events e WHERE e.declaration_id = d.id AND ${returnedBy}) AS returns_this_year`;
    const { rows, total } = await this.page(this.select(returns), where, params, `d.submitted_at ${q.order === 'desc' ? 'DESC' : 'ASC'}, d.id`, q, !!q.keyword?.trim());
    const people = (await this.ds.query(
      `SELECT count(DISTINCT d.applicant_user_id)::int AS n FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id WHERE ${returnedBy}`,
      [user.organisationId],
    )) as { n: number }[];
    return { items: rows.map((r) => this.item(r)), total, page: q.page, pageSize: q.pageSize, returnedThisYear: people[0]?.n ?? 0 };
  }

  /**
   * The declaration waiting at the user's node, locked for writing when asked; anything else is 404.
   * When a version is given and another auditor of the path moved it meanwhile, the answer is the
   * house 409 (stale version) rather than 404, so the loser of a race learns what happened.
   */
  private async atMyNode(user: AuthUser, id: string, m: EntityManager, lock = false, statuses: DeclarationStatus[] = AT_NODE, version?: number): Promise<Declaration> {
    const d = user.organisationId
      ? await m.getRepository(Declaration).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!d || d.currentOrgId !== user.organisationId || !AT_NODE.includes(d.status)) {
      const onPath = !!d?.pathSnapshot?.stages.some((s) => s.orgId && s.orgId === user.organisationId);
      if (d && version !== undefined && onPath && d.version !== version) this.workflow.assertVersion(d, version);
      throw AppException.notFound('待审核的申报');
    }
    if (version !== undefined) this.workflow.assertVersion(d, version);
    if (!statuses.includes(d.status)) {
      throw AppException.conflict(`当前状态（${this.statusLabel({ status: d.status, returned_to_applicant: d.returnedToApplicant })}）不能执行该操作`, 'INVALID_TRANSITION');
    }
    return d;
  }

  /** The audit page: the whole declaration, attachments, timeline, blacklist warning, and what this node may do. */
  async detail(user: AuthUser, id: string) {
    const m = this.ds.manager;
    const d = await this.atMyNode(user, id, m);
    const detail = await this.declarations.buildDetail(d, m);
    const u = await m.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
    const entry = u.idCardHash ? await this.blacklist.activeFor(u.idCardHash, m) : null;
    const stages = d.pathSnapshot?.stages ?? [];
    const stage = stages[d.currentStage];
    const isFinal = d.currentStage === finalAuditIndex(stages);
    const under = d.status === DeclarationStatus.UnderAudit;
    return {
      ...detail,
      statusLabel: this.statusLabel({ status: d.status, returned_to_applicant: d.returnedToApplicant }),
      moduleFailures: d.moduleFailures,
      stageKind: stage?.kind ?? null,
      stageLabel: stage?.label ?? null,
      isFinalAudit: isFinal,
      /** U-14: what changed since this node returned it, with the items it failed. */
      resubmission: await this.corrections.resubmissionFor(m, d),
      blacklist: entry ? { reason: entry.reason, startsOn: entry.startsOn, endsOn: entry.endsOn, message: `该申报人已被列入职称申报黑名单（${entry.startsOn} 至 ${entry.endsOn}），原因：${entry.reason}` } : null,
      actions: {
        judge: under,
        pass: under,
        passLabel: under && stage?.kind === 'unit_audit' ? '审核通过（待上报）' : isFinal ? '资格审核通过' : '审核通过',
        return: true,
        returnForSupplement: under && (stage?.kind === 'office_audit' || (isFinal && stage?.kind === 'committee_check')),
        blacklist: !entry,
      },
    };
  }

  // ------------------------------------------------------------------ judging and transitions

  async judge(user: AuthUser, id: string, failures: Record<string, Record<string, string>>, version: number) {
    const clean: Record<string, Record<string, string>> = {};
    const fields: Record<string, string> = {};
    for (const [key, items] of Object.entries(failures ?? {})) {
      if (!MODULE_BY_KEY[key]) {
        fields[`failures.${key}`] = '审核模块不存在';
        continue;
      }
      if (!items || typeof items !== 'object' || Array.isArray(items)) {
        fields[`failures.${key}`] = '审核结果格式有误';
        continue;
      }
      for (const [path, reason] of Object.entries(items)) {
        if (typeof reason !== 'string' || !reason.trim()) fields[`failures.${key}.${path}`] = '请填写不通过的原因';
        else if (reason.length > 200) fields[`failures.${key}.${path}`] = '不通过原因不能超过200字';
        else (clean[key] ??= {})[path.slice(0, 100)] = reason.trim();
      }
    }
    if (Object.keys(fields).length) throw AppException.validation(fields, '审核结果有误');
    return this.ds.transaction(async (m) => {
      const d = await this.atMyNode(user, id, m, true, [DeclarationStatus.UnderAudit], version);
      const template: { module_key: string }[] = await m.query('SELECT module_key FROM batch_modules WHERE batch_id = $1', [d.batchId]);
      const keys = new Set(template.map((t) => t.module_key));
      const outside = Object.keys(clean).filter((k) => !keys.has(k));
      if (outside.length) throw AppException.validation(Object.fromEntries(outside.map((k) => [`failures.${k}`, '该申报没有这个模块'])));
      const before = d.moduleFailures;
      d.moduleFailures = clean;
      const saved = await m.getRepository(Declaration).save(d);
      await this.audit.record({ actor: user, action: 'declaration.judge', targetType: 'declaration', targetId: d.id, before: { failures: before }, after: { failures: clean } }, m);
      return { version: saved.version, failures: clean };
    });
  }

  /** Pass: at the unit → passed, not reported (U-05 reports it up); at the final node → qualified (A-08); otherwise the next node. */
  async pass(user: AuthUser, id: string, version: number, opinion?: string) {
    await this.ds.transaction(async (m) => {
      const d = await this.atMyNode(user, id, m, true, [DeclarationStatus.UnderAudit], version);
      const failed = Object.values(d.moduleFailures ?? {}).reduce((n, f) => n + Object.keys(f).length, 0);
      if (failed) throw AppException.conflict(`还有${failed}项审核不通过，不能审核通过，请退回修改`, 'HAS_FAILURES');
      const stages = d.pathSnapshot?.stages ?? [];
      const idx = d.currentStage;
      const op = opinion?.trim() || null;
      if (stages[idx]?.kind === 'unit_audit' && idx < finalAuditIndex(stages)) {
        await this.workflow.transition(m, d, { actor: user, action: DeclarationAction.Pass, to: { status: DeclarationStatus.UnitPassed }, opinion: op });
      } else if (idx === finalAuditIndex(stages)) {
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.Qualify,
          to: { status: DeclarationStatus.Qualified },
          opinion: op,
          patch: { qualifiedAt: clock.now() },
        });
      } else {
        const next = stages[idx + 1];
        if (!next?.orgId) throw new AppException(422, 'PATH_BROKEN', `审核路径中断：下一环节“${next?.label ?? '（无）'}”没有审核机构`);
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.Pass,
          to: { status: DeclarationStatus.UnderAudit, stage: idx + 1, currentOrgId: next.orgId },
          opinion: op,
        });
      }
    });
    return { ok: true };
  }

  /**
   * Return: back one node; from the first node to the applicant (who sees the failed items in red). The node that
   * starts a return records every failing item at once (A-34); the nodes below only pass it on (a cascade). When it
   * reaches the applicant the correction deadline starts and the one-time notice goes out.
   */
  async returnBack(user: AuthUser, id: string, version: number, opinion: string) {
    await this.ds.transaction(async (m) => {
      const d = await this.atMyNode(user, id, m, true, AT_NODE, version);
      const stages = d.pathSnapshot?.stages ?? [];
      const idx = d.currentStage;
      const reason = opinion.trim();
      const cascade = d.status === DeclarationStatus.Returned;
      const ret = cascade ? await this.corrections.open(m, d.id) : await this.corrections.start(m, d, user, 'return', reason);
      if (idx <= 0) {
        // the unit's report settings stay when the resubmission will come straight back to a node above the unit
        const keepSettings = !!ret && ret.fromStage > 0;
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.Return,
          to: { status: DeclarationStatus.Returned, currentOrgId: null, returnedToApplicant: true },
          opinion: reason,
          patch: { lastReturnReason: reason, ...(keepSettings ? {} : { entrusted: null, recommendationRank: null }) },
        });
        await this.corrections.reachApplicant(m, d);
      } else {
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.Return,
          to: { status: DeclarationStatus.Returned, stage: idx - 1, currentOrgId: stages[idx - 1]?.orgId ?? null, returnedToApplicant: false },
          opinion: reason,
          patch: { lastReturnReason: reason },
          notify: false,
        });
      }
    });
    return { ok: true };
  }

  /** The title office returns straight to the applicant for supplementary material; the resubmission comes back here. */
  async returnForSupplement(user: AuthUser, id: string, version: number, opinion: string) {
    await this.ds.transaction(async (m) => {
      const d = await this.atMyNode(user, id, m, true, [DeclarationStatus.UnderAudit], version);
      const stages = d.pathSnapshot?.stages ?? [];
      const kind = stages[d.currentStage]?.kind;
      if (!(kind === 'office_audit' || (kind === 'committee_check' && d.currentStage === finalAuditIndex(stages)))) {
        throw AppException.conflict('只有职称管理部门（资格审核环节）可以退回补充材料，其他环节请使用“退回”', 'INVALID_TRANSITION');
      }
      await this.corrections.start(m, d, user, 'supplement', opinion.trim());
      await this.workflow.transition(m, d, {
        actor: user,
        action: DeclarationAction.ReturnForSupplement,
        to: { status: DeclarationStatus.Returned, currentOrgId: null, returnedToApplicant: true },
        opinion: opinion.trim(),
        patch: { lastReturnReason: opinion.trim() },
      });
      await this.corrections.reachApplicant(m, d);
    });
    return { ok: true };
  }

  /** B-01 from the audit page: the applicant's name and id card prefilled, linked to the declaration. */
  async addToBlacklist(user: AuthUser, id: string, dto: AuditBlacklistDto) {
    const d = await this.atMyNode(user, id, this.ds.manager);
    const u = await this.ds.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
    if (!u.idCardEnc) throw AppException.conflict('该申报人没有身份证号，不能列入黑名单');
    return this.blacklist.create(user, {
      realName: u.realName,
      idCard: this.crypto.decrypt(u.idCardEnc),
      reason: dto.reason,
      source: dto.source ?? '审核发现',
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      declarationId: d.id,
    });
  }

  // ------------------------------------------------------------------ U-05 report-up

  async reportList(user: AuthUser, q: ReportQueryDto) {
    if (!user.organisationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [user.organisationId];
    const where: string[] = [];
    if (q.tab === 'reported') where.push('d.unit_org_id = $1', 'd.reported_at IS NOT NULL');
    else {
      where.push('d.current_org_id = $1', `d.status = 'unit_passed'`);
      where.push(q.tab === 'entrusted' ? 'd.entrusted IS TRUE' : 'd.entrusted IS NOT TRUE');
    }
    this.filters(q, where, params);
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const order = q.sort === 'submittedAt' ? `d.submitted_at ${dir}, d.id` : q.tab === 'reported' ? `d.reported_at DESC, d.id` : `d.recommendation_rank ${dir} NULLS LAST, d.submitted_at, d.id`;
    const { rows, total } = await this.page(this.select(), where, params, order, q);
    return { items: rows.map((r) => this.item(r)), total, page: q.page, pageSize: q.pageSize };
  }

  async reportSettings(user: AuthUser, id: string, dto: ReportSettingsDto) {
    return this.ds.transaction(async (m) => {
      const d = await this.atMyNode(user, id, m, true, [DeclarationStatus.UnitPassed], dto.version);
      const before = { entrusted: d.entrusted, recommendationRank: d.recommendationRank };
      d.entrusted = dto.entrusted;
      d.recommendationRank = dto.recommendationRank;
      const saved = await m.getRepository(Declaration).save(d);
      await this.audit.record({ actor: user, action: 'declaration.report_settings', targetType: 'declaration', targetId: d.id, before, after: { entrusted: dto.entrusted, recommendationRank: dto.recommendationRank } }, m);
      return { version: saved.version, entrusted: saved.entrusted, recommendationRank: saved.recommendationRank };
    });
  }

  /** U-05: reports the selected declarations to the next node; all or nothing, refused where the path is no longer open. */
  async reportUp(user: AuthUser, items: { id: string; version: number }[]) {
    const ids = [...new Set(items.map((i) => i.id))];
    await this.ds.transaction(async (m) => {
      const missing: string[] = [];
      for (const it of items) {
        const d = await this.atMyNode(user, it.id, m, true, [DeclarationStatus.UnitPassed], it.version);
        const u = await m.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
        if (d.entrusted === null || d.recommendationRank === null) {
          missing.push(u.realName);
          continue;
        }
        await this.assertPublicityRan(m, d, u.realName);
        const snap = d.pathSnapshot!;
        const trace = await this.resolver.trace(snap.input, m);
        if (trace.broken) {
          throw new AppException(
            422,
            'PATH_BROKEN',
            `${u.realName}的申报不能上报：审核路径在“${trace.broken.nodeName}”处中断（${trace.broken.reason}），请联系上级主管部门开通审核路径`,
          );
        }
        const next = snap.stages[d.currentStage + 1];
        if (!next?.orgId) throw new AppException(422, 'PATH_BROKEN', `${u.realName}的申报不能上报：没有下一审核环节`);
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.ReportUp,
          to: { status: DeclarationStatus.UnderAudit, stage: d.currentStage + 1, currentOrgId: next.orgId },
          patch: { reportedAt: new Date() },
          opinion: `${d.entrusted ? '委托评审' : '非委托评审'}，推荐排名第${d.recommendationRank}`,
        });
      }
      if (missing.length) {
        throw AppException.validation({ items: `请先设置委托评审和推荐排名：${missing.join('、')}` }, `请先为 ${missing.join('、')} 设置委托评审和推荐排名`);
      }
    });
    return { reported: ids.length };
  }

  /**
   * 人社部令第40号: the unit publicises its applicants for at least the batch's minimum (default 5 working days, on the
   * A-29 calendar) before reporting up; report-up is refused until that period has run, naming its end date.
   */
  private async assertPublicityRan(m: EntityManager, d: Declaration, name: string): Promise<void> {
    const { unitPublicityMinDays: min } = await this.eligibility.rules(d.batchId, m);
    const rows: { starts_on: string; ends_on: string }[] = await m.query(
      `SELECT p.starts_on::text, p.ends_on::text FROM unit_publicity_items i JOIN unit_publicities p ON p.id = i.publicity_id
        WHERE i.declaration_id = $1 ORDER BY p.starts_on`,
      [d.id],
    );
    if (!rows.length) {
      throw new AppException(409, 'PUBLICITY_REQUIRED', `${name}的申报尚未在本单位公示：请先在“申报公示”中发布公示（不少于${min}个工作日），公示期满后方可上报`);
    }
    const today = this.clock.today();
    let earliest: string | null = null;
    for (const r of rows) {
      const minEnd = (await this.calendar.workingPeriod(r.starts_on, min, m)).endsOn;
      const end = r.ends_on > minEnd ? r.ends_on : minEnd;
      if (end < today) return;
      if (!earliest || end < earliest) earliest = end;
    }
    throw new AppException(409, 'PUBLICITY_NOT_ENDED', `${name}的单位公示期至 ${earliest} 结束（不少于${min}个工作日），公示期满后方可上报`);
  }

  // ------------------------------------------------------------------ U-04 unit publicity, P-02

  private async assertUnit(user: AuthUser, m: EntityManager): Promise<string> {
    const rows: { type: string }[] = user.organisationId ? await m.query('SELECT type FROM organisations WHERE id = $1', [user.organisationId]) : [];
    if (rows[0]?.type !== 'unit') throw AppException.forbidden('只有用人单位可以发布申报公示');
    return user.organisationId!;
  }

  async createPublicity(user: AuthUser, dto: PublicityDto) {
    if (dto.endsOn < dto.startsOn) throw AppException.validation({ endsOn: '公示结束日期不能早于开始日期' });
    return this.ds.transaction(async (m) => {
      const org = await this.assertUnit(user, m);
      const ids = [...new Set(dto.declarationIds)];
      const rows: { id: string; status: DeclarationStatus; real_name: string; at_unit: boolean }[] = await m.query(
        `SELECT d.id, d.status, u.real_name, (d.current_org_id = d.unit_org_id) AS at_unit
           FROM declarations d JOIN users u ON u.id = d.applicant_user_id
          WHERE d.id = ANY($1) AND d.unit_org_id = $2 AND d.status <> 'draft'`,
        [ids, org],
      );
      if (rows.length !== ids.length) throw AppException.validation({ declarationIds: '只能公示本单位已提交的申报' });
      const refused = rows.filter((r) => !UNIT_PUBLICITY_STATUSES.includes(r.status) || !r.at_unit);
      if (refused.length) {
        const names = refused.map((r) => `${r.real_name}（${r.at_unit || !UNIT_PUBLICITY_STATUSES.includes(r.status) ? DECLARATION_STATUS_LABELS[r.status] : '已上报'}）`).join('、');
        throw AppException.validation(
          { declarationIds: `只能公示本单位正在审核或审核通过待上报的申报：${names}不能公示` },
          `只能公示本单位正在审核或审核通过待上报的申报：${names}不能公示`,
        );
      }
      const mins: { batch_id: string }[] = await m.query('SELECT DISTINCT batch_id FROM declarations WHERE id = ANY($1)', [ids]);
      let min = 0;
      for (const b of mins) min = Math.max(min, (await this.eligibility.rules(b.batch_id, m)).unitPublicityMinDays);
      const minEnd = (await this.calendar.workingPeriod(dto.startsOn, min, m)).endsOn;
      if (dto.endsOn < minEnd) {
        throw AppException.validation({ endsOn: `公示期不得少于${min}个工作日：自 ${dto.startsOn} 起至少公示至 ${minEnd}` });
      }
      const p = await m.getRepository(UnitPublicity).save({ organisationId: org, title: dto.title.trim(), startsOn: dto.startsOn, endsOn: dto.endsOn, createdBy: user.id });
      await m.insert(UnitPublicityItem, ids.map((declarationId) => ({ publicityId: p.id, declarationId })));
      await this.audit.record({ actor: user, action: 'publicity.create', targetType: 'unit_publicity', targetId: p.id, after: { title: p.title, startsOn: p.startsOn, endsOn: p.endsOn, count: ids.length } }, m);
      return { id: p.id, title: p.title, startsOn: p.startsOn, endsOn: p.endsOn, count: ids.length };
    });
  }

  async myPublicities(user: AuthUser, q: { page: number; pageSize: number }) {
    if (!user.organisationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const rows: { id: string; title: string; starts_on: string; ends_on: string; created_at: Date; n: number; total: number }[] = await this.ds.query(
      `SELECT p.id, p.title, p.starts_on::text, p.ends_on::text, p.created_at, (SELECT count(*)::int FROM unit_publicity_items i WHERE i.publicity_id = p.id) AS n,
              count(*) OVER ()::int AS total
         FROM unit_publicities p WHERE p.organisation_id = $1 ORDER BY p.created_at DESC LIMIT $2 OFFSET $3`,
      [user.organisationId, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return {
      items: rows.map((r) => ({ id: r.id, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on, count: r.n, createdAt: new Date(r.created_at).toISOString() })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** P-02: running publicities, one row per person (name masked). */
  async publicPublicity(q: PublicPublicityQueryDto) {
    const params: unknown[] = [];
    let kw = '';
    if (q.keyword?.trim()) {
      params.push(esc(q.keyword));
      kw = `AND (o.name ILIKE $1 OR p.title ILIKE $1 OR t.name ILIKE $1)`;
    }
    const rows: { real_name: string; unit_name: string; title_name: string; publicity_title: string; starts_on: string; ends_on: string; total: number }[] = await this.ds.query(
      `SELECT u.real_name, o.name AS unit_name, t.name AS title_name, p.title AS publicity_title, p.starts_on::text, p.ends_on::text, count(*) OVER ()::int AS total
         FROM unit_publicities p
         JOIN unit_publicity_items i ON i.publicity_id = p.id
         JOIN declarations d ON d.id = i.declaration_id AND d.status <> 'cancelled'
         JOIN users u ON u.id = d.applicant_user_id
         JOIN organisations o ON o.id = p.organisation_id
         LEFT JOIN titles t ON t.id = d.title_id
        WHERE p.starts_on <= ${sqlDate(clock.today())} AND p.ends_on >= ${sqlDate(clock.today())} ${kw}
        ORDER BY p.created_at DESC, u.real_name LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return {
      items: rows.map((r) => ({ name: maskName(r.real_name), unitName: r.unit_name, titleName: r.title_name, publicityTitle: r.publicity_title, startsOn: r.starts_on, endsOn: r.ends_on })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ------------------------------------------------------------------ U-10 unit applicant query

  async unitApplicants(user: AuthUser, q: UnitApplicantsQueryDto) {
    if (!user.organisationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [user.organisationId];
    const where = ['d.unit_org_id = $1', `d.status <> 'draft'`];
    if (q.status) {
      params.push(q.status);
      where.push(`d.status = $${params.length}`);
    }
    if (q.purpose === 'publicity') {
      params.push(UNIT_PUBLICITY_STATUSES);
      where.push(`d.status = ANY($${params.length}::text[])`, 'd.current_org_id = d.unit_org_id');
    }
    this.filters(q, where, params);
    const { rows, total } = await this.page(this.select(), where, params, `d.submitted_at DESC NULLS LAST, d.id`, q);
    return {
      items: rows.map((r) => ({
        ...this.item(r),
        idCard: maskIdCard(r.id_card_enc ? this.crypto.decrypt(r.id_card_enc) : ''),
        mobile: maskMobile(r.mobile_enc ? this.crypto.decrypt(r.mobile_enc) : ''),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** X-01: a declaration list as a streamed workbook, read 1,000 rows at a time (masked ID numbers and phones). */
  private exportList(reply: FastifyReply, filename: string, where: string[], params: unknown[], order: string) {
    const base = `${this.select()} WHERE ${where.join(' AND ')} ORDER BY ${order}`;
    const self = this;
    const rows = paged((offset, limit) => this.ds.query(`${base} LIMIT ${limit} OFFSET ${offset}`, params) as Promise<Row[]>);
    async function* mapped() {
      for await (const r of rows) {
        const it = self.item(r);
        yield {
          name: it.applicantName,
          idCard: maskIdCard(r.id_card_enc ? self.crypto.decrypt(r.id_card_enc) : ''),
          mobile: maskMobile(r.mobile_enc ? self.crypto.decrypt(r.mobile_enc) : ''),
          unit: it.unitName ?? '',
          title: it.titleName ?? '',
          level: it.titleLevelLabel,
          year: it.year,
          committee: it.committeeName ?? '',
          status: it.statusLabel,
          stage: it.stage ?? '',
          submittedAt: it.submittedAt ? it.submittedAt.slice(0, 10) : '',
        };
      }
    }
    const columns: SheetColumn[] = [
      { key: 'name', header: '姓名', width: 12 },
      { key: 'idCard', header: '身份证号', width: 22 },
      { key: 'mobile', header: '手机号', width: 14 },
      { key: 'unit', header: '工作单位', width: 28 },
      { key: 'title', header: '申报职称', width: 18 },
      { key: 'level', header: '级别', width: 10 },
      { key: 'year', header: '年度', width: 8 },
      { key: 'committee', header: '评委会', width: 30 },
      { key: 'status', header: '状态', width: 14 },
      { key: 'stage', header: '当前环节', width: 28 },
      { key: 'submittedAt', header: '提交日期', width: 12 },
    ];
    return this.excel.streamXlsx(reply, filename, columns, mapped());
  }

  /** U-10 export: the unit's applicants with the list's filters. */
  exportUnitApplicants(user: AuthUser, q: UnitApplicantsQueryDto, reply: FastifyReply) {
    const params: unknown[] = [user.organisationId ?? '00000000-0000-0000-0000-000000000000'];
    const where = ['d.unit_org_id = $1', `d.status <> 'draft'`];
    if (q.status) {
      params.push(q.status);
      where.push(`d.status = $${params.length}`);
    }
    this.filters(q, where, params);
    return this.exportList(reply, '本单位申报人员.xlsx', where, params, `d.submitted_at DESC NULLS LAST, d.id`);
  }

  /** A-24 export: the office's declarations with the list's filters. */
  exportAdmin(user: AuthUser, q: AdminQueryDto, reply: FastifyReply) {
    const params: unknown[] = [];
    const where: string[] = [];
    this.adminWhere(user, q, where, params);
    return this.exportList(reply, '申报信息.xlsx', where, params, `d.submitted_at DESC NULLS LAST, d.id`);
  }

  // ------------------------------------------------------------------ title office: A-24 trace, A-22 rollback, A-25 transfer

  private adminWhere(user: AuthUser, q: Partial<TransferQueryDto>, where: string[], params: unknown[]): void {
    const prefix = this.access.regionPrefix(user);
    params.push(user.organisationId);
    if (prefix !== null) {
      params.push(`${prefix}%`);
      where.push(`(d.current_org_id = $${params.length - 1} OR d.region_code LIKE $${params.length})`);
    } else where.push(`d.current_org_id = $${params.length}`);
    where.push(`d.status <> 'draft'`);
    if (q.status) {
      params.push(q.status);
      where.push(`d.status = $${params.length}`);
    }
    this.filters(q, where, params);
  }

  async adminList(user: AuthUser, q: AdminQueryDto) {
    const params: unknown[] = [];
    const where: string[] = [];
    this.adminWhere(user, q, where, params);
    const { rows, total } = await this.page(this.select(), where, params, `d.submitted_at DESC NULLS LAST, d.id`, q);
    return { items: rows.map((r) => this.item(r)), total, page: q.page, pageSize: q.pageSize };
  }

  private async inScope(user: AuthUser, id: string, m: EntityManager, lock = false): Promise<Declaration> {
    const d = await m.getRepository(Declaration).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!d || d.status === DeclarationStatus.Draft) throw AppException.notFound('申报');
    const own = !!d.currentOrgId && d.currentOrgId === user.organisationId;
    if (!own && !this.access.canSee(user, { id: d.currentOrgId ?? '', regionCode: d.regionCode })) throw AppException.notFound('申报');
    return d;
  }

  /** A-24: the process trace of one declaration (the same timeline the applicant's progress shows). */
  async trace(user: AuthUser, id: string) {
    const m = this.ds.manager;
    const d = await this.inScope(user, id, m);
    const detail = await this.declarations.buildDetail(d, m);
    return {
      id: d.id,
      applicantName: detail.applicant.realName,
      unitName: detail.unitName,
      titleName: detail.titleName,
      committeeName: detail.committeeName,
      status: d.status,
      statusLabel: this.statusLabel({ status: d.status, returned_to_applicant: d.returnedToApplicant }),
      stage: this.stageText({
        stages: d.pathSnapshot?.stages ?? null,
        current_stage: d.currentStage,
        certified: !!(await m.query('SELECT 1 FROM certificates WHERE source_declaration_id = $1 LIMIT 1', [d.id])).length,
        status: d.status,
        returned_to_applicant: d.returnedToApplicant,
      }),
      path: detail.path,
      timeline: detail.timeline,
    };
  }

  /** A-22: qualified declarations at the user's office, newest qualification first. */
  async qualifiedList(user: AuthUser, q: AuditFilterDto) {
    const params: unknown[] = [user.organisationId];
    const where = ['d.current_org_id = $1', `d.status = 'qualified'`];
    this.filters(q, where, params);
    // newest first per batch: only the batch's most recent qualification (not yet in a review plan) can be rolled back
    const extra = `, d.batch_id, bt.name AS batch_name, (d.review_plan_id IS NULL AND NOT EXISTS (
                       SELECT 1 FROM declarations n WHERE n.current_org_id = d.current_org_id AND n.status = 'qualified' AND n.batch_id = d.batch_id
                          AND (n.qualified_at, n.id) > (d.qualified_at, d.id))) AS rollbackable`;
    const base = this.select(extra).replace('FROM declarations d', 'FROM declarations d LEFT JOIN batches bt ON bt.id = d.batch_id');
    const { rows, total } = await this.page(base, where, params, `d.qualified_at DESC, d.id DESC`, q);
    return {
      items: (rows as (Row & { batch_name: string | null; rollbackable: boolean })[]).map((r) => ({ ...this.item(r), batchName: r.batch_name, rollbackable: r.rollbackable })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * A-22 (qualification part), seed 001 §1.26: operations are undone from the newest down. A declaration already in a
   * review plan first needs its expert operations rolled back (and leaving the plan); within the committee's batch the
   * office undoes qualifications newest first — only the most recent qualification of the batch at this office.
   */
  private async assertNewestFirst(m: EntityManager, d: Declaration): Promise<void> {
    if (d.reviewPlanId) {
      throw AppException.conflict('该申报已进入评审方案，请先回退评委的评议意见、投票、打分和材料评审等操作并移出评审方案，再回退资格审核', 'ROLLBACK_ORDER');
    }
    const newer: { real_name: string; qualified_at: Date }[] = await m.query(
      `SELECT u.real_name, n.qualified_at FROM declarations me
         JOIN declarations n ON n.current_org_id = me.current_org_id AND n.batch_id = me.batch_id AND n.status = 'qualified'
                            AND n.id <> me.id AND (n.qualified_at, n.id) > (me.qualified_at, me.id)
         JOIN users u ON u.id = n.applicant_user_id
        WHERE me.id = $1
        ORDER BY n.qualified_at DESC, n.id DESC LIMIT 1`,
      [d.id],
    );
    if (newer.length) {
      const at = chinaDateTime(new Date(newer[0].qualified_at)); // YYYY-MM-DD HH:mm, China's wall clock
      throw AppException.conflict(
        `资格审核须按从新到旧的顺序回退：本批次最近一次资格审核通过的是 ${newer[0].real_name}（${at}），请先回退该申报`,
        'ROLLBACK_ORDER',
      );
    }
  }

  async rollback(user: AuthUser, id: string, version: number, reason: string) {
    await this.ds.transaction(async (m) => {
      const d = await m.getRepository(Declaration).findOne({ where: { id, currentOrgId: user.organisationId ?? undefined }, lock: { mode: 'pessimistic_write' } });
      if (!d || !user.organisationId) throw AppException.notFound('资格审核通过的申报');
      if (d.status !== DeclarationStatus.Qualified) throw AppException.conflict(`当前状态（${DECLARATION_STATUS_LABELS[d.status]}）不能回退资格审核`, 'INVALID_TRANSITION');
      this.workflow.assertVersion(d, version);
      await this.assertNewestFirst(m, d);
      const stages = d.pathSnapshot?.stages ?? [];
      const idx = finalAuditIndex(stages);
      await this.workflow.transition(m, d, {
        actor: user,
        action: DeclarationAction.RollbackQualification,
        to: { status: DeclarationStatus.UnderAudit, stage: idx, currentOrgId: stages[idx]?.orgId ?? d.currentOrgId },
        opinion: reason.trim(),
        patch: { qualifiedAt: null },
      });
    });
    return { ok: true };
  }

  /** A-25: the ids a transfer applies to (the selection, or every match of the query), in scope and transferable. */
  private async transferIds(user: AuthUser, dto: TransferDto, m: EntityManager): Promise<string[]> {
    if (!dto.ids?.length && !dto.query) throw AppException.validation({ ids: '请选择要转换的申报，或按查询条件全部转换' });
    const params: unknown[] = [];
    const where: string[] = [];
    this.adminWhere(user, dto.query ?? {}, where, params);
    params.push(TRANSFERABLE);
    where.push(`d.status = ANY($${params.length})`);
    params.push(dto.targetCommitteeId);
    where.push(`d.committee_id <> $${params.length}`);
    if (dto.ids?.length) {
      params.push([...new Set(dto.ids)]);
      where.push(`d.id = ANY($${params.length})`);
    }
    const rows: { id: string }[] = await m.query(`SELECT d.id FROM declarations d JOIN users u ON u.id = d.applicant_user_id WHERE ${where.join(' AND ')} ORDER BY d.id`, params);
    return rows.map((r) => r.id);
  }

  async transfer(user: AuthUser, dto: TransferDto) {
    const target: { id: string; name: string; type: string }[] = await this.ds.query('SELECT id, name, type FROM organisations WHERE id = $1', [dto.targetCommitteeId]);
    if (!target[0] || (target[0].type !== 'committee' && target[0].type !== 'acceptance')) throw AppException.validation({ targetCommitteeId: '目标评委会不存在' });
    if (dto.dryRun) {
      const ids = await this.transferIds(user, dto, this.ds.manager);
      return { count: ids.length, targetName: target[0].name };
    }
    return this.ds.transaction(async (m) => {
      const ids = await this.transferIds(user, dto, m);
      if (dto.expectedCount !== undefined && dto.expectedCount !== ids.length) {
        throw AppException.conflict(`符合条件的申报已变为${ids.length}条（确认时为${dto.expectedCount}条），请重新确认`, 'COUNT_CHANGED');
      }
      if (!ids.length) throw AppException.validation({ ids: '没有可转换的申报' });
      for (const id of ids) {
        const d = await m.getRepository(Declaration).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
        const snap = d.pathSnapshot!;
        const oldCommittee = d.committeeId;
        let path;
        try {
          path = await this.resolver.resolve({ ...snap.input, committeeOrgId: target[0].id }, m);
        } catch (e) {
          const u = await m.getRepository(User).findOneOrFail({ where: { id: d.applicantUserId } });
          const msg = e instanceof Error ? ((e as { getResponse?: () => { message?: string } }).getResponse?.()?.message ?? e.message) : String(e);
          throw new AppException(422, 'PATH_BROKEN', `${u.realName}的申报不能转到“${target[0].name}”：${msg}`);
        }
        const stages = path.stages;
        const committeeIdx = stages.findIndex((s) => s.kind === 'committee_check');
        let stage: number;
        let orgId: string | null;
        let status = d.status;
        if (d.status === DeclarationStatus.Qualified) {
          status = DeclarationStatus.UnderAudit;
          stage = committeeIdx;
          orgId = stages[committeeIdx].orgId ?? null;
        } else if (d.status === DeclarationStatus.Returned && d.returnedToApplicant) {
          stage = 0;
          orgId = null;
        } else {
          const j = stages.findIndex((s) => AUDIT_KINDS.has(s.kind) && s.orgId === d.currentOrgId);
          stage = j >= 0 ? j : committeeIdx;
          orgId = stages[stage].orgId ?? null;
          if (j < 0 && status === DeclarationStatus.Returned) status = DeclarationStatus.UnderAudit;
        }
        const names: { id: string; name: string }[] = await m.query('SELECT id, name FROM organisations WHERE id = $1', [oldCommittee]);
        await this.workflow.transition(m, d, {
          actor: user,
          action: DeclarationAction.Transfer,
          to: { status, stage, currentOrgId: orgId },
          opinion: `由“${names[0]?.name ?? ''}”转至“${target[0].name}”${dto.reason?.trim() ? `，${dto.reason.trim()}` : ''}`,
          patch: { pathSnapshot: path, committeeId: target[0].id, qualifiedAt: status === DeclarationStatus.Qualified ? d.qualifiedAt : null },
        });
      }
      return { moved: ids.length, targetName: target[0].name };
    });
  }

  /** Used by tests and the role check of admin-only screens. */
  static isOffice(user: AuthUser): boolean {
    return user.role === Role.OfficeAdmin;
  }
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCode,
  OrgType,
  QUOTA_STATUS_LABELS,
  QuotaStatus,
  Role,
  TITLE_LEVEL_LABELS,
  type QuotaDetail,
  type QuotaHistoryEntry,
  type QuotaItem,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import type { QuotaAuditDto, QuotaDtoIn, QuotaQueryDto, QuotaReturnDto, UpdateQuotaDto } from './dto/quota.dto.js';
import { Quota } from './entities/quota.entity.js';

const ACTION_LABELS: Record<string, string> = {
  'quota.submit': '提交职数申报',
  'quota.resubmit': '修改后重新提交',
  'quota.pass': '审核通过',
  'quota.return': '审核不通过（退回）',
};

/**
 * U-12 quota declarations (职数申报 / 职数审核) and A-19 the title office's quota query.
 * The auditing department is the upper organisation of the unit's approved 评审 audit edge for the series and level
 * (the same supervisor the unit reports declarations to); it is resolved on every (re)submission.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly excel: ExcelService,
  ) {}

  // ------------------------------------------------------------------ reading

  private query() {
    return this.ds
      .getRepository(Quota)
      .createQueryBuilder('q')
      .innerJoin('organisations', 'u', 'u.id = q.unit_org_id')
      .innerJoin('organisations', 's', 's.id = q.supervisor_org_id')
      .leftJoin('title_series', 'ts', 'ts.code = q.series_code')
      .addSelect(['u.name AS unit_name', 's.name AS supervisor_name', 'ts.name AS series_name']);
  }

  private filters(qb: ReturnType<QuotaService['query']>, q: Partial<QuotaQueryDto>) {
    if (q.year) qb.andWhere('q.year = :year', { year: q.year });
    if (q.seriesCode) qb.andWhere('q.series_code = :sc', { sc: q.seriesCode });
    if (q.titleLevel) qb.andWhere('q.title_level = :tl', { tl: q.titleLevel });
    if (q.status) qb.andWhere('q.status = :st', { st: q.status });
    if (q.unitOrgId) qb.andWhere('q.unit_org_id = :uo', { uo: q.unitOrgId });
    if (q.keyword) qb.andWhere('u.name ILIKE :kw', { kw: `%${q.keyword.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    qb.orderBy('q.submitted_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('q.id', 'ASC');
    return qb;
  }

  private async fetch(qb: ReturnType<QuotaService['query']>): Promise<QuotaItem[]> {
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((e, i) => this.item(e, raw[i] as Record<string, string | null>));
  }

  private item(e: Quota, raw: Record<string, string | null>): QuotaItem {
    return {
      id: e.id,
      year: e.year,
      seriesCode: e.seriesCode,
      seriesName: raw.series_name ?? e.seriesCode,
      titleLevel: e.titleLevel,
      unitOrgId: e.unitOrgId,
      unitName: raw.unit_name ?? '',
      supervisorOrgId: e.supervisorOrgId,
      supervisorName: raw.supervisor_name ?? '',
      regionCode: e.regionCode,
      postTotal: e.postTotal,
      employedCount: e.employedCount,
      vacancy: e.postTotal - e.employedCount,
      requestedCount: e.requestedCount,
      remark: e.remark,
      status: e.status,
      auditOpinion: e.auditOpinion,
      submittedAt: e.submittedAt.toISOString(),
      auditedAt: e.auditedAt ? e.auditedAt.toISOString() : null,
      resubmissions: e.resubmissions,
      version: e.version,
    };
  }

  private async list(qb: ReturnType<QuotaService['query']>, q: QuotaQueryDto) {
    const total = await qb.getCount();
    const items = await this.fetch(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** U-12 职数申报: the unit's own declarations. */
  async mine(user: AuthUser, q: QuotaQueryDto) {
    const qb = this.query().where('q.unit_org_id = :me', { me: user.organisationId });
    return this.list(this.filters(qb, { ...q, unitOrgId: undefined }), q);
  }

  /** U-12 职数审核: declarations the user's department audits (default: waiting). */
  async toAudit(user: AuthUser, q: QuotaQueryDto) {
    const qb = this.query().where('q.supervisor_org_id = :me', { me: user.organisationId });
    return this.list(this.filters(qb, q), q);
  }

  /** A-19: every declaration of units in the title office's region. */
  private officeQuery(user: AuthUser, q: Partial<QuotaQueryDto>) {
    const qb = this.query();
    this.access.scopeQuery(qb, user, { orgId: 'q.unit_org_id', regionCode: 'q.region_code' });
    return this.filters(qb, q);
  }

  async officeList(user: AuthUser, q: QuotaQueryDto) {
    return this.list(this.officeQuery(user, q), q);
  }

  async export(user: AuthUser, q: QuotaQueryDto, reply: FastifyReply) {
    const base = this.officeQuery(user, q);
    const rows = paged((offset, limit) => this.fetch(base.clone().offset(offset).limit(limit)));
    async function* mapped() {
      for await (const r of rows) {
        yield {
          year: r.year,
          unitName: r.unitName,
          seriesName: r.seriesName,
          titleLevel: TITLE_LEVEL_LABELS[r.titleLevel],
          postTotal: r.postTotal,
          employedCount: r.employedCount,
          vacancy: r.vacancy,
          requestedCount: r.requestedCount,
          remark: r.remark,
          supervisorName: r.supervisorName,
          status: QUOTA_STATUS_LABELS[r.status],
          auditOpinion: r.auditOpinion ?? '',
          submittedAt: r.submittedAt.slice(0, 16).replace('T', ' '),
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '职数申报.xlsx',
      [
        { key: 'year', header: '年度', width: 8 },
        { key: 'unitName', header: '单位名称', width: 36 },
        { key: 'seriesName', header: '职称系列', width: 16 },
        { key: 'titleLevel', header: '职称级别', width: 10 },
        { key: 'postTotal', header: '岗位总数', width: 10 },
        { key: 'employedCount', header: '已聘数', width: 10 },
        { key: 'vacancy', header: '空缺数', width: 10 },
        { key: 'requestedCount', header: '申报职数', width: 10 },
        { key: 'remark', header: '说明', width: 40 },
        { key: 'supervisorName', header: '审核部门', width: 30 },
        { key: 'status', header: '审核状态', width: 18 },
        { key: 'auditOpinion', header: '审核意见', width: 30 },
        { key: 'submittedAt', header: '提交时间', width: 18 },
      ],
      mapped(),
    );
  }

  /** One declaration with its history, for the unit, its auditing department or a title office over the unit's region. */
  async get(user: AuthUser, id: string): Promise<QuotaDetail> {
    const [item] = await this.fetch(this.query().where('q.id = :id', { id }));
    if (!item) throw AppException.notFound('职数申报');
    const mine = user.organisationId !== null && (item.unitOrgId === user.organisationId || item.supervisorOrgId === user.organisationId);
    if (!mine && !(user.role === Role.OfficeAdmin && this.access.canSee(user, { id: item.unitOrgId, regionCode: item.regionCode }))) {
      throw AppException.notFound('职数申报');
    }
    return { ...item, history: await this.history(id) };
  }

  private async history(id: string): Promise<QuotaHistoryEntry[]> {
    const rows: { action: string; real_name: string | null; org_name: string | null; after: Record<string, unknown> | null; created_at: Date }[] =
      await this.ds.query(
        `SELECT l.action, u.real_name, o.name AS org_name, l.after, l.created_at
           FROM audit_logs l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN organisations o ON o.id = l.organisation_id
          WHERE l.target_type = 'quota' AND l.target_id = $1 ORDER BY l.created_at, l.id`,
        [id],
      );
    return rows.map((r) => ({
      action: r.action,
      actionLabel: ACTION_LABELS[r.action] ?? r.action,
      actorName: r.real_name,
      organisationName: r.org_name,
      opinion: typeof r.after?.opinion === 'string' && r.after.opinion ? r.after.opinion : null,
      at: new Date(r.created_at).toISOString(),
    }));
  }

  // ------------------------------------------------------------------ unit: declare, resubmit

  private checkCounts(dto: QuotaDtoIn) {
    if (dto.employedCount > dto.postTotal) throw AppException.validation({ employedCount: '已聘数不能大于岗位总数' });
    const vacancy = dto.postTotal - dto.employedCount;
    if (dto.requestedCount > vacancy) {
      throw AppException.validation({ requestedCount: `申报职数不能超过空缺岗位数（岗位总数 − 已聘数 = ${vacancy}）` });
    }
  }

  /** The unit (the caller's organisation) and its auditing department for the series and level. */
  private async resolve(user: AuthUser, dto: QuotaDtoIn, m: EntityManager): Promise<{ unit: { id: string; region_code: string }; supervisorOrgId: string }> {
    const units: { id: string; region_code: string; type: string; status: string }[] = await m.query(
      'SELECT id, region_code, type, status FROM organisations WHERE id = $1',
      [user.organisationId],
    );
    const unit = units[0];
    if (!unit || unit.type !== OrgType.Unit) throw AppException.forbidden('只有用人单位可以申报职数');
    if (unit.status !== 'active') throw AppException.forbidden('本单位已注销，不能申报职数');
    const series: unknown[] = await m.query('SELECT 1 FROM title_series WHERE code = $1', [dto.seriesCode]);
    if (!series.length) throw AppException.validation({ seriesCode: '职称系列不存在' });
    const edges: { upper_org_id: string }[] = await m.query(
      `SELECT upper_org_id FROM audit_edges
        WHERE lower_org_id = $1 AND kind = 'review' AND series_code = $2 AND title_level = $3 AND status = 'approved' LIMIT 1`,
      [unit.id, dto.seriesCode, dto.titleLevel],
    );
    if (!edges.length) {
      throw AppException.validation(
        { titleLevel: '本单位该系列、级别尚未开通审核路径，无法确定审核的主管部门' },
        '本单位该系列、级别尚未开通审核路径，无法确定审核的主管部门，请先申请审核路径',
      );
    }
    return { unit, supervisorOrgId: edges[0].upper_org_id };
  }

  private fields(dto: QuotaDtoIn) {
    return {
      year: dto.year,
      seriesCode: dto.seriesCode,
      titleLevel: dto.titleLevel,
      postTotal: dto.postTotal,
      employedCount: dto.employedCount,
      requestedCount: dto.requestedCount,
      remark: (dto.remark ?? '').trim(),
    };
  }

  async create(user: AuthUser, dto: QuotaDtoIn): Promise<QuotaDetail> {
    this.checkCounts(dto);
    const id = await this.ds.transaction(async (m) => {
      const { unit, supervisorOrgId } = await this.resolve(user, dto, m);
      const dup = await m.getRepository(Quota).exists({
        where: { unitOrgId: unit.id, year: dto.year, seriesCode: dto.seriesCode, titleLevel: dto.titleLevel },
      });
      if (dup) throw AppException.conflict(`本单位${dto.year}年度该系列、级别已申报过职数，请在原申报上修改`, 'QUOTA_DUPLICATE');
      const q = await m.getRepository(Quota).save({
        ...this.fields(dto),
        unitOrgId: unit.id,
        supervisorOrgId,
        regionCode: unit.region_code,
        status: QuotaStatus.Submitted,
        submittedBy: user.id,
        submittedAt: new Date(),
      });
      await this.audit.record({ actor: user, action: 'quota.submit', targetType: 'quota', targetId: q.id, after: { ...this.fields(dto), status: q.status } }, m);
      return q.id;
    });
    return this.get(user, id);
  }

  /** A returned declaration is corrected and submitted again (to the department resolved now). */
  async resubmit(user: AuthUser, id: string, dto: UpdateQuotaDto): Promise<QuotaDetail> {
    this.checkCounts(dto);
    await this.ds.transaction(async (m) => {
      const q = await m.getRepository(Quota).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!q || q.unitOrgId !== user.organisationId) throw AppException.notFound('职数申报');
      if (q.status !== QuotaStatus.Returned) {
        throw AppException.conflict(`当前状态（${QUOTA_STATUS_LABELS[q.status]}）不能修改，只有审核不通过的申报可以修改后重新提交`, 'INVALID_TRANSITION');
      }
      if (q.version !== dto.version) throw AppException.conflict('该申报已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      const { supervisorOrgId } = await this.resolve(user, dto, m);
      const dup = await m
        .getRepository(Quota)
        .createQueryBuilder('q')
        .where('q.unit_org_id = :u AND q.year = :y AND q.series_code = :s AND q.title_level = :l AND q.id <> :id', {
          u: q.unitOrgId, y: dto.year, s: dto.seriesCode, l: dto.titleLevel, id,
        })
        .getExists();
      if (dup) throw AppException.conflict(`本单位${dto.year}年度该系列、级别已申报过职数`, 'QUOTA_DUPLICATE');
      const before = this.fields({ ...q, remark: q.remark });
      await m.getRepository(Quota).save({
        ...q,
        ...this.fields(dto),
        supervisorOrgId,
        status: QuotaStatus.Submitted,
        submittedBy: user.id,
        submittedAt: new Date(),
        resubmissions: q.resubmissions + 1,
      });
      await this.audit.record(
        { actor: user, action: 'quota.resubmit', targetType: 'quota', targetId: id, before: { ...before, status: q.status }, after: { ...this.fields(dto), status: QuotaStatus.Submitted } },
        m,
      );
    });
    return this.get(user, id);
  }

  // ------------------------------------------------------------------ department: audit

  private async decide(user: AuthUser, id: string, version: number, to: QuotaStatus, opinion: string | null) {
    await this.ds.transaction(async (m) => {
      const q = await m.getRepository(Quota).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!q || q.supervisorOrgId !== user.organisationId) throw AppException.notFound('职数申报');
      if (q.status !== QuotaStatus.Submitted) {
        throw AppException.conflict(`当前状态（${QUOTA_STATUS_LABELS[q.status]}）不能审核`, 'INVALID_TRANSITION');
      }
      if (q.version !== version) throw AppException.conflict('该申报已被他人处理，请刷新后重试', ErrorCode.StaleVersion);
      const res = await m
        .createQueryBuilder()
        .update(Quota)
        .set({ status: to, auditOpinion: opinion, auditedBy: user.id, auditedAt: new Date() })
        .where('id = :id AND version = :v', { id, v: version })
        .execute();
      if (!res.affected) throw AppException.conflict('该申报已被他人处理，请刷新后重试', ErrorCode.StaleVersion);
      await this.audit.record(
        {
          actor: user,
          action: to === QuotaStatus.Passed ? 'quota.pass' : 'quota.return',
          targetType: 'quota',
          targetId: id,
          before: { status: q.status },
          after: { status: to, opinion },
        },
        m,
      );
    });
    return this.get(user, id);
  }

  pass(user: AuthUser, id: string, dto: QuotaAuditDto) {
    return this.decide(user, id, dto.version, QuotaStatus.Passed, dto.opinion?.trim() || null);
  }

  return(user: AuthUser, id: string, dto: QuotaReturnDto) {
    return this.decide(user, id, dto.version, QuotaStatus.Returned, dto.reason.trim());
  }
}

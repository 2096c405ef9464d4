import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { ADMIN_LEVEL_LABELS, COMMITTEE_CLASS_LABELS, ErrorCode, OrgType, TITLE_LEVEL_LABELS, type CommitteeDto } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { CommitteeDeregisterDto, CommitteeDtoIn, CommitteeMatchDto, CommitteeQueryDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { CommitteeFounder } from './entities/committee-founder.entity.js';
import { CommitteeProfession } from './entities/committee-profession.entity.js';
import { Committee } from './entities/committee.entity.js';

/** committees (class, level, founders, reviewable professions, fees, delegation, deregistration). */
@Injectable()
export class CommitteeService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly ref: ReferenceService,
    private readonly excel: ExcelService,
  ) {}

  private query(user: AuthUser, q: Omit<CommitteeQueryDto, 'page' | 'pageSize'>) {
    const qb = this.ds
      .getRepository(Committee)
      .createQueryBuilder('c')
      .innerJoin(Organisation, 'o', 'o.id = c.organisation_id')
      .addSelect('o.name', 'org_name')
      .addSelect('o.region_code', 'org_region_code')
      .addSelect('o.level', 'org_level');
    this.access.scopeQuery(qb, user, { orgId: 'o.id', regionCode: 'o.region_code' });
    if (q.keyword) qb.andWhere('o.name ILIKE :kw', { kw: `%${q.keyword}%` });
    if (q.committeeClass) qb.andWhere('c.committee_class = :cc', { cc: q.committeeClass });
    if (q.level) qb.andWhere('o.level = :lv', { lv: q.level });
    if (q.status) qb.andWhere('c.status = :st', { st: q.status });
    if (q.regionCode) qb.andWhere('o.region_code LIKE :rc', { rc: `${q.regionCode.replace(/(00)+$/, '')}%` });
    if (q.professionCode || q.titleLevel) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM committee_professions cp WHERE cp.committee_id = c.organisation_id${q.professionCode ? ' AND cp.profession_code = :pc' : ''}${q.titleLevel ? ' AND cp.title_level = :tl' : ''})`,
        { pc: q.professionCode, tl: q.titleLevel },
      );
    }
    qb.orderBy('o.region_code', q.order === 'desc' ? 'DESC' : 'ASC').addOrderBy('o.name', 'ASC').addOrderBy('c.organisation_id');
    return qb;
  }

  private async toDtos(rows: { c: Committee; name: string; regionCode: string; level: string }[]): Promise<CommitteeDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.c.organisationId);
    const founders: { committee_id: string; id: string; name: string }[] = await this.ds.query(
      'SELECT f.committee_id, o.id, o.name FROM committee_founders f JOIN organisations o ON o.id = f.organisation_id WHERE f.committee_id = ANY($1)',
      [ids],
    );
    const profs = await this.ds.getRepository(CommitteeProfession).createQueryBuilder('p').where('p.committee_id = ANY(:ids)', { ids }).getMany();
    return rows.map(({ c, name, regionCode, level }) => ({
      id: c.organisationId,
      name,
      regionCode,
      level: level as CommitteeDto['level'],
      committeeClass: c.committeeClass,
      issuingDelegated: c.issuingDelegated,
      feeStandard: c.feeStandard,
      contactUserId: c.contactUserId,
      status: c.status,
      deregisterReason: c.deregisterReason,
      founders: founders.filter((f) => f.committee_id === c.organisationId).map((f) => ({ id: f.id, name: f.name })),
      professions: profs.filter((p) => p.committeeId === c.organisationId).map((p) => ({ professionCode: p.professionCode, titleLevel: p.titleLevel, seriesCode: p.seriesCode })),
      version: c.version,
    }));
  }

  private async fetch(qb: ReturnType<CommitteeService['query']>) {
    const { entities, raw } = await qb.getRawAndEntities();
    return this.toDtos(entities.map((c, i) => ({ c, name: raw[i].org_name, regionCode: raw[i].org_region_code, level: raw[i].org_level })));
  }

  async list(user: AuthUser, q: CommitteeQueryDto) {
    const qb = this.query(user, q);
    const total = await qb.getCount();
    const items = await this.fetch(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string): Promise<CommitteeDto> {
    await this.access.assertOrgInScope(user, id);
    const [dto] = await this.fetch(this.query(user, {}).andWhere('c.organisation_id = :id', { id }));
    if (!dto) throw AppException.notFound('评委会');
    return dto;
  }

  async export(user: AuthUser, q: CommitteeQueryDto, reply: FastifyReply) {
    const base = this.query(user, q);
    const rows = paged((offset, limit) => this.fetch(base.clone().offset(offset).limit(limit)));
    async function* mapped() {
      for await (const c of rows) {
        yield {
          name: c.name,
          regionCode: c.regionCode,
          level: ADMIN_LEVEL_LABELS[c.level],
          committeeClass: COMMITTEE_CLASS_LABELS[c.committeeClass],
          issuingDelegated: c.issuingDelegated ? '是' : '否',
          founders: c.founders.map((f) => f.name).join('；'),
          professions: c.professions.map((p) => `${p.professionCode}/${TITLE_LEVEL_LABELS[p.titleLevel]}`).join('；'),
          status: c.status === 'active' ? '正常' : `已注销（${c.deregisterReason ?? ''}）`,
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '评委会列表.xlsx',
      [
        { key: 'name', header: '评委会名称', width: 40 },
        { key: 'regionCode', header: '行政区划代码' },
        { key: 'level', header: '级别' },
        { key: 'committeeClass', header: '类别' },
        { key: 'issuingDelegated', header: '发证权限下放' },
        { key: 'founders', header: '组建单位', width: 40 },
        { key: 'professions', header: '评审专业及级别', width: 40 },
        { key: 'status', header: '状态' },
      ],
      mapped(),
    );
  }

  private async checkInput(user: AuthUser, dto: CommitteeDtoIn) {
    await this.ref.assertRegion(dto.regionCode);
    if (!this.access.canSee(user, { id: '', regionCode: dto.regionCode })) throw AppException.validation({ regionCode: '所在地区不在您的管理范围内' });
    for (const id of dto.founderIds) await this.access.assertOrgInScope(user, id);
    const codes = [...new Set(dto.professions.map((p) => p.professionCode))];
    if (codes.length) {
      const found: { code: string }[] = await this.ds.query('SELECT code FROM professions WHERE code = ANY($1)', [codes]);
      const missing = codes.filter((c) => !found.some((f) => f.code === c));
      if (missing.length) throw AppException.validation({ professions: `专业代码不存在：${missing.join('、')}` });
    }
    const series = [...new Set(dto.professions.map((p) => p.seriesCode))];
    if (series.length) {
      const found: { code: string }[] = await this.ds.query('SELECT code FROM title_series WHERE code = ANY($1)', [series]);
      if (found.length !== series.length) throw AppException.validation({ professions: '职称系列不存在' });
    }
  }

  private async writeChildren(m: EntityManager, id: string, dto: CommitteeDtoIn) {
    await m.delete(CommitteeFounder, { committeeId: id });
    await m.delete(CommitteeProfession, { committeeId: id });
    const founders = [...new Set(dto.founderIds)];
    if (founders.length) await m.insert(CommitteeFounder, founders.map((organisationId) => ({ committeeId: id, organisationId })));
    const seen = new Set<string>();
    const profs = dto.professions.filter((p) => {
      const k = `${p.professionCode}|${p.titleLevel}|${p.seriesCode}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (profs.length) await m.insert(CommitteeProfession, profs.map((p) => ({ committeeId: id, ...p })));
  }

  async create(user: AuthUser, dto: CommitteeDtoIn) {
    await this.checkInput(user, dto);
    const id = await this.ds.transaction(async (m) => {
      const org = await m.getRepository(Organisation).save({ name: dto.name.trim(), type: OrgType.Committee, regionCode: dto.regionCode, level: dto.level });
      await m.insert(Committee, {
        organisationId: org.id,
        committeeClass: dto.committeeClass,
        issuingDelegated: dto.issuingDelegated,
        feeStandard: dto.feeStandard ?? null,
        contactUserId: dto.contactUserId ?? null,
      });
      await this.writeChildren(m, org.id, dto);
      await this.audit.record({ actor: user, action: 'committee.create', targetType: 'committee', targetId: org.id, after: { ...dto } }, m);
      return org.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateCommitteeDto) {
    const before = await this.get(user, id);
    await this.checkInput(user, dto);
    await this.ds.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Committee)
        .set({ committeeClass: dto.committeeClass, issuingDelegated: dto.issuingDelegated, feeStandard: dto.feeStandard ?? null, contactUserId: dto.contactUserId ?? null })
        .where('organisation_id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该评委会已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await m.update(Organisation, id, { name: dto.name.trim(), regionCode: dto.regionCode, level: dto.level });
      await this.writeChildren(m, id, dto);
      await this.audit.record({ actor: user, action: 'committee.update', targetType: 'committee', targetId: id, before: before as unknown as Record<string, unknown>, after: { ...dto } }, m);
    });
    return this.get(user, id);
  }

  async deregister(user: AuthUser, id: string, dto: CommitteeDeregisterDto) {
    const before = await this.get(user, id);
    if (before.status === 'deregistered') throw AppException.conflict('该评委会已注销');
    await this.ds.transaction(async (m) => {
      await m.update(Committee, id, { status: 'deregistered', deregisterReason: dto.reason.trim() });
      await m.update(Organisation, id, { status: 'deregistered', deregisterReason: dto.reason.trim() });
      await this.audit.record({ actor: user, action: 'committee.deregister', targetType: 'committee', targetId: id, before: { status: before.status }, after: { status: 'deregistered', reason: dto.reason } }, m);
    });
    return this.get(user, id);
  }

  /**
   * H-03: active committees that review the profession at the level, whose region covers the applicant's
   * region (a province committee covers its province, a city committee its city…), with an open 评审 batch.
   */
  async match(q: CommitteeMatchDto, now = new Date()) {
    const rows: { id: string; name: string; region_code: string; level: string; committee_class: string }[] = await this.ds.query(
      `SELECT o.id, o.name, o.region_code, o.level, c.committee_class
         FROM committees c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.status = 'active'
          AND EXISTS (SELECT 1 FROM committee_professions cp WHERE cp.committee_id = c.organisation_id AND cp.profession_code = $1 AND cp.title_level = $2)
          AND $3 LIKE (CASE o.level WHEN 'province' THEN substr(o.region_code, 1, 2) WHEN 'city' THEN substr(o.region_code, 1, 4) ELSE o.region_code END) || '%'
          AND EXISTS (SELECT 1 FROM batches b WHERE b.committee_id = c.organisation_id AND b.kind = 'review' AND b.status = 'published'
                      AND b.opens_at <= $4 AND b.closes_at > $4 AND $2 = ANY(b.levels))
        ORDER BY o.level, o.name`,
      [q.professionCode, q.titleLevel, q.regionCode, now],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code, level: r.level, committeeClass: r.committee_class }));
  }
}

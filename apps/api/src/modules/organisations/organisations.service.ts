import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ADMIN_LEVEL_LABELS,
  ErrorCode,
  ORG_TYPE_LABELS,
  OrgType,
  UNIT_NATURE_LABELS,
  validateCreditCode,
  type AdminLevel,
  type OrganisationDto,
  type UnitNature,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged, type RawRow, type RowImporter, type RowResult, type SheetColumn } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { DeregisterDto, OrgDtoIn, UpdateOrgDto } from './dto/organisations.dto.js';
import { AcceptanceInstitution } from './entities/acceptance-institution.entity.js';
import { Issuer } from './entities/issuer.entity.js';
import { Organisation } from './entities/organisation.entity.js';

export interface OrgSearch {
  page: number;
  pageSize: number;
  keyword?: string;
  type?: string;
  regionCode?: string;
  level?: string;
  status?: string;
  permitted?: string;
  sort?: string;
  order?: 'asc' | 'desc';
}

const byLabel = <T extends string>(labels: Record<T, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as T]));
const TYPE_BY_LABEL = byLabel(ORG_TYPE_LABELS);
const LEVEL_BY_LABEL = byLabel(ADMIN_LEVEL_LABELS);
const NATURE_BY_LABEL = byLabel(UNIT_NATURE_LABELS);
NATURE_BY_LABEL.set('其他', 'other');

export const ORG_EXPORT_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '机构名称', width: 40 },
  { key: 'type', header: '机构类型', width: 14 },
  { key: 'regionCode', header: '行政区划代码', width: 14 },
  { key: 'level', header: '级别', width: 10 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'nature', header: '单位性质', width: 12 },
  { key: 'contactName', header: '联系人', width: 12 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
];

/** Organisations of every type (DOMAIN §3): scoped lists, fuzzy search, CRUD, deregistration, import, export. */
@Injectable()
export class OrganisationsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly ref: ReferenceService,
    private readonly excel: ExcelService,
  ) {}

  onModuleInit() {
    this.excel.register(this.orgImporter());
    this.excel.register(this.acceptanceImporter());
  }

  private query(user: AuthUser, q: Omit<OrgSearch, 'page' | 'pageSize'>) {
    const qb = this.ds.getRepository(Organisation).createQueryBuilder('o');
    this.access.scopeQuery(qb, user, { orgId: 'o.id', regionCode: 'o.region_code' });
    // Fuzzy name search uses the pg_trgm GIN index (idx_organisations_name_trgm); credit codes match exactly.
    if (q.keyword) qb.andWhere('(o.name ILIKE :kw OR o.credit_code = :code)', { kw: `%${q.keyword.replace(/[%_\\]/g, '\\$&')}%`, code: q.keyword.trim().toUpperCase() });
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.regionCode) qb.andWhere('o.region_code LIKE :rc', { rc: `${q.regionCode.replace(/(00)+$/, '')}%` });
    if (q.level) qb.andWhere('o.level = :level', { level: q.level });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    if (q.permitted) qb.andWhere('o.permitted = :permitted', { permitted: q.permitted === 'true' });
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const col = { name: 'o.name', regionCode: 'o.region_code', createdAt: 'o.created_at' }[q.sort ?? 'regionCode'] ?? 'o.region_code';
    qb.orderBy(col, dir).addOrderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC');
    return qb;
  }

  /** Organisations in the caller's scope, filtered, sorted and paginated on the server. */
  async list(user: AuthUser, q: OrgSearch) {
    const qb = this.query(user, q).skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [items, total] = await qb.getManyAndCount();
    const map = await this.ref.regionMap();
    return { items: items.map((o) => ({ ...this.toDto(o), regionName: map.get(o.regionCode)?.name ?? null })), total, page: q.page, pageSize: q.pageSize };
  }

  /** the current query as .xlsx, streamed page by page. */
  async export(user: AuthUser, q: OrgSearch, reply: FastifyReply) {
    const base = this.query(user, q);
    const rows = paged((offset, limit) => base.clone().skip(offset).take(limit).getMany());
    async function* mapped() {
      for await (const o of rows) {
        yield {
          name: o.name,
          type: ORG_TYPE_LABELS[o.type],
          regionCode: o.regionCode,
          level: o.level ? ADMIN_LEVEL_LABELS[o.level] : '',
          creditCode: o.creditCode ?? '',
          nature: o.nature ? UNIT_NATURE_LABELS[o.nature] : '',
          contactName: o.contactName ?? '',
          contactPhone: o.contactPhone ?? '',
        };
      }
    }
    return this.excel.streamXlsx(reply, '机构列表.xlsx', ORG_EXPORT_COLUMNS, mapped());
  }

  async get(user: AuthUser, id: string): Promise<OrganisationDto> {
    await this.access.assertOrgInScope(user, id);
    const o = await this.ds.getRepository(Organisation).findOneOrFail({ where: { id } });
    const dto = this.toDto(o);
    if (o.type === OrgType.AcceptanceInstitution) {
      const a = await this.ds.getRepository(AcceptanceInstitution).findOne({ where: { organisationId: id } });
      dto.acceptance = a ? { certificateName: a.certificateName, declarationNotice: a.declarationNotice } : null;
    }
    if (o.type === OrgType.Issuer) {
      const i = await this.ds.getRepository(Issuer).findOne({ where: { organisationId: id } });
      dto.issuer = i ? { issuerCode: i.issuerCode } : null;
    }
    return dto;
  }

  private async checkInput(user: AuthUser, dto: OrgDtoIn, selfId?: string) {
    const region = await this.ref.assertRegion(dto.regionCode);
    if (!this.access.canSee(user, { id: selfId ?? '', regionCode: dto.regionCode })) {
      throw AppException.validation({ regionCode: '所在地区不在您的管理范围内' });
    }
    if (dto.type === OrgType.Committee) throw AppException.validation({ type: '评委会请在评委会管理中维护' });
    const creditCode = dto.creditCode ? dto.creditCode.trim().toUpperCase() : null;
    if (creditCode) {
      const other = await this.ds.getRepository(Organisation).findOne({ where: { creditCode } });
      if (other && other.id !== selfId) throw new AppException(409, ErrorCode.CreditCodeTaken, '该统一社会信用代码已注册', { creditCode: '该统一社会信用代码已注册' });
    }
    if (dto.type === OrgType.Issuer && dto.issuerCode) {
      const other = await this.ds.getRepository(Issuer).findOne({ where: { issuerCode: dto.issuerCode } });
      if (other && other.organisationId !== selfId) throw AppException.conflict(`发证单位代码 ${dto.issuerCode} 已被使用`);
    }
    const level: AdminLevel | null = dto.type === OrgType.Unit ? null : (dto.level ?? region.level);
    return { creditCode, level };
  }

  private async writeSubRecords(m: EntityManager, id: string, dto: OrgDtoIn) {
    if (dto.type === OrgType.AcceptanceInstitution) {
      await m.upsert(AcceptanceInstitution, { organisationId: id, certificateName: dto.certificateName!.trim(), declarationNotice: dto.declarationNotice ?? null }, ['organisationId']);
    }
    if (dto.type === OrgType.Issuer) await m.upsert(Issuer, { organisationId: id, issuerCode: dto.issuerCode! }, ['organisationId']);
  }

  async create(user: AuthUser, dto: OrgDtoIn): Promise<OrganisationDto> {
    const { creditCode, level } = await this.checkInput(user, dto);
    const id = await this.ds.transaction(async (m) => {
      const o = await m.getRepository(Organisation).save({
        name: dto.name.trim(),
        type: dto.type,
        regionCode: dto.regionCode,
        level,
        creditCode,
        nature: dto.type === OrgType.Unit ? (dto.nature ?? null) : null,
        contactName: dto.contactName ?? null,
        contactPhone: dto.contactPhone ?? null,
      });
      await this.writeSubRecords(m, o.id, dto);
      await this.audit.record({ actor: user, action: 'organisation.create', targetType: 'organisation', targetId: o.id, after: { ...dto } }, m);
      return o.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOrgDto): Promise<OrganisationDto> {
    await this.access.assertOrgInScope(user, id);
    const before = await this.ds.getRepository(Organisation).findOneOrFail({ where: { id } });
    if (before.type !== dto.type) throw AppException.validation({ type: '机构类型不能修改' });
    const { creditCode, level } = await this.checkInput(user, dto, id);
    await this.ds.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Organisation)
        .set({ name: dto.name.trim(), regionCode: dto.regionCode, level, creditCode, nature: dto.type === OrgType.Unit ? (dto.nature ?? null) : null, contactName: dto.contactName ?? null, contactPhone: dto.contactPhone ?? null })
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该机构已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await this.writeSubRecords(m, id, dto);
      await this.audit.record({ actor: user, action: 'organisation.update', targetType: 'organisation', targetId: id, before: this.toDto(before) as unknown as Record<string, unknown>, after: { ...dto } }, m);
    });
    return this.get(user, id);
  }

  async deregister(user: AuthUser, id: string, dto: DeregisterDto): Promise<OrganisationDto> {
    await this.access.assertOrgInScope(user, id);
    if (id === user.organisationId) throw AppException.forbidden('不能注销本机构');
    await this.ds.transaction(async (m) => {
      const o = await m.getRepository(Organisation).findOneOrFail({ where: { id } });
      if (o.status === 'deregistered') throw AppException.conflict('该机构已注销');
      await m.update(Organisation, id, { status: 'deregistered', deregisterReason: dto.reason.trim(), permitted: false });
      await this.audit.record({ actor: user, action: 'organisation.deregister', targetType: 'organisation', targetId: id, before: { status: o.status }, after: { status: 'deregistered', reason: dto.reason } }, m);
    });
    return this.get(user, id);
  }

  toDto(o: Organisation): OrganisationDto {
    return {
      id: o.id,
      name: o.name,
      type: o.type,
      regionCode: o.regionCode,
      level: o.level,
      creditCode: o.creditCode,
      nature: o.nature,
      permitted: o.permitted,
      status: o.status,
      deregisterReason: o.deregisterReason,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      version: o.version,
    };
  }

  // ---------- X-01 importers ----------

  /** Shared row checks: name, region (exists and in scope), level. */
  async baseRowCheck(v: Record<string, string>, ctx: ImportCtx, user: AuthUser): Promise<string[]> {
    const errors: string[] = [];
    if (!v.name) errors.push('机构名称不能为空');
    else if (v.name.length > 200) errors.push('机构名称不能超过200字');
    const region = ctx.regions.get(v.regionCode ?? '');
    if (!v.regionCode) errors.push('行政区划代码不能为空');
    else if (!region) errors.push(`行政区划代码 ${v.regionCode} 不存在`);
    else if (!this.access.canSee(user, { id: '', regionCode: v.regionCode })) errors.push('所在地区不在您的管理范围内');
    if (v.level && !LEVEL_BY_LABEL.has(v.level)) errors.push('级别应为 省级、市级 或 县区级');
    return errors;
  }

  private orgImporter(): RowImporter<ImportCtx> {
    return {
      kind: 'organisations',
      title: '机构',
      columns: ORG_EXPORT_COLUMNS,
      example: { name: '南京某某科技有限公司', type: '单位', regionCode: '320102', level: '', creditCode: '91320102MA1XXXXXXX', nature: '企业', contactName: '王经办', contactPhone: '025-12345678' },
      prepare: async () => ({ regions: await this.ref.regionMap(), seen: new Set<string>() }),
      validateChunk: async (rows: RawRow[], ctx: ImportCtx, user: AuthUser): Promise<RowResult[]> => {
        const codes = rows.map((r) => (r.values.creditCode ?? '').toUpperCase()).filter(Boolean);
        const taken = new Set<string>(
          codes.length ? (await this.ds.query('SELECT credit_code FROM organisations WHERE credit_code = ANY($1)', [codes])).map((r: { credit_code: string }) => r.credit_code) : [],
        );
        const out: RowResult[] = [];
        for (const { rowNo, values: v } of rows) {
          const errors = await this.baseRowCheck(v, ctx, user);
          const type = TYPE_BY_LABEL.get(v.type ?? '');
          if (!type) errors.push('机构类型应为 单位、行政主管部门、行业主管部门、职称办 或 发证单位');
          else if (type === OrgType.Committee || type === OrgType.AcceptanceInstitution) errors.push(`${ORG_TYPE_LABELS[type]}请使用对应的导入模板`);
          const creditCode = (v.creditCode ?? '').toUpperCase();
          let nature: UnitNature | null = null;
          if (type === OrgType.Unit) {
            if (!creditCode) errors.push('单位的统一社会信用代码不能为空');
            nature = NATURE_BY_LABEL.get(v.nature ?? '') ?? null;
            if (!nature) errors.push('单位性质应为 企业、事业单位 或 其他');
          }
          if (creditCode) {
            const msg = validateCreditCode(creditCode);
            if (msg) errors.push(msg);
            else if (taken.has(creditCode)) errors.push('统一社会信用代码已注册');
            else if (ctx.seen.has(creditCode)) errors.push('统一社会信用代码在文件中重复');
          }
          if (errors.length) {
            out.push({ rowNo, ok: false, error: errors.join('；') });
            continue;
          }
          if (creditCode) ctx.seen.add(creditCode);
          const region = ctx.regions.get(v.regionCode)!;
          out.push({
            rowNo,
            ok: true,
            data: {
              name: v.name,
              type,
              regionCode: v.regionCode,
              level: type === OrgType.Unit ? null : (LEVEL_BY_LABEL.get(v.level) ?? region.level),
              creditCode: creditCode || null,
              nature,
              contactName: v.contactName || null,
              contactPhone: v.contactPhone || null,
            },
          });
        }
        return out;
      },
      commitChunk: async (rows, _user, m) => {
        await m.createQueryBuilder().insert().into(Organisation).values(rows as Partial<Organisation>[]).execute();
      },
    };
  }

  private acceptanceImporter(): RowImporter<ImportCtx> {
    return {
      kind: 'acceptance',
      title: '受理机构',
      columns: [
        { key: 'name', header: '机构名称', width: 36 },
        { key: 'regionCode', header: '行政区划代码', width: 14 },
        { key: 'level', header: '级别', width: 10 },
        { key: 'certificateName', header: '证书打印名称', width: 36 },
        { key: 'declarationNotice', header: '申报须知', width: 50 },
        { key: 'contactName', header: '联系人', width: 12 },
        { key: 'contactPhone', header: '联系电话', width: 16 },
      ],
      example: { name: '南京市人才服务中心', regionCode: '320100', level: '市级', certificateName: '南京市人力资源和社会保障局', declarationNotice: '请按要求上传材料。', contactName: '', contactPhone: '' },
      prepare: async () => ({ regions: await this.ref.regionMap(), seen: new Set<string>() }),
      validateChunk: async (rows, ctx, user) => {
        const out: RowResult[] = [];
        for (const { rowNo, values: v } of rows) {
          const errors = await this.baseRowCheck(v, ctx, user);
          if (!v.certificateName) errors.push('证书打印名称不能为空');
          if (v.name && ctx.seen.has(v.name)) errors.push('机构名称在文件中重复');
          if (errors.length) {
            out.push({ rowNo, ok: false, error: errors.join('；') });
            continue;
          }
          ctx.seen.add(v.name);
          out.push({
            rowNo,
            ok: true,
            data: {
              name: v.name,
              regionCode: v.regionCode,
              level: LEVEL_BY_LABEL.get(v.level) ?? ctx.regions.get(v.regionCode)!.level,
              certificateName: v.certificateName,
              declarationNotice: v.declarationNotice || null,
              contactName: v.contactName || null,
              contactPhone: v.contactPhone || null,
            },
          });
        }
        return out;
      },
      commitChunk: async (rows, _user, m) => {
        const orgs = rows.map((r) => ({ name: r.name, type: OrgType.AcceptanceInstitution, regionCode: r.regionCode, level: r.level, contactName: r.contactName, contactPhone: r.contactPhone }));
        const res = await m.createQueryBuilder().insert().into(Organisation).values(orgs as Partial<Organisation>[]).returning(['id']).execute();
        await m.insert(
          AcceptanceInstitution,
          rows.map((r, i) => ({ organisationId: res.identifiers[i].id as string, certificateName: r.certificateName as string, declarationNotice: r.declarationNotice as string | null })),
        );
      },
    };
  }
}

export interface ImportCtx {
  regions: Map<string, { code: string; level: AdminLevel }>;
  seen: Set<string>;
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { ADMIN_LEVEL_LABELS, COMMITTEE_CLASS_LABELS, ErrorCode, OrgType, Role, TITLE_LEVEL_LABELS, type AdminLevel, type CommitteeClass, type CommitteeDto, type TitleLevel } from '@zhicheng/contracts';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { User } from '../accounts/entities/user.entity.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged, type RawRow, type RowImporter, type RowResult } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { CommitteeDeregisterDto, CommitteeDtoIn, CommitteeMatchDto, CommitteeQueryDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { CommitteeFounder } from './entities/committee-founder.entity.js';
import { CommitteeProfession } from './entities/committee-profession.entity.js';
import { Committee } from './entities/committee.entity.js';
import { clock } from '../../common/clock/clock.service.js';
import { assertPasswordAcceptable } from '../../common/security/password-policy.js';

const byLabel = <T extends string>(labels: Record<T, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as T]));
const CLASS_BY_LABEL = byLabel(COMMITTEE_CLASS_LABELS);
const LEVEL_BY_LABEL = byLabel(ADMIN_LEVEL_LABELS);
const TITLE_BY_LABEL = byLabel(TITLE_LEVEL_LABELS);

interface CommitteeImportCtx {
  regions: Map<string, { code: string; level: AdminLevel }>;
  professions: Set<string>;
  series: Set<string>;
  seen: Set<string>;
}

/**
 * committees (class, level, founders, reviewable professions, fees, delegation, deregistration).
 *
 * The contact person is the committee's operator account. The form either gives `contact` (name, mobile,
 * username, initial password): a new `committee_operator` user of the committee organisation is created and
 * becomes the contact (on create, or on update when the contact changes: the previous operator keeps their
 * account, it is managed under 账号管理); or, on update, `contactUserId` names an existing user, who must be a
 * committee operator of this committee. A committee created without a contact has none until one is given.
 */
@Injectable()
export class CommitteeService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly ref: ReferenceService,
    private readonly excel: ExcelService,
    private readonly crypto: CryptoService,
  ) {}

  onModuleInit() {
    this.excel.register(this.importer());
  }

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
    const contactIds = rows.map((r) => r.c.contactUserId).filter((x): x is string => !!x);
    const contacts: { id: string; username: string; real_name: string }[] = contactIds.length
      ? await this.ds.query('SELECT id, username, real_name FROM users WHERE id = ANY($1)', [contactIds])
      : [];
    return rows.map(({ c, name, regionCode, level }) => ({
      id: c.organisationId,
      name,
      regionCode,
      level: level as CommitteeDto['level'],
      committeeClass: c.committeeClass,
      issuingDelegated: c.issuingDelegated,
      feeStandard: c.feeStandard,
      contactUserId: c.contactUserId,
      contact: (() => {
        const u = contacts.find((x) => x.id === c.contactUserId);
        return u ? { id: u.id, username: u.username, realName: u.real_name } : null;
      })(),
      status: c.status,
      deregisterReason: c.deregisterReason,
      authorityFrom: c.authorityFrom,
      authorityUntil: c.authorityUntil,
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
    // C-17: the authority period is given whole (both dates) or not at all, and does not end before it starts.
    if (dto.authorityFrom !== undefined || dto.authorityUntil !== undefined) {
      if (!dto.authorityFrom !== !dto.authorityUntil) throw AppException.validation({ [dto.authorityFrom ? 'authorityUntil' : 'authorityFrom']: '请填写完整的评审权备案有效期（起止日期）' });
      if (dto.authorityFrom && dto.authorityUntil && dto.authorityUntil < dto.authorityFrom) throw AppException.validation({ authorityUntil: '备案有效期截止日期不能早于起始日期' });
    }
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

  /** The contact's user id: a new operator account from `contact`, or an existing operator of this committee. */
  private async resolveContact(m: EntityManager, user: AuthUser, committeeId: string, dto: CommitteeDtoIn, passwordHash: string | null): Promise<string | null> {
    if (dto.contact) {
      const c = dto.contact;
      if (await m.getRepository(User).exists({ where: { username: c.username } })) {
        throw new AppException(409, ErrorCode.UsernameTaken, '该用户名已被使用', { 'contact.username': '该用户名已被使用' });
      }
      const u = await m.getRepository(User).save({
        username: c.username,
        role: Role.CommitteeOperator,
        organisationId: committeeId,
        realName: c.realName.trim(),
        mobileEnc: this.crypto.encrypt(c.mobile),
        mobileHash: this.crypto.blindIndex(c.mobile),
        passwordHash: passwordHash!,
        mustChangePassword: true,
      });
      await this.audit.record({ actor: user, action: 'account.create_staff', targetType: 'user', targetId: u.id, after: { username: u.username, role: u.role, organisationId: committeeId } }, m);
      return u.id;
    }
    if (dto.contactUserId) {
      const u = await m.getRepository(User).findOne({ where: { id: dto.contactUserId } });
      if (!u || u.organisationId !== committeeId || u.role !== Role.CommitteeOperator) {
        throw AppException.validation({ contactUserId: '联系人应为本评委会的经办人账号' });
      }
      return u.id;
    }
    return null;
  }

  async create(user: AuthUser, dto: CommitteeDtoIn) {
    await this.checkInput(user, dto);
    if (dto.contactUserId && !dto.contact) throw AppException.validation({ contactUserId: '新建评委会时请填写联系人信息，系统将为其创建经办人账号' });
    if (dto.contact) assertPasswordAcceptable(dto.contact.password, dto.contact, 'contact.password');
    const passwordHash = dto.contact ? await this.crypto.hashPassword(dto.contact.password) : null;
    const id = await this.ds.transaction(async (m) => {
      const org = await m.getRepository(Organisation).save({ name: dto.name.trim(), type: OrgType.Committee, regionCode: dto.regionCode, level: dto.level });
      await m.insert(Committee, {
        organisationId: org.id,
        committeeClass: dto.committeeClass,
        issuingDelegated: dto.issuingDelegated,
        feeStandard: dto.feeStandard ?? null,
        authorityFrom: dto.authorityFrom ?? null,
        authorityUntil: dto.authorityUntil ?? null,
      });
      const contactUserId = await this.resolveContact(m, user, org.id, dto, passwordHash);
      if (contactUserId) await m.update(Committee, org.id, { contactUserId });
      await this.writeChildren(m, org.id, dto);
      await this.audit.record({ actor: user, action: 'committee.create', targetType: 'committee', targetId: org.id, after: { ...dto, contact: dto.contact ? { username: dto.contact.username, realName: dto.contact.realName } : undefined } }, m);
      return org.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateCommitteeDto) {
    const before = await this.get(user, id);
    await this.checkInput(user, dto);
    if (dto.contact) assertPasswordAcceptable(dto.contact.password, dto.contact, 'contact.password');
    const passwordHash = dto.contact ? await this.crypto.hashPassword(dto.contact.password) : null;
    await this.ds.transaction(async (m) => {
      // No contact given: keep the current one.
      const contactUserId = (await this.resolveContact(m, user, id, dto, passwordHash)) ?? before.contactUserId;
      const res = await m
        .createQueryBuilder()
        .update(Committee)
        .set({ committeeClass: dto.committeeClass, issuingDelegated: dto.issuingDelegated, feeStandard: dto.feeStandard ?? null, authorityFrom: dto.authorityFrom === undefined ? before.authorityFrom : dto.authorityFrom, authorityUntil: dto.authorityUntil === undefined ? before.authorityUntil : dto.authorityUntil, contactUserId })
        .where('organisation_id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该评委会已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await m.update(Organisation, id, { name: dto.name.trim(), regionCode: dto.regionCode, level: dto.level });
      await this.writeChildren(m, id, dto);
      await this.audit.record({ actor: user, action: 'committee.update', targetType: 'committee', targetId: id, before: before as unknown as Record<string, unknown>, after: { ...dto, contact: dto.contact ? { username: dto.contact.username, realName: dto.contact.realName } : undefined } }, m);
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

  // ---------- committee import ----------

  private importer(): RowImporter<CommitteeImportCtx> {
    return {
      kind: 'committees',
      title: '评委会',
      columns: [
        { key: 'name', header: '评委会名称', width: 36 },
        { key: 'regionCode', header: '行政区划代码', width: 14 },
        { key: 'level', header: '级别', width: 10 },
        { key: 'committeeClass', header: '类别', width: 10 },
        { key: 'issuingDelegated', header: '发证权限下放', width: 12 },
        { key: 'founders', header: '组建单位信用代码', width: 40 },
        { key: 'seriesCode', header: '职称系列代码', width: 12 },
        { key: 'professions', header: '评审专业及级别', width: 40 },
        { key: 'feeStandard', header: '收费标准', width: 30 },
      ],
      example: {
        name: '南京市工程技术中级职称评审委员会',
        regionCode: '320100',
        level: '市级',
        committeeClass: '中评会',
        issuingDelegated: '否',
        founders: '',
        seriesCode: 'GC',
        professions: 'GC01:中级、副高级；GC02:中级',
        feeStandard: '',
      },
      prepare: async () => ({
        regions: await this.ref.regionMap(),
        professions: new Set<string>((await this.ds.query('SELECT code FROM professions')).map((r: { code: string }) => r.code)),
        series: new Set<string>((await this.ds.query('SELECT code FROM title_series')).map((r: { code: string }) => r.code)),
        seen: new Set<string>(),
      }),
      validateChunk: async (rows: RawRow[], ctx, user): Promise<RowResult[]> => {
        const codes = [...new Set(rows.flatMap((r) => splitList(r.values.founders).map((c) => c.toUpperCase())))];
        const founders: { id: string; credit_code: string; region_code: string }[] = codes.length
          ? await this.ds.query('SELECT id, credit_code, region_code FROM organisations WHERE credit_code = ANY($1)', [codes])
          : [];
        const names = rows.map((r) => r.values.name).filter(Boolean);
        const taken = new Set<string>(
          names.length ? (await this.ds.query(`SELECT name FROM organisations WHERE type = 'committee' AND name = ANY($1)`, [names])).map((r: { name: string }) => r.name) : [],
        );
        const out: RowResult[] = [];
        for (const { rowNo, values: v } of rows) {
          const errors: string[] = [];
          if (!v.name) errors.push('评委会名称不能为空');
          else if (v.name.length > 200) errors.push('评委会名称不能超过200字');
          else if (taken.has(v.name)) errors.push('评委会名称已存在');
          else if (ctx.seen.has(v.name)) errors.push('评委会名称在文件中重复');
          const region = ctx.regions.get(v.regionCode ?? '');
          if (!v.regionCode) errors.push('行政区划代码不能为空');
          else if (!region) errors.push(`行政区划代码 ${v.regionCode} 不存在`);
          else if (!this.access.canSee(user, { id: '', regionCode: v.regionCode })) errors.push('所在地区不在您的管理范围内');
          if (v.level && !LEVEL_BY_LABEL.has(v.level)) errors.push('级别应为 省级、市级 或 县区级');
          const committeeClass = CLASS_BY_LABEL.get(v.committeeClass ?? '');
          if (!committeeClass) errors.push('类别应为 初评会、中评会 或 高评会');
          if (v.issuingDelegated && !['是', '否'].includes(v.issuingDelegated)) errors.push('发证权限下放应填 是 或 否');
          const founderIds: string[] = [];
          for (const code of splitList(v.founders).map((c) => c.toUpperCase())) {
            const f = founders.find((x) => x.credit_code === code);
            if (!f) errors.push(`组建单位 ${code} 未注册`);
            else if (!this.access.canSee(user, { id: f.id, regionCode: f.region_code })) errors.push(`组建单位 ${code} 不在您的管理范围内`);
            else founderIds.push(f.id);
          }
          const seriesCode = v.seriesCode || '';
          if (!seriesCode) errors.push('职称系列代码不能为空');
          else if (!ctx.series.has(seriesCode)) errors.push(`职称系列代码 ${seriesCode} 不存在`);
          const professions: { professionCode: string; titleLevel: TitleLevel; seriesCode: string }[] = [];
          for (const item of splitList(v.professions)) {
            const [code, levels] = item.split(/[:：]/).map((x) => x.trim());
            if (!code || !levels) {
              errors.push(`评审专业“${item}”格式应为 专业代码:级别、级别`);
              continue;
            }
            if (!ctx.professions.has(code)) errors.push(`专业代码 ${code} 不存在`);
            for (const l of levels.split(/[、,，]/).map((x) => x.trim()).filter(Boolean)) {
              const tl = TITLE_BY_LABEL.get(l);
              if (!tl) errors.push(`职称级别“${l}”有误`);
              else professions.push({ professionCode: code, titleLevel: tl, seriesCode });
            }
          }
          if (v.feeStandard && v.feeStandard.length > 5000) errors.push('收费标准不能超过5000字');
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
              level: LEVEL_BY_LABEL.get(v.level) ?? region!.level,
              committeeClass: committeeClass as CommitteeClass,
              issuingDelegated: v.issuingDelegated === '是',
              founderIds,
              professions,
              feeStandard: v.feeStandard || null,
            },
          });
        }
        return out;
      },
      commitChunk: async (rows, _user, m) => {
        for (const r of rows) {
          const org = await m.getRepository(Organisation).save({ name: r.name as string, type: OrgType.Committee, regionCode: r.regionCode as string, level: r.level as AdminLevel });
          await m.insert(Committee, { organisationId: org.id, committeeClass: r.committeeClass as CommitteeClass, issuingDelegated: r.issuingDelegated as boolean, feeStandard: r.feeStandard as string | null });
          await this.writeChildren(m, org.id, r as unknown as CommitteeDtoIn);
        }
      },
    };
  }

  /**
   * H-03: active committees that review the profession at the level, whose region covers the applicant's
   * region (a province committee covers its province, a city committee its city…), with an open 评审 batch.
   */
  async match(q: CommitteeMatchDto, now = clock.now()) {
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

function splitList(v: string | undefined): string[] {
  return (v ?? '').split(/[；;\n]/).map((x) => x.trim()).filter(Boolean);
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, EXPERT_STATUS_LABELS, maskIdCard, Role, TITLE_LEVEL_LABELS, type ExpertStatus } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { ExpertDeactivateDto, ExpertDtoIn, ExpertQueryDto, UpdateExpertDto } from './dto/experts.dto.js';
import { ExpertProfession } from './entities/expert-profession.entity.js';
import { Expert, type ExpertConflict } from './entities/expert.entity.js';
import { assertPasswordAcceptable } from '../../common/security/password-policy.js';

export interface ExpertItem {
  id: string;
  userId: string;
  username: string;
  realName: string;
  organisationId: string | null;
  organisationName: string | null;
  managedBy: string;
  managedByName: string;
  regionCode: string;
  titleLevel: string;
  titleName: string;
  titleId: string | null;
  status: ExpertStatus;
  conflicts: ExpertConflict[];
  professionCodes: string[];
  version: number;
}

/**
 * The expert pool (评委库). An entry belongs to the title office or committee that created it (`managed_by`);
 * a title office also sees (and manages) entries of the offices and committees in its region sub-tree,
 * a committee operator only its own. Creating an entry links an existing `expert` account or creates one.
 * Person conflicts keep only the masked ID card: the pool never stores a full ID number.
 */
@Injectable()
export class ExpertsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly crypto: CryptoService,
    private readonly ref: ReferenceService,
    private readonly excel: ExcelService,
  ) {}

  private query(user: AuthUser, q: Omit<ExpertQueryDto, 'page' | 'pageSize'>) {
    const qb = this.ds
      .getRepository(Expert)
      .createQueryBuilder('e')
      .innerJoin('organisations', 'mo', 'mo.id = e.managed_by')
      .innerJoin('users', 'u', 'u.id = e.user_id')
      .leftJoin('organisations', 'wo', 'wo.id = e.organisation_id')
      .addSelect(['u.username AS u_username', 'u.real_name AS u_real_name', 'mo.name AS mo_name', 'wo.name AS wo_name']);
    this.access.scopeQuery(qb, user, { orgId: 'e.managed_by', regionCode: 'mo.region_code' });
    if (q.keyword) qb.andWhere('(u.real_name ILIKE :kw OR u.username ILIKE :kw)', { kw: `%${q.keyword}%` });
    if (q.titleLevel) qb.andWhere('e.title_level = :tl', { tl: q.titleLevel });
    if (q.status) qb.andWhere('e.status = :st', { st: q.status });
    if (q.regionCode) qb.andWhere('e.region_code LIKE :rc', { rc: `${q.regionCode.replace(/(00)+$/, '')}%` });
    if (q.professionCode) qb.andWhere('EXISTS (SELECT 1 FROM expert_professions ep WHERE ep.expert_id = e.id AND ep.profession_code = :pc)', { pc: q.professionCode });
    qb.orderBy('e.created_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('e.id');
    return qb;
  }

  private async fetch(qb: ReturnType<ExpertsService['query']>): Promise<ExpertItem[]> {
    const { entities, raw } = await qb.getRawAndEntities();
    if (!entities.length) return [];
    const profs = await this.ds.getRepository(ExpertProfession).createQueryBuilder('p').where('p.expert_id = ANY(:ids)', { ids: entities.map((e) => e.id) }).getMany();
    return entities.map((e, i) => ({
      id: e.id,
      userId: e.userId,
      username: raw[i].u_username,
      realName: raw[i].u_real_name,
      organisationId: e.organisationId,
      organisationName: raw[i].wo_name ?? null,
      managedBy: e.managedBy,
      managedByName: raw[i].mo_name,
      regionCode: e.regionCode,
      titleLevel: e.titleLevel,
      titleName: e.titleName,
      titleId: e.titleId,
      status: e.status,
      conflicts: e.conflicts,
      professionCodes: profs.filter((p) => p.expertId === e.id).map((p) => p.professionCode),
      version: e.version,
    }));
  }

  async list(user: AuthUser, q: ExpertQueryDto) {
    const qb = this.query(user, q);
    const total = await qb.getCount();
    const items = await this.fetch(qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string): Promise<ExpertItem> {
    const [item] = await this.fetch(this.query(user, {}).andWhere('e.id = :id', { id }));
    if (!item) throw AppException.notFound('专家');
    return item;
  }

  async export(user: AuthUser, q: ExpertQueryDto, reply: FastifyReply) {
    const base = this.query(user, q);
    const rows = paged((offset, limit) => this.fetch(base.clone().offset(offset).limit(limit)));
    async function* mapped() {
      for await (const e of rows) {
        yield {
          realName: e.realName,
          username: e.username,
          organisationName: e.organisationName ?? '',
          regionCode: e.regionCode,
          titleLevel: TITLE_LEVEL_LABELS[e.titleLevel as keyof typeof TITLE_LEVEL_LABELS] ?? e.titleLevel,
          titleName: e.titleName,
          professions: e.professionCodes.join('；'),
          managedByName: e.managedByName,
          status: EXPERT_STATUS_LABELS[e.status],
          conflicts: e.conflicts.map((c) => c.name + (c.idCardMasked ? `（${c.idCardMasked}）` : '')).join('；'),
        };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '专家库.xlsx',
      [
        { key: 'realName', header: '姓名' },
        { key: 'username', header: '账号' },
        { key: 'organisationName', header: '工作单位', width: 36 },
        { key: 'regionCode', header: '行政区划代码' },
        { key: 'titleLevel', header: '职称级别' },
        { key: 'titleName', header: '职称名称' },
        { key: 'professions', header: '评审专业', width: 30 },
        { key: 'managedByName', header: '管理机构', width: 30 },
        { key: 'status', header: '状态' },
        { key: 'conflicts', header: '回避对象', width: 40 },
      ],
      mapped(),
    );
  }

  /** Checks the references of the form and normalises the declared conflicts. */
  private async checkInput(user: AuthUser, dto: ExpertDtoIn, m: EntityManager): Promise<ExpertConflict[]> {
    if (!user.organisationId) throw AppException.forbidden('只有职称办或评委会可以管理专家库');
    await this.ref.assertRegion(dto.regionCode);
    const prefix = this.access.regionPrefix(user);
    if (prefix !== null && !dto.regionCode.startsWith(prefix)) throw AppException.validation({ regionCode: '所在地区不在您的管理范围内' });
    const codes = [...new Set(dto.professionCodes)];
    const found: { code: string }[] = await m.query('SELECT code FROM professions WHERE code = ANY($1)', [codes]);
    const missing = codes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw AppException.validation({ professionCodes: `专业代码不存在：${missing.join('、')}` });
    if (dto.organisationId) {
      const rows: unknown[] = await m.query('SELECT 1 FROM organisations WHERE id = $1', [dto.organisationId]);
      if (!rows.length) throw AppException.validation({ organisationId: '工作单位不存在' });
    }
    const conflicts: ExpertConflict[] = [];
    for (const [i, c] of (dto.conflicts ?? []).entries()) {
      if (c.organisationId) {
        const rows: { name: string }[] = await m.query('SELECT name FROM organisations WHERE id = $1', [c.organisationId]);
        if (!rows.length) throw AppException.validation({ [`conflicts.${i}.organisationId`]: '回避单位不存在' });
        conflicts.push({ organisationId: c.organisationId, name: rows[0].name, reason: c.reason?.trim() || undefined });
      } else {
        conflicts.push({ name: c.name!.trim(), idCardMasked: c.idCard ? maskIdCard(c.idCard.toUpperCase()) : undefined, reason: c.reason?.trim() || undefined });
      }
    }
    return conflicts;
  }

  private async writeProfessions(m: EntityManager, id: string, codes: string[]) {
    await m.delete(ExpertProfession, { expertId: id });
    await m.insert(ExpertProfession, [...new Set(codes)].map((professionCode) => ({ expertId: id, professionCode })));
  }

  async create(user: AuthUser, dto: ExpertDtoIn) {
    if (dto.account) assertPasswordAcceptable(dto.account.password, dto.account, 'account.password');
    const passwordHash = dto.account ? await this.crypto.hashPassword(dto.account.password) : null;
    const id = await this.ds.transaction(async (m) => {
      const conflicts = await this.checkInput(user, dto, m);
      let userId: string;
      if (dto.account) {
        const a = dto.account;
        if (await m.getRepository(User).exists({ where: { username: a.username } })) {
          throw new AppException(409, ErrorCode.UsernameTaken, '该用户名已被使用', { 'account.username': '该用户名已被使用' });
        }
        const u = await m.getRepository(User).save({
          username: a.username,
          role: Role.Expert,
          organisationId: dto.organisationId ?? null,
          realName: a.realName.trim(),
          mobileEnc: this.crypto.encrypt(a.mobile),
          mobileHash: this.crypto.blindIndex(a.mobile),
          passwordHash: passwordHash!,
          mustChangePassword: true,
        });
        await this.audit.record({ actor: user, action: 'account.create_expert', targetType: 'user', targetId: u.id, after: { username: u.username, role: u.role } }, m);
        userId = u.id;
      } else {
        const u = await m.getRepository(User).findOne({ where: { id: dto.userId! } });
        if (!u) throw AppException.validation({ userId: '专家账号不存在' });
        if (u.role !== Role.Expert) throw AppException.validation({ userId: '只能关联评审专家角色的账号' });
        if (await m.getRepository(Expert).exists({ where: { userId: u.id } })) throw AppException.conflict('该账号已在专家库中');
        userId = u.id;
      }
      const e = await m.getRepository(Expert).save({
        userId,
        organisationId: dto.organisationId ?? null,
        managedBy: user.organisationId!,
        regionCode: dto.regionCode,
        titleLevel: dto.titleLevel,
        titleName: dto.titleName.trim(),
        titleId: dto.titleId ?? null,
        status: 'active' as const,
        conflicts,
      });
      await this.writeProfessions(m, e.id, dto.professionCodes);
      await this.audit.record({ actor: user, action: 'expert.create', targetType: 'expert', targetId: e.id, after: { ...dto, account: dto.account ? { username: dto.account.username } : undefined, conflicts } }, m);
      return e.id;
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, id: string, dto: UpdateExpertDto) {
    const before = await this.get(user, id);
    await this.ds.transaction(async (m) => {
      const conflicts = await this.checkInput(user, dto, m);
      const res = await m
        .createQueryBuilder()
        .update(Expert)
        .set({
          organisationId: dto.organisationId ?? null,
          regionCode: dto.regionCode,
          titleLevel: dto.titleLevel,
          titleName: dto.titleName.trim(),
          titleId: dto.titleId ?? null,
          conflicts: () => ':conflicts::jsonb',
          ...(dto.status ? { status: dto.status } : {}),
        })
        .setParameter('conflicts', JSON.stringify(conflicts))
        .where('id = :id AND version = :v', { id, v: dto.version })
        .execute();
      if (!res.affected) throw AppException.conflict('该专家信息已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await this.writeProfessions(m, id, dto.professionCodes);
      await this.audit.record({ actor: user, action: 'expert.update', targetType: 'expert', targetId: id, before: before as unknown as Record<string, unknown>, after: { ...dto, account: undefined, conflicts } }, m);
    });
    return this.get(user, id);
  }

  /** Takes an expert out of the draw: suspended (temporarily) or retired (default). */
  async deactivate(user: AuthUser, id: string, dto: ExpertDeactivateDto) {
    const before = await this.get(user, id);
    const status = dto.status ?? 'retired';
    if (before.status === status) throw AppException.conflict(`该专家已是“${EXPERT_STATUS_LABELS[status]}”状态`);
    await this.ds.transaction(async (m) => {
      const res = await m.createQueryBuilder().update(Expert).set({ status }).where('id = :id AND version = :v', { id, v: dto.version }).execute();
      if (!res.affected) throw AppException.conflict('该专家信息已被他人修改，请刷新后重试', ErrorCode.StaleVersion);
      await this.audit.record({ actor: user, action: 'expert.deactivate', targetType: 'expert', targetId: id, before: { status: before.status }, after: { status } }, m);
    });
    return this.get(user, id);
  }
}

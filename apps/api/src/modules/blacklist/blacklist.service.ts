import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ErrorCode, chinaDayStart, formatChinaDate, maskIdCard, normalizeIdCard, validateIdCard } from '@zhicheng/contracts';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ExcelService, paged } from '../../common/excel/excel.service.js';
import { AccessService } from '../../common/access/access.service.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { BlacklistEntry } from './entities/blacklist-entry.entity.js';
import type { BlacklistQueryDto, CreateBlacklistDto, LiftBlacklistDto, UpdateBlacklistDto } from './dto/blacklist.dto.js';
import { clock } from '../../common/clock/clock.service.js';

export interface BlacklistDto {
  id: string;
  realName: string;
  idCard: string;
  reason: string;
  source: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'lifted' | 'expired';
  liftReason: string | null;
  declarationId: string | null;
  createdAt: string;
  version: number;
}

const today = () => clock.today();

@Injectable()
export class BlacklistService {
  constructor(
    private readonly ds: DataSource,
    private readonly crypto: CryptoService,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly excel: ExcelService,
  ) {}

  toDto(e: BlacklistEntry): BlacklistDto {
    const expired = e.status === 'active' && e.endsOn < today();
    return {
      id: e.id,
      realName: e.realName,
      idCard: maskIdCard(this.crypto.decrypt(e.idCardEnc)),
      reason: e.reason,
      source: e.source,
      startsOn: e.startsOn,
      endsOn: e.endsOn,
      status: expired ? 'expired' : e.status,
      liftReason: e.liftReason,
      declarationId: e.declarationId,
      createdAt: e.createdAt.toISOString(),
      version: e.version,
    };
  }

  /** The active entry barring this person today, if any (used by declaration submission and audit pages). */
  async activeFor(idCardHash: string, manager: EntityManager = this.ds.manager): Promise<BlacklistEntry | null> {
    return manager
      .getRepository(BlacklistEntry)
      .createQueryBuilder('b')
      .where('b.id_card_hash = :h AND b.status = :s AND b.starts_on <= :today AND b.ends_on >= :today', { h: idCardHash, s: 'active', today: today() })
      .orderBy('b.ends_on', 'DESC')
      .getOne();
  }

  /** Refuses with a clear message when the person is on the blacklist today. */
  async assertNotBlacklisted(idCardHash: string, manager?: EntityManager): Promise<void> {
    const e = await this.activeFor(idCardHash, manager);
    if (e) {
      throw new AppException(403, ErrorCode.Forbidden, `您已被列入职称申报黑名单（${e.startsOn} 至 ${e.endsOn}），期间不能申报。原因：${e.reason}`);
    }
  }

  private checkPeriod(startsOn: string, endsOn: string): void {
    if (endsOn < startsOn) throw AppException.validation({ endsOn: '结束日期不能早于开始日期' });
  }

  async create(actor: AuthUser, dto: CreateBlacklistDto): Promise<BlacklistDto> {
    this.checkPeriod(dto.startsOn, dto.endsOn);
    const idCard = normalizeIdCard(dto.idCard);
    const hash = this.crypto.blindIndex(idCard);
    return this.ds.transaction(async (m) => {
      if (await this.activeFor(hash, m)) throw AppException.conflict('该人员已在黑名单有效期内，请编辑现有记录');
      const user = await m.getRepository(User).findOne({ where: { idCardHash: hash } });
      const e = await m.getRepository(BlacklistEntry).save({
        realName: dto.realName.trim(),
        idCardEnc: this.crypto.encrypt(idCard),
        idCardHash: hash,
        userId: user?.id ?? null,
        reason: dto.reason.trim(),
        source: dto.source,
        declarationId: dto.declarationId ?? null,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        organisationId: actor.organisationId,
        createdBy: actor.id,
      });
      await this.audit.record(
        { actor, action: 'blacklist.add', targetType: 'blacklist', targetId: e.id, after: { realName: e.realName, idCard: maskIdCard(idCard), reason: e.reason, startsOn: e.startsOn, endsOn: e.endsOn } },
        m,
      );
      return this.toDto(e);
    });
  }

  private async loadScoped(actor: AuthUser, id: string, m: EntityManager): Promise<BlacklistEntry> {
    const e = await m.getRepository(BlacklistEntry).findOne({ where: { id } });
    if (!e) throw AppException.notFound('黑名单记录');
    if (e.organisationId) await this.access.assertOrgInScope(actor, e.organisationId, m);
    return e;
  }

  async get(actor: AuthUser, id: string): Promise<BlacklistDto> {
    return this.toDto(await this.loadScoped(actor, id, this.ds.manager));
  }

  async update(actor: AuthUser, id: string, dto: UpdateBlacklistDto): Promise<BlacklistDto> {
    return this.ds.transaction(async (m) => {
      const e = await this.loadScoped(actor, id, m);
      if (e.version !== dto.version) throw AppException.conflict('记录已被他人修改，请刷新后重试');
      if (e.status !== 'active') throw AppException.conflict('已解除的记录不能编辑');
      const before = { reason: e.reason, source: e.source, startsOn: e.startsOn, endsOn: e.endsOn };
      Object.assign(e, {
        ...(dto.reason !== undefined ? { reason: dto.reason.trim() } : {}),
        ...(dto.source !== undefined ? { source: dto.source } : {}),
        ...(dto.startsOn !== undefined ? { startsOn: dto.startsOn } : {}),
        ...(dto.endsOn !== undefined ? { endsOn: dto.endsOn } : {}),
      });
      this.checkPeriod(e.startsOn, e.endsOn);
      const saved = await m.getRepository(BlacklistEntry).save(e);
      await this.audit.record({ actor, action: 'blacklist.edit', targetType: 'blacklist', targetId: e.id, before, after: { reason: e.reason, source: e.source, startsOn: e.startsOn, endsOn: e.endsOn } }, m);
      return this.toDto(saved);
    });
  }

  async lift(actor: AuthUser, id: string, dto: LiftBlacklistDto): Promise<BlacklistDto> {
    return this.ds.transaction(async (m) => {
      const e = await this.loadScoped(actor, id, m);
      if (e.version !== dto.version) throw AppException.conflict('记录已被他人修改，请刷新后重试');
      if (e.status === 'lifted') throw AppException.conflict('该记录已解除');
      e.status = 'lifted';
      e.liftReason = dto.reason.trim();
      const saved = await m.getRepository(BlacklistEntry).save(e);
      await this.audit.record({ actor, action: 'blacklist.lift', targetType: 'blacklist', targetId: e.id, before: { status: 'active' }, after: { status: 'lifted', reason: e.liftReason } }, m);
      return this.toDto(saved);
    });
  }

  query(actor: AuthUser, q: BlacklistQueryDto): SelectQueryBuilder<BlacklistEntry> {
    const qb = this.ds.getRepository(BlacklistEntry).createQueryBuilder('b').leftJoin('organisations', 'o', 'o.id = b.organisation_id');
    this.access.scopeQuery(qb, actor, { orgId: 'b.organisation_id', regionCode: 'o.region_code' });
    const kw = q.keyword?.trim();
    if (kw) {
      const id = normalizeIdCard(kw);
      if (validateIdCard(id) === null) qb.andWhere('b.id_card_hash = :h', { h: this.crypto.blindIndex(id) });
      else qb.andWhere('b.real_name LIKE :kw', { kw: `%${kw}%` });
    }
    if (q.status === 'active') qb.andWhere("b.status = 'active' AND b.ends_on >= :today", { today: today() });
    if (q.status === 'expired') qb.andWhere("b.status = 'active' AND b.ends_on < :today", { today: today() });
    if (q.status === 'lifted') qb.andWhere("b.status = 'lifted'");
    if (q.year) qb.andWhere('b.created_at >= :y0 AND b.created_at < :y1', { y0: chinaDayStart(`${Number(q.year)}-01-01`), y1: chinaDayStart(`${Number(q.year) + 1}-01-01`) });
    return qb.orderBy('b.created_at', q.order === 'asc' ? 'ASC' : 'DESC').addOrderBy('b.id', 'ASC');
  }

  async list(actor: AuthUser, q: BlacklistQueryDto) {
    const [rows, total] = await this.query(actor, q).skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: rows.map((e) => this.toDto(e)), total, page: q.page, pageSize: q.pageSize };
  }

  /** B-05: the current query as .xlsx, streamed page by page; ID numbers stay masked. */
  async export(actor: AuthUser, q: BlacklistQueryDto, reply: FastifyReply) {
    const STATUS = { active: '有效', lifted: '已解除', expired: '已到期' } as const;
    const rows = paged((offset, limit) => this.query(actor, q).skip(offset).take(limit).getMany());
    const self = this;
    async function* mapped() {
      for await (const e of rows) {
        const d = self.toDto(e);
        yield { realName: d.realName, idCard: d.idCard, reason: d.reason, source: d.source, startsOn: d.startsOn, endsOn: d.endsOn, status: STATUS[d.status], liftReason: d.liftReason ?? '', createdAt: formatChinaDate(d.createdAt) };
      }
    }
    return this.excel.streamXlsx(
      reply,
      '黑名单.xlsx',
      [
        { key: 'realName', header: '姓名', width: 12 },
        { key: 'idCard', header: '身份证号', width: 22 },
        { key: 'reason', header: '列入原因', width: 40 },
        { key: 'source', header: '来源', width: 12 },
        { key: 'startsOn', header: '开始日期', width: 12 },
        { key: 'endsOn', header: '结束日期', width: 12 },
        { key: 'status', header: '状态', width: 10 },
        { key: 'liftReason', header: '解除原因', width: 30 },
        { key: 'createdAt', header: '列入日期', width: 12 },
      ],
      mapped(),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Organisation } from '../organisations/entities/organisation.entity.js';
import { Notice } from './entities/notice.entity.js';
import type { CreateNoticeDto, NoticeQueryDto, UpdateNoticeDto } from './dto/notice.dto.js';
import { addDays, chinaDayStart } from '@zhicheng/contracts';

export interface NoticeDto {
  id: string;
  type: 'announcement' | 'policy';
  title: string;
  body: string;
  audience: string[];
  status: string;
  publishedAt: string | null;
  publisherName: string | null;
  version: number;
}

@Injectable()
export class NoticesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
  ) {}

  toDto(n: Notice): NoticeDto {
    return {
      id: n.id,
      type: n.type,
      title: n.title,
      body: n.body,
      audience: n.audience,
      status: n.status,
      publishedAt: n.publishedAt ? n.publishedAt.toISOString() : null,
      publisherName: n.publisherName,
      version: n.version,
    };
  }

  /** Published notices visible to an audience (anonymous: `public` only). */
  async published(q: NoticeQueryDto, roles: string[]) {
    const qb = this.ds
      .getRepository(Notice)
      .createQueryBuilder('n')
      .where("n.status = 'published'")
      .andWhere('n.audience && :roles', { roles });
    if (q.type) qb.andWhere('n.type = :type', { type: q.type });
    if (q.keyword) qb.andWhere('n.title LIKE :kw', { kw: `%${q.keyword}%` });
    if (q.from) qb.andWhere('n.published_at >= :from', { from: `${q.from}T00:00:00+08:00` });
    if (q.to) qb.andWhere('n.published_at < :to', { to: chinaDayStart(addDays(q.to, 1)) });
    qb.orderBy('n.published_at', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((n) => this.toDto(n)), total, page: q.page, pageSize: q.pageSize };
  }

  async publishedOne(id: string, roles: string[]): Promise<NoticeDto> {
    const n = await this.ds
      .getRepository(Notice)
      .createQueryBuilder('n')
      .where("n.id = :id AND n.status = 'published' AND n.audience && :roles", { id, roles })
      .getOne();
    if (!n) throw AppException.notFound('公告');
    return this.toDto(n);
  }

  async adminList(actor: AuthUser, q: NoticeQueryDto) {
    const qb = this.ds.getRepository(Notice).createQueryBuilder('n').leftJoin('organisations', 'o', 'o.id = n.organisation_id');
    this.access.scopeQuery(qb, actor, { orgId: 'n.organisation_id', regionCode: 'o.region_code' });
    if (q.type) qb.andWhere('n.type = :type', { type: q.type });
    if (q.status) qb.andWhere('n.status = :status', { status: q.status });
    if (q.keyword) qb.andWhere('n.title LIKE :kw', { kw: `%${q.keyword}%` });
    qb.orderBy('n.created_at', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((n) => this.toDto(n)), total, page: q.page, pageSize: q.pageSize };
  }

  async create(actor: AuthUser, dto: CreateNoticeDto): Promise<NoticeDto> {
    if (dto.audience.length === 0) throw AppException.validation({ audience: '请选择发布对象' });
    return this.ds.transaction(async (m) => {
      const org = actor.organisationId ? await m.getRepository(Organisation).findOne({ where: { id: actor.organisationId } }) : null;
      const status = dto.status ?? 'published';
      const n = await m.getRepository(Notice).save({
        type: dto.type,
        title: dto.title.trim(),
        body: dto.body,
        audience: dto.audience,
        status,
        publishedAt: status === 'published' ? new Date() : null,
        organisationId: actor.organisationId,
        publisherName: org?.name ?? null,
      });
      await this.audit.record({ actor, action: 'notice.create', targetType: 'notice', targetId: n.id, after: { title: n.title, status, audience: n.audience } }, m);
      return this.toDto(n);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateNoticeDto): Promise<NoticeDto> {
    return this.ds.transaction(async (m) => {
      const n = await m.getRepository(Notice).findOne({ where: { id } });
      if (!n) throw AppException.notFound('公告');
      if (n.organisationId) await this.access.assertOrgInScope(actor, n.organisationId, m);
      if (n.version !== dto.version) throw AppException.conflict('公告已被他人修改，请刷新后重试');
      const before = { title: n.title, status: n.status, audience: n.audience };
      if (dto.title !== undefined) n.title = dto.title.trim();
      if (dto.body !== undefined) n.body = dto.body;
      if (dto.audience !== undefined) {
        if (dto.audience.length === 0) throw AppException.validation({ audience: '请选择发布对象' });
        n.audience = dto.audience;
      }
      if (dto.status !== undefined && dto.status !== n.status) {
        n.status = dto.status;
        if (dto.status === 'published') n.publishedAt = new Date();
      }
      const saved = await m.getRepository(Notice).save(n);
      await this.audit.record({ actor, action: 'notice.update', targetType: 'notice', targetId: n.id, before, after: { title: n.title, status: n.status, audience: n.audience } }, m);
      return this.toDto(saved);
    });
  }
}

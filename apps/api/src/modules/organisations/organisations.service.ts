import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { Organisation } from './entities/organisation.entity.js';

export interface OrgSearch {
  page: number;
  pageSize: number;
  keyword?: string;
  type?: string;
  regionCode?: string;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Organisations in the caller's scope, filtered on the server. */
  async list(user: AuthUser, q: OrgSearch) {
    const qb = this.ds.getRepository(Organisation).createQueryBuilder('o');
    this.access.scopeQuery(qb, user, { orgId: 'o.id', regionCode: 'o.region_code' });
    if (q.keyword) qb.andWhere('(o.name ILIKE :kw OR o.credit_code = :code)', { kw: `%${q.keyword}%`, code: q.keyword.toUpperCase() });
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.regionCode) qb.andWhere('o.region_code LIKE :rc', { rc: `${q.regionCode.replace(/0+$/, '')}%` });
    qb.orderBy('o.region_code', 'ASC').addOrderBy('o.name', 'ASC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items: items.map((o) => this.toDto(o)), total, page: q.page, pageSize: q.pageSize };
  }

  toDto(o: Organisation) {
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
    };
  }
}

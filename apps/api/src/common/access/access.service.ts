import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Role, SUBTREE_ROLES } from '@zhicheng/contracts';
import type { AuthUser } from '../auth/auth-user.js';
import { AppException } from '../errors/app.exception.js';

/**
 * The one place that decides which organisations a back-office user may see and act for.
 * Every query of organisation-scoped data goes through `scopeQuery` or `assertOrgInScope`.
 * Rule: a user acts for their own organisation; a title-office admin also for every organisation
 * in their region's sub-tree (province: 2-digit prefix, city: 4-digit, county: the 6-digit code).
 */
@Injectable()
export class AccessService {
  constructor(private readonly ds: DataSource) {}

  /** The region-code prefix of the user's sub-tree, or null when they see only their own organisation. */
  regionPrefix(user: AuthUser): string | null {
    if (!SUBTREE_ROLES.includes(user.role) || !user.regionCode) return null;
    switch (user.orgLevel) {
      case 'province':
        return user.regionCode.slice(0, 2);
      case 'city':
        return user.regionCode.slice(0, 4);
      default:
        return user.regionCode;
    }
  }

  canSee(user: AuthUser, org: { id: string; regionCode: string }): boolean {
    if (user.organisationId && org.id === user.organisationId) return true;
    const prefix = this.regionPrefix(user);
    return prefix !== null && org.regionCode.startsWith(prefix);
  }

  /** Restricts a query to rows whose organisation is in the user's scope. */
  scopeQuery<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    user: AuthUser,
    cols: { orgId: string; regionCode?: string },
  ): SelectQueryBuilder<T> {
    const prefix = this.regionPrefix(user);
    if (prefix !== null && cols.regionCode) {
      return qb.andWhere(`(${cols.orgId} = :scopeOrg OR ${cols.regionCode} LIKE :scopePrefix)`, {
        scopeOrg: user.organisationId,
        scopePrefix: `${prefix}%`,
      });
    }
    if (!user.organisationId) return qb.andWhere('1 = 0');
    return qb.andWhere(`${cols.orgId} = :scopeOrg`, { scopeOrg: user.organisationId });
  }

  /**
   * A-30: the declarations a back-office user may count and list, as a SQL condition over the given columns (its
   * parameters appended to `params`): a title office those of its region's sub-tree and what waits at its own node;
   * a committee or acceptance institution those it reviews; a supervising department those of the units it
   * supervises and what waits at its node; anyone else none.
   */
  declarationScopeSql(
    user: AuthUser,
    params: unknown[],
    cols: { regionCode: string; committeeId: string; supervisingDeptId: string; nodeOrgId?: string },
  ): string {
    const org = user.organisationId;
    if (!org) return '1 = 0';
    let ownRef: string | undefined;
    // the user's organisation as a parameter, added once and only where the condition uses it
    const own = () => (ownRef ??= `$${params.push(org)}`);
    const atNode = () => (cols.nodeOrgId ? ` OR ${cols.nodeOrgId} = ${own()}` : '');
    const prefix = this.regionPrefix(user);
    if (prefix !== null) return `(${cols.regionCode} LIKE $${params.push(`${prefix}%`)}${atNode()})`;
    if (user.role === Role.CommitteeOperator || user.role === Role.AcceptanceOperator) return `${cols.committeeId} = ${own()}`;
    if (user.role === Role.DeptOperator) return `(${cols.supervisingDeptId} = ${own()}${atNode()})`;
    return '1 = 0';
  }

  /**
   * Throws 404 when the organisation does not exist, 403 when it is outside the user's scope.
   * Inside a transaction pass its manager (the embedded database serialises transactions, so a query on
   * another connection would wait for ever).
   */
  async assertOrgInScope(user: AuthUser, orgId: string, manager: EntityManager = this.ds.manager): Promise<{ id: string; regionCode: string }> {
    const rows: { id: string; region_code: string }[] = await manager.query(
      'SELECT id, region_code FROM organisations WHERE id = $1',
      [orgId],
    );
    const row = rows[0];
    if (!row) throw AppException.notFound('机构');
    const org = { id: row.id, regionCode: row.region_code };
    if (!this.canSee(user, org)) throw AppException.outOfScope();
    return org;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DECLARATION_KIND_LABELS, OrgType, Role, TITLE_LEVEL_LABELS, type DeclarationKind, type Page, type TitleLevel } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { COMMITTEE_FACTS, type CommitteeFacts } from './committee-facts.js';
import { AuditEdge, type EdgeSource } from './entities/audit-edge.entity.js';
import { PathResolverService, type ResolveInput } from './path-resolver.service.js';

export interface EdgeScope {
  kind: DeclarationKind;
  seriesCode: string;
  titleLevel: TitleLevel;
}

/** One audit edge (a path application or a configured path) as the API answers it (EDGE_SELECT). */
export interface AuditEdgeView extends EdgeScope {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  source: EdgeSource;
  lowerOrgId: string;
  lowerOrgName: string;
  lowerOrgType: OrgType;
  lowerRegionCode: string;
  upperOrgId: string;
  upperOrgName: string;
  upperOrgType: OrgType;
  upperRegionCode: string;
  appliedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  version: number;
}

/** C-11: one scope with approved edges into a committee, and whether its confirmation is current. */
export interface LevelConfirmationView extends EdgeScope {
  edges: number;
  changedAt: Date;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  confirmed: boolean;
}

interface OrgRow {
  id: string;
  name: string;
  type: OrgType;
  region_code: string;
  level: string | null;
}

/** Organisation types that may be the upper end of an edge (units report to departments, offices, committees…). */
const UPPER_TYPES: OrgType[] = [OrgType.AdminDept, OrgType.IndustryDept, OrgType.TitleOffice, OrgType.AcceptanceInstitution, OrgType.Committee];

const EDGE_SELECT = `
  SELECT e.id, e.kind, e.series_code AS "seriesCode", e.title_level AS "titleLevel", e.status, e.reason, e.source,
         e.lower_org_id AS "lowerOrgId", lo.name AS "lowerOrgName", lo.type AS "lowerOrgType", lo.region_code AS "lowerRegionCode",
         e.upper_org_id AS "upperOrgId", uo.name AS "upperOrgName", uo.type AS "upperOrgType", uo.region_code AS "upperRegionCode",
         e.applied_by AS "appliedBy", e.reviewed_by AS "reviewedBy", e.reviewed_at AS "reviewedAt", e.created_at AS "createdAt", e.version
    FROM audit_edges e
    JOIN organisations lo ON lo.id = e.lower_org_id
    JOIN organisations uo ON uo.id = e.upper_org_id`;

/**
 * Path applications and reviews (U-07, U-08, U-09), title-office configuration (A-04), committee
 * subordinates and confirmation (C-10, C-11) and the diagnosis views (A-23).
 */
@Injectable()
export class AuditTreeService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly auditLog: AuditLogService,
    private readonly resolver: PathResolverService,
    @Inject(COMMITTEE_FACTS) private readonly facts: CommitteeFacts,
  ) {}

  // ---- helpers ---------------------------------------------------------------------------

  async org(id: string, m: EntityManager = this.ds.manager): Promise<OrgRow> {
    const rows: OrgRow[] = await m.query('SELECT id, name, type, region_code, level FROM organisations WHERE id = $1', [id]);
    if (!rows[0]) throw AppException.notFound('机构');
    return rows[0];
  }

  /** AccessService's rule, evaluated on the transaction's connection (avoids a second connection inside a transaction). */
  private async assertInScope(user: AuthUser, orgId: string, m: EntityManager): Promise<OrgRow> {
    const org = await this.org(orgId, m);
    if (!this.access.canSee(user, { id: org.id, regionCode: org.region_code })) throw AppException.outOfScope();
    return org;
  }

  private scopeText(s: EdgeScope): string {
    return `${DECLARATION_KIND_LABELS[s.kind]}·${s.seriesCode}·${TITLE_LEVEL_LABELS[s.titleLevel]}`;
  }

  private async edgeView(id: string, m: EntityManager = this.ds.manager): Promise<AuditEdgeView> {
    const rows: AuditEdgeView[] = await m.query(`${EDGE_SELECT} WHERE e.id = $1`, [id]);
    return rows[0];
  }

  private async page(where: string, params: unknown[], q: { page: number; pageSize: number; order?: 'asc' | 'desc' }): Promise<Page<AuditEdgeView>> {
    const countRows: { n: string }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM audit_edges e JOIN organisations lo ON lo.id = e.lower_org_id JOIN organisations uo ON uo.id = e.upper_org_id WHERE ${where}`,
      params,
    );
    const n = params.length;
    const items: AuditEdgeView[] = await this.ds.query(
      `${EDGE_SELECT} WHERE ${where} ORDER BY e.created_at ${q.order === 'asc' ? 'ASC' : 'DESC'}, e.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, total: Number(countRows[0].n), page: q.page, pageSize: q.pageSize };
  }

  private filters(q: Partial<EdgeScope> & { status?: string }, params: unknown[]): string[] {
    const w: string[] = [];
    if (q.status) w.push(`e.status = $${params.push(q.status)}`);
    if (q.kind) w.push(`e.kind = $${params.push(q.kind)}`);
    if (q.seriesCode) w.push(`e.series_code = $${params.push(q.seriesCode)}`);
    if (q.titleLevel) w.push(`e.title_level = $${params.push(q.titleLevel)}`);
    return w;
  }

  /** Refuses a second approved upper for the same (lower, scope): "the unique path". */
  private async assertNoApprovedUpper(m: EntityManager, lowerOrgId: string, s: EdgeScope, exceptId?: string) {
    const rows: { name: string }[] = await m.query(
      `SELECT uo.name FROM audit_edges e JOIN organisations uo ON uo.id = e.upper_org_id
        WHERE e.lower_org_id = $1 AND e.kind = $2 AND e.series_code = $3 AND e.title_level = $4 AND e.status = 'approved'
          ${exceptId ? 'AND e.id <> $5' : ''}`,
      exceptId ? [lowerOrgId, s.kind, s.seriesCode, s.titleLevel, exceptId] : [lowerOrgId, s.kind, s.seriesCode, s.titleLevel],
    );
    if (rows[0]) {
      throw AppException.conflict(`该机构在${this.scopeText(s)}下已有生效的上级“${rows[0].name}”，审核路径必须唯一，请先删除原路径`, 'PATH_NOT_UNIQUE');
    }
  }

  // ---- U-07 / U-08 path application, U-09 review ----------------------------------------------

  async apply(user: AuthUser, dto: EdgeScope & { upperOrgId: string }) {
    if (!user.organisationId) throw AppException.forbidden('您的账号未关联机构，不能申请审核路径');
    const lowerId = user.organisationId;
    if (dto.upperOrgId === lowerId) throw AppException.validation({ upperOrgId: '上报单位不能是本单位' });
    return this.ds.transaction(async (m) => {
      const upper = await this.org(dto.upperOrgId, m);
      if (!UPPER_TYPES.includes(upper.type)) throw AppException.validation({ upperOrgId: '上报单位应为主管部门、职称办、受理机构或评委会' });
      const dup = await m.query(
        `SELECT status FROM audit_edges WHERE lower_org_id = $1 AND upper_org_id = $2 AND kind = $3 AND series_code = $4 AND title_level = $5
            AND status IN ('pending', 'approved') LIMIT 1`,
        [lowerId, upper.id, dto.kind, dto.seriesCode, dto.titleLevel],
      );
      if (dup[0]) throw AppException.conflict(dup[0].status === 'approved' ? '该路径已生效，无需重复申请' : '已提交相同的路径申请，请等待审核', 'PATH_DUPLICATE');
      await this.assertNoApprovedUpper(m, lowerId, dto);
      const saved = await m.getRepository(AuditEdge).save({
        kind: dto.kind,
        seriesCode: dto.seriesCode,
        titleLevel: dto.titleLevel,
        lowerOrgId: lowerId,
        upperOrgId: upper.id,
        status: 'pending',
        source: 'application',
        appliedBy: user.id,
      });
      await this.auditLog.record(
        { actor: user, action: upper.type === OrgType.Committee ? 'audit-path.apply-committee' : 'audit-path.apply', targetType: 'audit_edge', targetId: saved.id, after: { ...dto, lowerOrgId: lowerId } },
        m,
      );
      return this.edgeView(saved.id, m);
    });
  }

  async myApplications(user: AuthUser, q: { page: number; pageSize: number; order?: 'asc' | 'desc' } & Partial<EdgeScope> & { status?: string }): Promise<Page<AuditEdgeView>> {
    if (!user.organisationId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [user.organisationId];
    const w = ['e.lower_org_id = $1', ...this.filters(q, params)];
    return this.page(w.join(' AND '), params, q);
  }

  /** Applications whose upper is in the caller's scope (their own organisation; an office also its sub-tree). */
  toReview(user: AuthUser, q: { page: number; pageSize: number; order?: 'asc' | 'desc' } & Partial<EdgeScope> & { status?: string }) {
    const params: unknown[] = [];
    const w = [`e.source = 'application'`, ...this.filters({ ...q, status: q.status ?? 'pending' }, params), this.scopeSql(user, 'uo', params)];
    return this.page(w.join(' AND '), params, q);
  }

  /** SQL form of AccessService's rule for raw queries over an organisation alias. */
  private scopeSql(user: AuthUser, alias: string, params: unknown[]): string {
    const prefix = this.access.regionPrefix(user);
    if (prefix !== null) return `(${alias}.id = $${params.push(user.organisationId)} OR ${alias}.region_code LIKE $${params.push(`${prefix}%`)})`;
    if (!user.organisationId) return '1 = 0';
    return `${alias}.id = $${params.push(user.organisationId)}`;
  }

  async review(user: AuthUser, id: string, decision: { approve: true } | { approve: false; reason: string }) {
    return this.ds.transaction(async (m) => {
      const edge = await m.getRepository(AuditEdge).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!edge || edge.source !== 'application') throw AppException.notFound('路径申请');
      await this.assertInScope(user, edge.upperOrgId, m);
      if (edge.status !== 'pending') throw AppException.conflict('该路径申请已审核，请刷新后查看', 'PATH_ALREADY_REVIEWED');
      const before = { status: edge.status };
      if (decision.approve) await this.assertNoApprovedUpper(m, edge.lowerOrgId, edge, edge.id);
      edge.status = decision.approve ? 'approved' : 'rejected';
      edge.reason = decision.approve ? null : decision.reason.trim();
      edge.reviewedBy = user.id;
      edge.reviewedAt = new Date();
      await m.getRepository(AuditEdge).save(edge);
      await this.auditLog.record(
        { actor: user, action: decision.approve ? 'audit-path.approve' : 'audit-path.reject', targetType: 'audit_edge', targetId: id, before, after: { status: edge.status, reason: edge.reason } },
        m,
      );
      return this.edgeView(id, m);
    });
  }

  // ---- A-04 configuration by the title office, C-10 committee subordinates ---------------------

  /** A-04: a configured edge, answered as the list shows it. */
  async createEdge(user: AuthUser, dto: EdgeScope & { lowerOrgId: string; upperOrgId: string }, source: EdgeSource): Promise<AuditEdgeView> {
    const saved = await this.ds.transaction((tx) => this.insertEdge(user, dto, source, tx));
    return this.edgeView(saved.id);
  }

  /** Inserts an approved edge inside the caller's transaction (configuration and the Excel import). */
  async insertEdge(user: AuthUser, dto: EdgeScope & { lowerOrgId: string; upperOrgId: string }, source: EdgeSource, tx: EntityManager): Promise<AuditEdge> {
    await this.assertInScope(user, dto.lowerOrgId, tx);
    if (dto.lowerOrgId === dto.upperOrgId) throw AppException.validation({ upperOrgId: '上级机构不能是下级机构本身' });
    const upper = await this.org(dto.upperOrgId, tx);
    if (!UPPER_TYPES.includes(upper.type)) throw AppException.validation({ upperOrgId: '上级机构应为主管部门、职称办、受理机构或评委会' });
    await this.assertNoApprovedUpper(tx, dto.lowerOrgId, dto);
    const saved = await tx.getRepository(AuditEdge).save({
      kind: dto.kind,
      seriesCode: dto.seriesCode,
      titleLevel: dto.titleLevel,
      lowerOrgId: dto.lowerOrgId,
      upperOrgId: dto.upperOrgId,
      status: 'approved',
      source,
      appliedBy: user.id,
      reviewedBy: user.id,
      reviewedAt: new Date(),
    });
    await this.auditLog.record({ actor: user, action: `audit-path.${source}`, targetType: 'audit_edge', targetId: saved.id, after: { ...dto } }, tx);
    return saved;
  }

  /** Deletes an edge; allowed to whoever has the lower organisation in scope, or the committee it points to (C-10). */
  async deleteEdge(user: AuthUser, id: string, viaCommitteeId?: string) {
    return this.ds.transaction(async (m) => {
      const edge = await m.getRepository(AuditEdge).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!edge) throw AppException.notFound('审核路径');
      if (viaCommitteeId) {
        if (edge.upperOrgId !== viaCommitteeId) throw AppException.notFound('下级机构');
        await this.assertCommittee(user, viaCommitteeId, m);
      } else {
        await this.assertInScope(user, edge.lowerOrgId, m);
      }
      await m.getRepository(AuditEdge).delete({ id });
      await this.auditLog.record({ actor: user, action: 'audit-path.delete', targetType: 'audit_edge', targetId: id, before: { ...edge } }, m);
      return { id, deleted: true };
    });
  }

  listEdges(user: AuthUser, q: { page: number; pageSize: number; order?: 'asc' | 'desc'; orgId?: string } & Partial<EdgeScope> & { status?: string }) {
    const params: unknown[] = [];
    const w = this.filters(q, params);
    if (q.orgId) {
      const i = params.push(q.orgId);
      w.push(`(e.lower_org_id = $${i} OR e.upper_org_id = $${i})`);
    }
    w.push(this.scopeSql(user, 'lo', params));
    return this.page(w.join(' AND '), params, q);
  }

  private async assertCommittee(user: AuthUser, committeeOrgId: string, m: EntityManager = this.ds.manager) {
    const org = await this.org(committeeOrgId, m);
    if (org.type !== OrgType.Committee) throw AppException.notFound('评委会');
    if (!this.access.canSee(user, { id: org.id, regionCode: org.region_code })) throw AppException.outOfScope();
    return org;
  }

  async subordinates(user: AuthUser, committeeOrgId: string, q: { page: number; pageSize: number; order?: 'asc' | 'desc' } & Partial<EdgeScope> & { status?: string }) {
    await this.assertCommittee(user, committeeOrgId);
    const params: unknown[] = [committeeOrgId];
    const w = ['e.upper_org_id = $1', ...this.filters({ ...q, status: q.status ?? 'approved' }, params)];
    return this.page(w.join(' AND '), params, q);
  }

  async addSubordinate(user: AuthUser, committeeOrgId: string, dto: EdgeScope & { lowerOrgId: string }) {
    await this.assertCommittee(user, committeeOrgId);
    return this.ds.transaction(async (m) => {
      await this.org(dto.lowerOrgId, m);
      if (dto.lowerOrgId === committeeOrgId) throw AppException.validation({ lowerOrgId: '下级机构不能是评委会本身' });
      await this.assertNoApprovedUpper(m, dto.lowerOrgId, dto);
      const saved = await m.getRepository(AuditEdge).save({
        ...dto,
        upperOrgId: committeeOrgId,
        status: 'approved',
        source: 'config',
        appliedBy: user.id,
        reviewedBy: user.id,
        reviewedAt: new Date(),
      });
      await this.auditLog.record({ actor: user, action: 'audit-path.committee-subordinate', targetType: 'audit_edge', targetId: saved.id, after: { ...dto, committeeOrgId } }, m);
      return this.edgeView(saved.id, m);
    });
  }

  // ---- C-11 confirmation of the audit-level configuration ------------------------------------

  /** Every scope with approved edges into the committee, with its confirmation and whether it is stale. */
  async confirmations(user: AuthUser, committeeOrgId: string): Promise<LevelConfirmationView[]> {
    await this.assertCommittee(user, committeeOrgId);
    return this.ds.query(
      `SELECT s.kind, s.series_code AS "seriesCode", s.title_level AS "titleLevel", s.edges::int AS edges, s.changed_at AS "changedAt",
              c.confirmed_at AS "confirmedAt", c.confirmed_by AS "confirmedBy",
              (c.id IS NOT NULL AND c.confirmed_at >= s.changed_at) AS confirmed
         FROM (SELECT kind, series_code, title_level, count(*) AS edges, max(updated_at) AS changed_at
                 FROM audit_edges WHERE upper_org_id = $1 AND status = 'approved'
                GROUP BY kind, series_code, title_level) s
         LEFT JOIN audit_level_confirmations c
           ON c.committee_org_id = $1 AND c.kind = s.kind AND c.series_code = s.series_code AND c.title_level = s.title_level
        ORDER BY s.kind, s.series_code, s.title_level`,
      [committeeOrgId],
    );
  }

  async confirm(user: AuthUser, committeeOrgId: string, s: EdgeScope) {
    await this.assertCommittee(user, committeeOrgId);
    return this.ds.transaction(async (m) => {
      const now = new Date();
      await m.query(
        `INSERT INTO audit_level_confirmations (committee_org_id, kind, series_code, title_level, confirmed_by, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (committee_org_id, kind, series_code, title_level) DO UPDATE SET confirmed_by = EXCLUDED.confirmed_by, confirmed_at = EXCLUDED.confirmed_at`,
        [committeeOrgId, s.kind, s.seriesCode, s.titleLevel, user.id, now],
      );
      await this.auditLog.record({ actor: user, action: 'audit-path.confirm-levels', targetType: 'organisation', targetId: committeeOrgId, after: { ...s } }, m);
      return { committeeOrgId, ...s, confirmedAt: now.toISOString(), confirmed: true };
    });
  }

  // ---- A-23 diagnosis --------------------------------------------------------------------------

  /** An organisation's uppers (it reports to) and lowers (report to it), each with its scope and status. */
  async links(user: AuthUser, orgId: string) {
    await this.access.assertOrgInScope(user, orgId);
    const org = await this.org(orgId);
    const [uppers, lowers] = await Promise.all([
      this.ds.query(`${EDGE_SELECT} WHERE e.lower_org_id = $1 ORDER BY e.kind, e.series_code, e.title_level, e.status LIMIT 500`, [orgId]),
      this.ds.query(`${EDGE_SELECT} WHERE e.upper_org_id = $1 ORDER BY e.kind, e.series_code, e.title_level, lo.name LIMIT 500`, [orgId]),
    ]);
    const facts = await this.facts.forOrgs([orgId]);
    const fact = facts.get(orgId);
    return {
      org: { id: org.id, name: org.name, type: org.type, regionCode: org.region_code, level: org.level },
      isFinalAuthority: org.type === OrgType.AcceptanceInstitution || (!!fact && fact.status === 'active'),
      uppers,
      lowers,
    };
  }

  async simulate(user: AuthUser, input: ResolveInput) {
    await this.access.assertOrgInScope(user, input.unitOrgId);
    const t = await this.resolver.trace(input);
    return { ok: !t.broken, nodes: t.nodes, stages: t.stages, broken: t.broken };
  }

  // ---- pickers ----------------------------------------------------------------------------------

  /** Active organisations by name (or exact credit code) for the path pickers: id, name, type and region only. */
  async orgOptions(user: AuthUser, q: { page: number; pageSize: number; keyword?: string; side?: 'upper' | 'committee' | 'lower' }) {
    const params: unknown[] = [];
    const w = [`o.status = 'active'`];
    if (user.organisationId) w.push(`o.id <> $${params.push(user.organisationId)}`);
    if (q.side === 'committee') w.push(`o.type = 'committee'`);
    else if (q.side === 'lower') w.push(`o.type <> 'committee'`);
    else w.push(`o.type IN (${UPPER_TYPES.filter((t) => t !== OrgType.Committee).map((t) => `'${t}'`).join(', ')})`);
    const kw = q.keyword?.trim();
    if (kw) {
      const a = params.push(`%${kw.replace(/[%_\\]/g, '\\$&')}%`);
      const b = params.push(kw.toUpperCase());
      w.push(`(o.name ILIKE $${a} OR o.credit_code = $${b})`);
    }
    const where = w.join(' AND ');
    const total: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM organisations o WHERE ${where}`, params);
    const n = params.length;
    const items = await this.ds.query(
      `SELECT o.id, o.name, o.type, o.region_code AS "regionCode" FROM organisations o WHERE ${where} ORDER BY o.region_code, o.name, o.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items, total: Number(total[0].n), page: q.page, pageSize: q.pageSize };
  }

  assertCommitteeInScope(user: AuthUser, committeeOrgId: string) {
    return this.assertCommittee(user, committeeOrgId);
  }

  isOffice(user: AuthUser): boolean {
    return user.role === Role.OfficeAdmin;
  }
}

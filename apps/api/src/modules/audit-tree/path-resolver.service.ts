import { HttpException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DECLARATION_KIND_LABELS,
  DeclarationKind,
  OrgType,
  TITLE_LEVEL_LABELS,
  type AdminLevel,
  type TitleLevel,
} from '@zhicheng/contracts';
import { AppException } from '../../common/errors/app.exception.js';
import { buildStages, type PathStage } from './path-stages.js';

/** What a declaration resolves its path from (at submission, at committee transfer, in A-23 simulation). */
export interface ResolveInput {
  /** The applicant's work unit (where the path starts). */
  unitOrgId: string;
  kind: DeclarationKind;
  seriesCode: string;
  titleLevel: TitleLevel;
  professionCode: string;
  /** The committee chosen (评审) or acceptance institution (初定/认定); required at submission. */
  committeeOrgId?: string | null;
}

/** The snapshot a declaration stores: later configuration changes do not move it. */
export interface ResolvedPath {
  input: ResolveInput & { committeeOrgId: string };
  stages: PathStage[];
  resolvedAt: string;
}

export interface PathBreak {
  nodeOrgId: string;
  nodeName: string;
  reason: string;
}

/** One node of the walk, with the flags A-23 shows (是否为终审机构 / 是否能评审该专业). */
export interface TracedNode {
  depth: number;
  orgId: string;
  name: string;
  type: OrgType;
  level: AdminLevel | null;
  regionCode: string;
  isFinalAuthority: boolean;
  canReviewProfession: boolean;
}

export interface Trace {
  nodes: TracedNode[];
  stages: PathStage[] | null;
  broken: PathBreak | null;
  authorityOrgId: string | null;
}

/** The body of a broken-path error: `{ statusCode: 422, code: 'PATH_BROKEN', message, nodeOrgId, nodeName, reason }`. */
export class PathBrokenException extends HttpException {
  constructor(readonly broken: PathBreak) {
    super({ statusCode: 422, code: 'PATH_BROKEN', message: `审核路径在“${broken.nodeName}”处中断：${broken.reason}`, ...broken }, 422);
  }
}

const MAX_DEPTH = 32;

/**
 * One recursive query, one round trip: from the applicant's unit upward along approved edges of
 * the kind, series and level. Uses uq_audit_edges_approved_upper (lower_org_id, kind, series_code,
 * title_level) WHERE status = 'approved', so each step is one index probe. Stops on a cycle or at
 * MAX_DEPTH. Each node carries its committee facts (class, issuing delegated, status, "can review
 * this profession" through the committee_professions primary key) and, for a possible final
 * authority, the supervising title office — so resolution needs nothing else from the database.
 * $1 unit, $2 kind, $3 series, $4 level, $5 profession (NULL: do not check).
 */
export const WALK_SQL = `
WITH RECURSIVE walk(org_id, depth, seen, cycle) AS (
  SELECT $1::uuid, 0, ARRAY[$1::uuid], false
  UNION ALL
  SELECT e.upper_org_id, w.depth + 1, w.seen || e.upper_org_id, e.upper_org_id = ANY(w.seen)
    FROM walk w
    JOIN audit_edges e
      ON e.lower_org_id = w.org_id AND e.kind = $2::varchar AND e.series_code = $3::varchar AND e.title_level = $4::varchar AND e.status = 'approved'
   WHERE NOT w.cycle AND w.depth < ${MAX_DEPTH}
)
SELECT w.org_id, w.depth, w.cycle, o.name, o.type, o.level, o.region_code, off.id AS office_id, off.name AS office_name,
       c.organisation_id IS NOT NULL AS is_committee, c.issuing_delegated, c.status AS committee_status,
       CASE WHEN c.organisation_id IS NULL OR $5::varchar IS NULL THEN NULL ELSE EXISTS (
         SELECT 1 FROM committee_professions p
          WHERE p.committee_id = c.organisation_id AND p.profession_code = $5::varchar AND p.title_level = $4::varchar AND p.series_code = $3::varchar) END AS can_review
  FROM walk w JOIN organisations o ON o.id = w.org_id
  LEFT JOIN committees c ON c.organisation_id = o.id
  -- the title office supervising a possible final authority (same region), for the tail stages
  LEFT JOIN LATERAL (
    SELECT t.id, t.name FROM organisations t
     WHERE o.type IN ('committee', 'acceptance') AND t.type = 'title_office' AND t.region_code = o.region_code AND t.status = 'active'
     ORDER BY t.created_at, t.id LIMIT 1) off ON true
 ORDER BY w.depth`;

interface WalkRow {
  org_id: string;
  depth: number;
  cycle: boolean;
  name: string;
  type: OrgType;
  level: AdminLevel | null;
  region_code: string;
  office_id: string | null;
  office_name: string | null;
  is_committee: boolean;
  issuing_delegated: boolean | null;
  committee_status: string | null;
  can_review: boolean | null;
}

/** pg's client API for a named (server-side prepared) statement: parsed and planned once per connection. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: WalkRow[] }>;
}

const statementNames = new WeakMap<object, string>();
let statementCounter = 0;

function walkStatement(client: PgClient, values: unknown[]) {
  let name = statementNames.get(client);
  if (!name) statementNames.set(client, (name = `audit_tree_walk_${++statementCounter}`));
  return { name, text: WALK_SQL, values };
}

/**
 * Audit-path resolution (DOMAIN §3). Other modules call `resolve(input, manager?)` at submission
 * and store the returned `ResolvedPath`; it throws PathBrokenException (422, code PATH_BROKEN,
 * naming the node and the reason) when the path breaks. Deterministic: the unique approved upper
 * per (lower, kind, series, level) makes the walk a single chain.
 */
@Injectable()
export class PathResolverService {
  constructor(private readonly ds: DataSource) {}

  async resolve(input: ResolveInput, manager: EntityManager = this.ds.manager): Promise<ResolvedPath> {
    if (!input.committeeOrgId) {
      throw AppException.validation({ committeeOrgId: input.kind === DeclarationKind.Review ? '请选择评委会' : '请选择受理机构' });
    }
    const t = await this.trace(input, manager);
    if (t.broken) throw new PathBrokenException(t.broken);
    return { input: { ...input, committeeOrgId: t.authorityOrgId! }, stages: t.stages!, resolvedAt: new Date().toISOString() };
  }

  /** The whole walk with per-node flags, and either the stages or where it breaks (A-23, and resolve). */
  async trace(input: ResolveInput, manager: EntityManager = this.ds.manager): Promise<Trace> {
    const review = input.kind === DeclarationKind.Review;
    const rows = await this.walk([input.unitOrgId, input.kind, input.seriesCode, input.titleLevel, review ? input.professionCode : null], manager);
    if (!rows.length) throw AppException.notFound('申报单位');
    const nodes: TracedNode[] = rows.map((r) => {
      const isFinal = review ? r.type === OrgType.Committee && r.is_committee && r.committee_status === 'active' : r.type === OrgType.AcceptanceInstitution;
      return {
        depth: r.depth,
        orgId: r.org_id,
        name: r.name,
        type: r.type,
        level: r.level,
        regionCode: r.region_code,
        isFinalAuthority: isFinal,
        canReviewProfession: review ? isFinal && r.can_review === true : isFinal,
      };
    });
    const scope = `${DECLARATION_KIND_LABELS[input.kind]}·${input.seriesCode}·${TITLE_LEVEL_LABELS[input.titleLevel] ?? input.titleLevel}`;
    const brk = (n: { orgId: string; name: string }, reason: string): Trace => ({
      nodes,
      stages: null,
      broken: { nodeOrgId: n.orgId, nodeName: n.name, reason },
      authorityOrgId: null,
    });
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (rows[i].cycle) return brk(n, `审核路径出现循环，“${n.name}”在路径中重复出现`);
      const isTarget = input.committeeOrgId ? n.orgId === input.committeeOrgId : n.isFinalAuthority;
      if (isTarget) {
        if (!n.isFinalAuthority) {
          return brk(n, review ? '该机构不是终审机构（未登记为有效的评委会）' : '该机构不是终审机构（不是受理机构）');
        }
        if (!n.canReviewProfession) {
          return brk(n, `该评委会不能评审该专业（${input.professionCode}）的${TITLE_LEVEL_LABELS[input.titleLevel] ?? input.titleLevel}职称`);
        }
        const office = rows[i].office_id ? { orgId: rows[i].office_id!, name: rows[i].office_name! } : null;
        const stages = buildStages({
          kind: input.kind,
          nodes: nodes.slice(0, i).map((x) => ({ orgId: x.orgId, name: x.name, type: x.type, level: x.level, regionCode: x.regionCode })),
          authority: { orgId: n.orgId, name: n.name, type: n.type, level: n.level, regionCode: n.regionCode, issuingDelegated: !!rows[i].issuing_delegated, office },
        });
        return { nodes: nodes.slice(0, i + 1), stages, broken: null, authorityOrgId: n.orgId };
      }
      if (n.isFinalAuthority && input.committeeOrgId) {
        const chosen = await this.orgName(input.committeeOrgId, manager);
        return brk(n, `路径到达终审机构“${n.name}”，不是所选的“${chosen}”`);
      }
      if (i === nodes.length - 1) {
        return brk(n, `该机构没有${scope}的上级审核机构，且不是终审机构`);
      }
    }
    /* c8 ignore next */
    throw new Error('unreachable');
  }

  /**
   * Runs WALK_SQL as a named prepared statement on the manager's connection (inside a transaction)
   * or a pooled one, so PostgreSQL parses and plans it once per connection. The statement name is
   * unique per pg client: an embedded PGlite serves every client from one session, where a shared
   * name would collide. Falls back to an unnamed query where the driver offers no pg client.
   */
  private async walk(values: unknown[], manager: EntityManager): Promise<WalkRow[]> {
    const runner = manager.queryRunner;
    if (runner && !runner.isReleased) {
      const client = (await runner.connect()) as PgClient | undefined;
      if (client && typeof client.query === 'function') return (await client.query(walkStatement(client, values))).rows;
      return manager.query(WALK_SQL, values);
    }
    const pool = (this.ds.driver as unknown as { master?: { connect(): Promise<PgClient & { release(): void }> } }).master;
    if (!pool || typeof pool.connect !== 'function') return manager.query(WALK_SQL, values);
    const client = await pool.connect();
    try {
      return (await client.query(walkStatement(client, values))).rows;
    } finally {
      client.release();
    }
  }

  private async orgName(id: string, manager: EntityManager): Promise<string> {
    const rows: { name: string }[] = await manager.query('SELECT name FROM organisations WHERE id = $1', [id]);
    return rows[0]?.name ?? id;
  }
}

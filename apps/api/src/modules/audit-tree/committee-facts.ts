import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AdminLevel, CommitteeClass } from '@zhicheng/contracts';

export interface CommitteeFact {
  organisationId: string;
  committeeClass: CommitteeClass;
  issuingDelegated: boolean;
  status: string;
  /** organisations.level of the committee's organisation. */
  level: AdminLevel | null;
  /** Present when `forOrgs` was asked about a profession: may the committee review it? */
  canReview?: boolean;
}

export interface ProfessionQuery {
  professionCode: string;
  titleLevel: string;
  seriesCode: string;
}

/**
 * What the audit tree needs to know about committees. The reference-data module owns the tables
 * (`committees`, `committee_professions`); the audit tree reads them only through this interface
 * so the owner can swap in its own implementation by binding the COMMITTEE_FACTS token.
 */
export interface CommitteeFacts {
  /** Facts for those of the given organisations that are committees (others are absent). */
  forOrgs(orgIds: string[], manager?: EntityManager, profession?: ProfessionQuery): Promise<Map<string, CommitteeFact>>;
  /** Whether the committee may review the profession at the level in the series. */
  canReview(
    committeeOrgId: string,
    q: { professionCode: string; titleLevel: string; seriesCode: string },
    manager?: EntityManager,
  ): Promise<boolean>;
}

export const COMMITTEE_FACTS = Symbol('COMMITTEE_FACTS');

/** Default implementation over `committees(organisation_id, committee_class, issuing_delegated, status)` and `committee_professions`. */
@Injectable()
export class SqlCommitteeFacts implements CommitteeFacts {
  constructor(private readonly ds: DataSource) {}

  async forOrgs(orgIds: string[], manager: EntityManager = this.ds.manager, profession?: ProfessionQuery): Promise<Map<string, CommitteeFact>> {
    const out = new Map<string, CommitteeFact>();
    if (!orgIds.length) return out;
    const rows: { organisation_id: string; committee_class: CommitteeClass; issuing_delegated: boolean; status: string; level: AdminLevel | null; can_review: boolean | null }[] =
      await manager.query(
        `SELECT c.organisation_id, c.committee_class, c.issuing_delegated, c.status, o.level,
                CASE WHEN $2::varchar IS NULL THEN NULL ELSE EXISTS (
                  SELECT 1 FROM committee_professions p
                   WHERE p.committee_id = c.organisation_id AND p.profession_code = $2::varchar AND p.title_level = $3::varchar AND p.series_code = $4::varchar) END AS can_review
           FROM committees c JOIN organisations o ON o.id = c.organisation_id
          WHERE c.organisation_id = ANY($1::uuid[])`,
        [orgIds, profession?.professionCode ?? null, profession?.titleLevel ?? null, profession?.seriesCode ?? null],
      );
    for (const r of rows) {
      out.set(r.organisation_id, {
        organisationId: r.organisation_id,
        committeeClass: r.committee_class,
        issuingDelegated: r.issuing_delegated,
        status: r.status,
        level: r.level,
        ...(r.can_review === null ? {} : { canReview: r.can_review }),
      });
    }
    return out;
  }

  async canReview(
    committeeOrgId: string,
    q: { professionCode: string; titleLevel: string; seriesCode: string },
    manager: EntityManager = this.ds.manager,
  ): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM committee_professions
        WHERE committee_id = $1 AND profession_code = $2 AND title_level = $3 AND series_code = $4 LIMIT 1`,
      [committeeOrgId, q.professionCode, q.titleLevel, q.seriesCode],
    );
    return rows.length > 0;
  }
}

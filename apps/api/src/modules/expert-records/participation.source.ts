import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chinaYear } from '@zhicheng/contracts';

/** One review an expert took part in (a drawn panel seat or a reserve of a review plan). */
export interface ExpertParticipation {
  planId: string;
  planName: string;
  committeeName: string;
  batchName: string | null;
  year: number;
  /** panel: drawn for the panel; reserve: drawn as a reserve. */
  role: 'panel' | 'reserve';
  /** e.g. accepted / declined / replaced, as the draw records it. */
  status: string;
  drawnAt: string;
}

/**
 * Where C-08 reads an expert's participation from. The review-plan and draw tables (C-02, C-03, issue 7 committee /
 * scoring modules) are built separately; until they are merged the default source answers "not available yet".
 * Joining them later = one class extending this one (a query over the draw table by expert id, grouped for counts)
 * bound in `ExpertRecordsModule` instead of `PendingParticipationSource`; the endpoints and the screen stay unchanged.
 */
export abstract class ExpertParticipationSource {
  abstract readonly available: boolean;
  /** Participation count per expert id (one grouped query for a page of experts). */
  abstract counts(expertIds: string[], year?: number): Promise<Map<string, number>>;
  abstract list(expertId: string, year?: number): Promise<ExpertParticipation[]>;
}

@Injectable()
export class PendingParticipationSource extends ExpertParticipationSource {
  readonly available = false;
  counts(): Promise<Map<string, number>> {
    return Promise.resolve(new Map());
  }
  list(): Promise<ExpertParticipation[]> {
    return Promise.resolve([]);
  }
}

/** Status words of a seat, as the draw records it (C-03). */
const SEAT_STATUS: Record<string, string> = { panel: '评审专家', reserve: '备选专家', declined: '已回避/无法参加' };

/**
 * C-08 participation read from the draw table (`review_plan_experts`, one row per drawn seat) joined to its plan
 * (`review_plans`), committee and batch: one grouped query for a page of experts, one query for one expert.
 * Declined seats count as participation in the draw (the record shows them as such).
 */
@Injectable()
export class DrawParticipationSource extends ExpertParticipationSource {
  readonly available = true;
  constructor(private readonly ds: DataSource) {
    super();
  }

  async counts(expertIds: string[], year?: number): Promise<Map<string, number>> {
    if (!expertIds.length) return new Map();
    const rows: { expert_id: string; n: number }[] = await this.ds.query(
      `SELECT e.expert_id, count(*)::int AS n
         FROM review_plan_experts e JOIN review_plans p ON p.id = e.plan_id
         LEFT JOIN batches b ON b.id = p.batch_id
        WHERE e.expert_id = ANY($1::uuid[]) AND ($2::int IS NULL OR b.year = $2::int)
        GROUP BY e.expert_id`,
      [expertIds, year ?? null],
    );
    return new Map(rows.map((r) => [r.expert_id, r.n]));
  }

  async list(expertId: string, year?: number): Promise<ExpertParticipation[]> {
    const rows: { plan_id: string; plan_name: string; committee_name: string; batch_name: string | null; year: number | null; role: string; drawn_at: string | null; created_at: Date }[] =
      await this.ds.query(
        `SELECT p.id AS plan_id, p.name AS plan_name, o.name AS committee_name, b.name AS batch_name, b.year, e.role,
                p.draw->>'drawnAt' AS drawn_at, p.created_at
           FROM review_plan_experts e JOIN review_plans p ON p.id = e.plan_id
           JOIN organisations o ON o.id = p.committee_id
           LEFT JOIN batches b ON b.id = p.batch_id
          WHERE e.expert_id = $1 AND ($2::int IS NULL OR b.year = $2::int)
          ORDER BY p.created_at DESC, p.id`,
        [expertId, year ?? null],
      );
    return rows.map((r) => ({
      planId: r.plan_id,
      planName: r.plan_name,
      committeeName: r.committee_name,
      batchName: r.batch_name,
      year: r.year ?? chinaYear(new Date(r.created_at)),
      role: r.role === 'reserve' ? 'reserve' : 'panel',
      status: SEAT_STATUS[r.role] ?? r.role,
      drawnAt: r.drawn_at ?? new Date(r.created_at).toISOString(),
    }));
  }
}

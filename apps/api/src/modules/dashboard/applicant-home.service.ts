import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applicantNextStep, daysBetween, DECLARATION_STATUS_LABELS, DeclarationStatus, type ApplicantHome } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { Declaration } from '../declaration/entities/declaration.entity.js';
import { pathStagesOf } from '../declaration/declaration.service.js';

/** The applicant's own node name while a declaration is with them (draft, returned for correction). */
const SELF = '本人';
/** Finished declarations: the home shows one only when there is no other. */
const FINISHED: DeclarationStatus[] = [DeclarationStatus.Cancelled, DeclarationStatus.Abandoned, DeclarationStatus.Certified];

/**
 * U-13 the applicant's home: the current declaration — the newest one still on its way, else the newest — where it
 * waits and since when, the usual wait at that node and the next step.
 */
@Injectable()
export class ApplicantHomeService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
  ) {}

  async home(user: AuthUser): Promise<ApplicantHome> {
    const [row] = (await this.ds.query(
      `SELECT d.id FROM declarations d WHERE d.applicant_user_id = $1
        ORDER BY (d.status = ANY($2::text[])), d.created_at DESC LIMIT 1`,
      [user.id, FINISHED],
    )) as { id: string }[];
    if (!row) return { current: null };
    const d = await this.ds.getRepository(Declaration).findOneByOrFail({ id: row.id });
    const [meta] = (await this.ds.query(
      `SELECT b.name AS batch_name, b.committee_id, b.kind, b.closes_at, t.name AS title_name, o.name AS org_name
         FROM batches b LEFT JOIN titles t ON t.id = $2 LEFT JOIN organisations o ON o.id = $3 WHERE b.id = $1`,
      [d.batchId, d.titleId, d.currentOrgId],
    )) as { batch_name: string; committee_id: string; kind: string; closes_at: Date; title_name: string | null; org_name: string | null }[];
    const atApplicant =
      d.status === DeclarationStatus.Draft || (d.status === DeclarationStatus.Returned && d.returnedToApplicant) || !d.currentOrgId;
    const nodeName = atApplicant ? SELF : (meta?.org_name ?? '');
    const usual = atApplicant || !d.currentOrgId ? null : await this.usualWait(d.currentOrgId, d.batchId, meta!.batch_name, meta!.committee_id, meta!.kind);
    const next = applicantNextStep(d.status, nodeName);
    const since = d.status === DeclarationStatus.Draft ? d.createdAt : d.stageEnteredAt;
    return {
      current: {
        declarationId: d.id,
        batchName: meta?.batch_name ?? '',
        titleName: meta?.title_name ?? '',
        titleLevel: d.titleLevel,
        status: d.status,
        statusLabel: DECLARATION_STATUS_LABELS[d.status],
        nodeName,
        atApplicant,
        since: since.toISOString(),
        waitedDays: Math.max(0, daysBetween(this.clock.dateOf(since), this.clock.today())),
        usualDays: usual?.days ?? null,
        usualFrom: usual?.batchName ?? null,
        usualSample: usual?.n ?? 0,
        path: pathStagesOf(d, d.status === DeclarationStatus.Certified),
        nextStep: next.text,
        actionNeeded: next.actionNeeded,
      },
    };
  }

  /**
   * The median China days declarations waited at the node before it acted on them (its event minus the one before),
   * in the last closed batch of the same committee and kind where it acted; failing that, in this batch so far.
   */
  private async usualWait(
    orgId: string,
    batchId: string,
    batchName: string,
    committeeId: string,
    kind: string,
  ): Promise<{ days: number; n: number; batchName: string } | null> {
    const measure = async (batch: string) =>
      (
        (await this.ds.query(
          `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY (e.created_at AT TIME ZONE 'Asia/Shanghai')::date - (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS days,
                count(*)::int AS n
           FROM declaration_events e
           JOIN declarations d ON d.id = e.declaration_id AND d.batch_id = $2
           CROSS JOIN LATERAL (SELECT q.created_at FROM declaration_events q
                                WHERE q.declaration_id = e.declaration_id AND q.created_at < e.created_at
                                ORDER BY q.created_at DESC LIMIT 1) p
          WHERE e.actor_org_id = $1`,
          [orgId, batch],
        )) as { days: number | null; n: number }[]
      )[0]!;
    const last = (await this.ds.query(
      `SELECT b.id, b.name FROM batches b
        WHERE b.committee_id = $1 AND b.kind = $2 AND b.id <> $3 AND b.closes_at <= $4
          AND EXISTS (SELECT 1 FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id WHERE e.actor_org_id = $5 AND d.batch_id = b.id)
        ORDER BY b.closes_at DESC LIMIT 1`,
      [committeeId, kind, batchId, this.clock.now(), orgId],
    )) as { id: string; name: string }[];
    const prev = last[0] ? await measure(last[0].id) : null;
    if (prev && prev.n > 0 && prev.days !== null) return { days: Number(prev.days), n: prev.n, batchName: last[0]!.name };
    const m = await measure(batchId);
    return m.n > 0 && m.days !== null ? { days: Number(m.days), n: m.n, batchName: `${batchName}（本批次）` } : null;
  }
}

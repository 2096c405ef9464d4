import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_PRE_REVIEW_PUBLICITY_DAYS, addDays } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { CalendarService } from '../../common/calendar/calendar.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { clock } from '../../common/clock/clock.service.js';
import { sqlDate } from '../../database/query-utils.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Declaration } from '../declaration/entities/declaration.entity.js';
import { DeclarationWorkflowService } from '../declaration/declaration-workflow.service.js';
import { ReviewPlan } from './entities/review-plan.entity.js';

const maskName = (n: string | null | undefined) => (n ? n.slice(0, 1) + '*'.repeat(Math.max(1, [...n].length - 1)) : '');

/** The index of the first stage of a kind in the declaration's snapshotted path (the path view follows the review). */
export function stageOf(d: Declaration, kind: string): number | undefined {
  const i = d.pathSnapshot?.stages.findIndex((s) => s.kind === kind) ?? -1;
  return i >= 0 ? i : undefined;
}

/**
 * C-13 评前公示: when the title office approves a plan, its participants are publicised on the public list for N
 * working days (default 5, on the A-29 working-day calendar), each declaration moving `qualified` →
 * `pre_review_publicity` (path stage 评前公示); the expert review (the draw, or entering offline results) starts only
 * after the last day, moving them to `in_review` (专家评审). Plans approved before this stage existed have no period
 * and go on as before.
 */
@Injectable()
export class PreReviewPublicityService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditLogService,
    private readonly workflow: DeclarationWorkflowService,
    private readonly calendar: CalendarService,
  ) {}

  /** On approval: sets the period and moves the participants into the publicity. */
  async start(m: EntityManager, user: AuthUser, p: ReviewPlan, days = DEFAULT_PRE_REVIEW_PUBLICITY_DAYS): Promise<void> {
    const period = await this.calendar.workingPeriod(clock.today(), days, m);
    p.prePublicityDays = days;
    p.prePublicityStartsOn = period.startsOn;
    p.prePublicityEndsOn = period.endsOn;
    const ds = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id }, lock: { mode: 'pessimistic_write' } });
    for (const d of ds) {
      await this.workflow.transition(m, d, { actor: user, action: 'pre_publicize', to: { status: 'pre_review_publicity', stage: stageOf(d, 'pre_publicity') }, opinion: `评审方案“${p.name}”审核通过，评前公示 ${period.startsOn} 至 ${period.endsOn}` });
    }
  }

  /** Before the expert review: the publicity must be over; then the participants enter the review. */
  async finish(m: EntityManager, user: AuthUser, p: ReviewPlan, what: string): Promise<void> {
    if (p.prePublicityEndsOn && p.prePublicityEndsOn >= clock.today()) {
      throw AppException.conflict(`评前公示期至 ${p.prePublicityEndsOn} 结束，公示期满后方可${what}`, 'PRE_PUBLICITY_NOT_ENDED');
    }
    const ds = await m.getRepository(Declaration).find({ where: { reviewPlanId: p.id }, lock: { mode: 'pessimistic_write' } });
    for (const d of ds) {
      if (d.status !== 'pre_review_publicity' && d.status !== 'qualified') continue;
      await this.workflow.transition(m, d, { actor: user, action: 'start_review', to: { status: 'in_review', stage: stageOf(d, 'expert_review') }, opinion: `评前公示期满，评审方案“${p.name}”进入专家评审` });
    }
  }

  /** P-02: running pre-review publicities, one row per participant still in it (name masked). */
  async publicList(q: { keyword?: string; page: number; pageSize: number }) {
    const params: unknown[] = [q.pageSize, (q.page - 1) * q.pageSize];
    let kw = '';
    if (q.keyword?.trim()) {
      params.push(`%${q.keyword.trim().replace(/[%_\\]/g, '\\$&')}%`);
      kw = `AND (p.name ILIKE $3 OR c.name ILIKE $3 OR o.name ILIKE $3 OR t.name ILIKE $3)`;
    }
    const rows: { id: string; real_name: string; unit_name: string | null; title_name: string | null; plan_name: string; committee_name: string; starts_on: string; ends_on: string; total: number }[] = await this.ds.query(
      `SELECT d.id, u.real_name, o.name AS unit_name, t.name AS title_name, p.name AS plan_name, c.name AS committee_name,
              p.pre_publicity_starts_on::text AS starts_on, p.pre_publicity_ends_on::text AS ends_on, count(*) OVER ()::int AS total
         FROM review_plans p
         JOIN organisations c ON c.id = p.committee_id
         JOIN declarations d ON d.review_plan_id = p.id AND d.status = 'pre_review_publicity'
         JOIN users u ON u.id = d.applicant_user_id
         LEFT JOIN organisations o ON o.id = d.unit_org_id
         LEFT JOIN titles t ON t.id = d.title_id
        WHERE p.pre_publicity_ends_on >= ${sqlDate(clock.today())} ${kw}
        ORDER BY p.pre_publicity_starts_on DESC, p.id, u.real_name LIMIT $1 OFFSET $2`,
      params,
    );
    return {
      items: rows.map((r) => ({ entryId: r.id, name: maskName(r.real_name), unitName: r.unit_name, titleName: r.title_name, planName: r.plan_name, committeeName: r.committee_name, startsOn: r.starts_on, endsOn: r.ends_on })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Development/test clock only: moves a running pre-review publicity into the past. */
  async devEnd(user: AuthUser, id: string) {
    return this.ds.transaction(async (m) => {
      const p = await m.getRepository(ReviewPlan).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p || !this.access.canSee(user, { id: p.committeeId, regionCode: p.regionCode })) throw AppException.notFound('评审方案');
      if (!p.prePublicityEndsOn || p.prePublicityEndsOn < clock.today()) throw AppException.conflict('该评审方案没有进行中的评前公示');
      const end = addDays(clock.today(), -1);
      const start = p.prePublicityStartsOn && p.prePublicityStartsOn < end ? p.prePublicityStartsOn : end;
      p.prePublicityStartsOn = start;
      p.prePublicityEndsOn = end;
      await m.getRepository(ReviewPlan).save(p);
      await this.audit.record({ actor: user, action: 'review_plan.dev_end_pre_publicity', targetType: 'review_plan', targetId: p.id, after: { prePublicityEndsOn: end } }, m);
      return { id: p.id, prePublicityStartsOn: start, prePublicityEndsOn: end };
    });
  }
}

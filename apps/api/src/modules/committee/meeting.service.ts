import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { ReviewPlan } from './entities/review-plan.entity.js';
import { ReviewPlanExpert } from './entities/review-plan-expert.entity.js';
import { assertAuthorityPeriod } from './authority-period.js';
import { ReviewService } from './review.service.js';

/**
 * C-16: the review meeting (评审会议) is opened and closed by its chair (the plan's 主任委员 or 副主任委员, seat 0 of
 * the panel) in the expert workspace. Opening records who is present and needs two thirds of the panel; from then
 * until closing the experts present vote (ScoringService); closing tallies the votes (ReviewService.tallyAndClose).
 */
@Injectable()
export class MeetingService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    private readonly review: ReviewService,
  ) {}

  private async chairPlan(user: AuthUser, planId: string, m = this.ds.manager): Promise<ReviewPlan> {
    const seat = await m.getRepository(ReviewPlanExpert).findOne({ where: { planId, userId: user.id, role: 'panel' } });
    const p = seat ? await m.getRepository(ReviewPlan).findOne({ where: { id: planId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!seat || !p) throw AppException.notFound('评审方案');
    if (p.chairExpertId !== seat.expertId) throw AppException.forbidden('只有本次评审会议的主持人（主任委员或副主任委员）可以宣布会议开始或结束');
    return p;
  }

  async open(user: AuthUser, planId: string, presentExpertIds: string[]) {
    await this.ds.transaction(async (m) => {
      const p = await this.chairPlan(user, planId, m);
      if (p.status !== 'drawn') throw AppException.conflict('评审方案不在评审阶段，不能开始评审会议', 'INVALID_PLAN_STATE');
      if (p.meetingOpenedAt) throw AppException.conflict('评审会议已经开始', 'MEETING_OPEN');
      await assertAuthorityPeriod(m, p.committeeId, '召开评审会议');
      if (!presentExpertIds.includes(p.chairExpertId!)) throw AppException.validation({ presentExpertIds: '主持人须出席评审会议' });
      const present = await this.review.checkAttendance(m, p, presentExpertIds);
      p.attendance = present;
      p.meetingOpenedAt = new Date();
      await m.getRepository(ReviewPlan).save(p);
      await this.audit.record({ actor: user, action: 'review_plan.meeting_open', targetType: 'review_plan', targetId: p.id, before: { meetingOpenedAt: null }, after: { meetingOpenedAt: p.meetingOpenedAt.toISOString(), present } }, m);
    });
    return this.state(user, planId);
  }

  async close(user: AuthUser, planId: string) {
    await this.ds.transaction(async (m) => {
      const p = await this.chairPlan(user, planId, m);
      if (p.status !== 'drawn' || !p.meetingOpenedAt) throw AppException.conflict('评审会议尚未开始或已经结束', 'MEETING_CLOSED');
      await assertAuthorityPeriod(m, p.committeeId, '召开评审会议');
      await this.review.tallyAndClose(m, user, p, p.attendance ?? []);
    });
    return this.state(user, planId);
  }

  /** What the chair (and every panel expert) sees of the meeting: its state, attendance and, after closing, the tallies. */
  async state(user: AuthUser, planId: string) {
    const seat = await this.ds.getRepository(ReviewPlanExpert).findOne({ where: { planId, userId: user.id, role: 'panel' } });
    const p = seat ? await this.ds.getRepository(ReviewPlan).findOne({ where: { id: planId } }) : null;
    if (!seat || !p) throw AppException.notFound('评审方案');
    return { planId: p.id, status: p.status, meetingOpenedAt: p.meetingOpenedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null, present: p.attendance ?? [], isChair: p.chairExpertId === seat.expertId };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { REVIEW_PLAN_STATUS_LABELS, type ExpertActionKind } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { Declaration } from '../declaration/entities/declaration.entity.js';
import type { ScoresDto } from '../committee/dto/review.dto.js';
import { ReviewPlan } from '../committee/entities/review-plan.entity.js';
import { ReviewPlanExpert } from '../committee/entities/review-plan-expert.entity.js';
import { ReviewService } from '../committee/review.service.js';
import { ExpertAction } from './entities/expert-action.entity.js';

/**
 * E-01..E-05. An expert sees a plan and its participants only while sitting on its panel; anything else is
 * 404 (no hint that it exists). Recording is allowed while the meeting is open (plan status `drawn`); a new
 * record of the same kind supersedes the previous one (the vote stays changeable until the meeting closes).
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    private readonly review: ReviewService,
  ) {}

  private async seat(user: AuthUser, planId: string, m: EntityManager = this.ds.manager): Promise<{ plan: ReviewPlan; expertId: string }> {
    const seat = await m.getRepository(ReviewPlanExpert).findOne({ where: { planId, userId: user.id, role: 'panel' } });
    const plan = seat ? await m.getRepository(ReviewPlan).findOne({ where: { id: planId } }) : null;
    if (!seat || !plan) throw AppException.notFound('评审方案');
    return { plan, expertId: seat.expertId };
  }

  async myPlans(user: AuthUser) {
    const rows: {
      id: string;
      name: string;
      status: string;
      kind: string;
      committee_name: string;
      interview_at: Date | null;
      interview_place: string | null;
      n: number;
      scored: number;
      voted: number;
    }[] = await this.ds.query(
      `SELECT p.id, p.name, p.status, p.kind, c.name AS committee_name, p.interview_at, p.interview_place,
              (SELECT count(*)::int FROM declarations d WHERE d.review_plan_id = p.id) AS n,
              (SELECT count(DISTINCT a.declaration_id)::int FROM expert_actions a
                WHERE a.plan_id = p.id AND a.expert_id = pe.expert_id AND a.kind = 'material_score' AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL) AS scored,
              (SELECT count(DISTINCT a.declaration_id)::int FROM expert_actions a
                WHERE a.plan_id = p.id AND a.expert_id = pe.expert_id AND a.kind = 'vote' AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL) AS voted
         FROM review_plan_experts pe JOIN review_plans p ON p.id = pe.plan_id JOIN organisations c ON c.id = p.committee_id
        WHERE pe.user_id = $1 AND pe.role = 'panel' ORDER BY p.created_at DESC LIMIT 200`,
      [user.id],
    );
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, status: r.status, kind: r.kind, committeeName: r.committee_name, interviewAt: r.interview_at ? new Date(r.interview_at).toISOString() : null, interviewPlace: r.interview_place, participantCount: r.n, leftToScore: Math.max(0, r.n - r.scored), leftToVote: Math.max(0, r.n - r.voted) })),
    };
  }

  private async myLive(planId: string, expertId: string, declarationId?: string) {
    const qb = this.ds
      .getRepository(ExpertAction)
      .createQueryBuilder('a')
      .where('a.plan_id = :planId AND a.expert_id = :expertId AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL', { planId, expertId });
    if (declarationId) qb.andWhere('a.declaration_id = :declarationId', { declarationId });
    return qb.orderBy('a.id').getMany();
  }

  private toMine(actions: ExpertAction[], declarationId: string) {
    const mine: Partial<Record<ExpertActionKind, Record<string, unknown>>> = {};
    for (const a of actions) if (a.declarationId === declarationId) mine[a.kind] = a.value;
    return mine;
  }

  async plan(user: AuthUser, planId: string) {
    const { plan, expertId } = await this.seat(user, planId);
    const participants = await this.review.participants(plan.id);
    const live = await this.myLive(plan.id, expertId);
    return {
      id: plan.id,
      name: plan.name,
      status: plan.status,
      kind: plan.kind,
      mode: plan.mode,
      scoringRules: plan.scoringRules,
      attachments: plan.attachments,
      interviewAt: plan.interviewAt?.toISOString() ?? null,
      interviewPlace: plan.interviewPlace,
      expertId,
      participants: participants.map((p) => ({ declarationId: p.declarationId, name: p.name, unitName: p.unitName, titleName: p.titleName, professionCode: p.professionCode, mine: this.toMine(live, p.declarationId) })),
    };
  }

  /** E-01: the participant's material, read-only, with attachments (served by the files module to panel experts). */
  async participant(user: AuthUser, planId: string, declarationId: string) {
    const { plan, expertId } = await this.seat(user, planId);
    const d = await this.ds.getRepository(Declaration).findOne({ where: { id: declarationId, reviewPlanId: plan.id } });
    if (!d) throw AppException.notFound('参评人员');
    const [row]: { real_name: string; unit_name: string | null; title_name: string | null }[] = await this.ds.query(
      `SELECT u.real_name, o.name AS unit_name, t.name AS title_name FROM users u LEFT JOIN organisations o ON o.id = $2 LEFT JOIN titles t ON t.id = $3 WHERE u.id = $1`,
      [d.applicantUserId, d.unitOrgId, d.titleId],
    );
    const live = await this.myLive(plan.id, expertId, d.id);
    return {
      declarationId: d.id,
      planStatus: plan.status,
      name: row?.real_name ?? '',
      unitName: row?.unit_name ?? null,
      titleName: row?.title_name ?? null,
      titleLevel: d.titleLevel,
      seriesCode: d.seriesCode,
      professionCode: d.professionCode,
      kind: d.kind,
      moduleData: d.moduleData,
      scoringRules: plan.scoringRules,
      mine: this.toMine(live, d.id),
    };
  }

  async scores(user: AuthUser, planId: string, declarationId: string, dto: ScoresDto) {
    const { plan } = await this.seat(user, planId);
    const rules = plan.scoringRules.filter((r) => r.kind === dto.kind);
    if (!rules.length) throw AppException.validation({ kind: '该方案没有此类评分项' });
    const fields: Record<string, string> = {};
    const scores: Record<string, number> = {};
    for (const r of rules) {
      const v = dto.scores[r.key];
      if (typeof v !== 'number' || !Number.isFinite(v)) fields[`scores.${r.key}`] = `请填写“${r.name}”的得分`;
      else if (v < 0 || v > r.maxScore) fields[`scores.${r.key}`] = `“${r.name}”的得分应在0到${r.maxScore}分之间`;
      else if (Math.round(v * 10) !== v * 10) fields[`scores.${r.key}`] = `“${r.name}”的得分最多保留一位小数`;
      else scores[r.key] = v;
    }
    const unknown = Object.keys(dto.scores).filter((k) => !rules.some((r) => r.key === k));
    if (unknown.length) fields.scores = `未知的评分项：${unknown.join('、')}`;
    if (Object.keys(fields).length) throw AppException.validation(fields, Object.values(fields)[0]);
    return this.record(user, planId, declarationId, dto.kind === 'material' ? 'material_score' : 'interview_score', { scores });
  }

  async record(user: AuthUser, planId: string, declarationId: string, kind: ExpertActionKind, value: Record<string, unknown>) {
    return this.ds.transaction(async (m) => {
      const { plan, expertId } = await this.seat(user, planId, m);
      const locked = await m.getRepository(ReviewPlan).findOne({ where: { id: plan.id }, lock: { mode: 'pessimistic_write' } });
      if (locked!.status !== 'drawn') throw AppException.conflict(`评审方案当前状态为“${REVIEW_PLAN_STATUS_LABELS[locked!.status]}”，评审会议未进行或已结束，不能再修改`, 'MEETING_CLOSED');
      const inPlan = await m.getRepository(Declaration).exists({ where: { id: declarationId, reviewPlanId: plan.id } });
      if (!inPlan) throw AppException.notFound('参评人员');
      const repo = m.getRepository(ExpertAction);
      const prev = await repo
        .createQueryBuilder('a')
        .where('a.plan_id = :planId AND a.declaration_id = :declarationId AND a.expert_id = :expertId AND a.kind = :kind AND a.superseded_at IS NULL AND a.rolled_back_at IS NULL', { planId, declarationId, expertId, kind })
        .getOne();
      if (prev) await repo.update({ id: prev.id }, { supersededAt: new Date() });
      const saved = await repo.save(repo.create({ planId, declarationId, expertId, kind, value }));
      await this.audit.record({ actor: user, action: `expert.${kind}`, targetType: 'declaration', targetId: declarationId, before: prev ? { value: prev.value } : null, after: { planId, value } }, m);
      return { id: saved.id, kind, value };
    });
  }
}

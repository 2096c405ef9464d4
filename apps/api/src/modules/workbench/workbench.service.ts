import { Injectable } from '@nestjs/common';
import {
  addDays,
  chinaDate,
  consoleBaseOf,
  Role,
  workbenchTodosFor,
  type WorkbenchAnswer,
  type WorkbenchBatch,
  type WorkbenchTodoKey,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CalendarService } from '../../common/calendar/calendar.service.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditTreeService } from '../audit-tree/audit-tree.service.js';
import { BatchProposalService } from '../batch-proposal/batch-proposal.service.js';
import { CertificateApplicationService } from '../certificate/certificate-application.service.js';
import { CertificateBatchService } from '../certificate/certificate-batch.service.js';
import { ReviewService } from '../committee/review.service.js';
import { UnitPermissionService } from '../organisations/unit-permission.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { ScoringService } from '../scoring/scoring.service.js';

const ONE = { page: 1, pageSize: 1 } as const;
/** Plans an expert still has work on (E-02..E-05: the meeting has not closed). */
const EXPERT_OPEN_PLAN = new Set(['approved', 'drawn']);

/**
 * U-13 工作台. Every count comes from the very service call that answers the list it links to (page size 1, its
 * total), so the count and the list apply the same filters and the same organisation scope; nothing is counted twice
 * in SQL of its own. The entries a role sees are defined once in the contracts (`WORKBENCH_TODOS`).
 */
@Injectable()
export class WorkbenchService {
  constructor(
    private readonly auditSvc: AuditService,
    private readonly tree: AuditTreeService,
    private readonly reviews: ReviewService,
    private readonly batches: CertificateBatchService,
    private readonly applications: CertificateApplicationService,
    private readonly permissions: UnitPermissionService,
    private readonly proposals: BatchProposalService,
    private readonly scoring: ScoringService,
    private readonly reference: ReferenceService,
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
  ) {}

  private count(user: AuthUser, key: WorkbenchTodoKey): Promise<number> {
    const total = (p: Promise<{ total: number }>) => p.then((r) => r.total);
    switch (key) {
      case 'audit_pending':
        return total(this.auditSvc.queue(user, { ...ONE, status: 'pending' }));
      case 'audit_returned':
        return total(this.auditSvc.queue(user, { ...ONE, status: 'failed' }));
      case 'returned_open':
        return total(this.auditSvc.queue(user, { ...ONE, status: 'returned_open' }));
      case 'report_up':
        // 推荐上报 shows the entrusted and the other declarations on two tabs: both wait for report-up
        return Promise.all([total(this.auditSvc.reportList(user, { ...ONE, tab: 'entrusted' })), total(this.auditSvc.reportList(user, { ...ONE, tab: 'non_entrusted' }))]).then(([a, b]) => a + b);
      case 'path_review':
        return total(this.tree.toReview(user, { ...ONE, status: 'pending' }));
      case 'plans_to_submit':
        return total(this.reviews.list(user, { ...ONE, status: 'draft' }));
      case 'plans_rejected':
        return total(this.reviews.list(user, { ...ONE, status: 'rejected' }));
      case 'plans_to_draw':
        return total(this.reviews.list(user, { ...ONE, status: 'approved' }));
      case 'plans_in_meeting':
        return total(this.reviews.list(user, { ...ONE, status: 'drawn' }));
      case 'plans_to_publicise':
        return total(this.reviews.list(user, { ...ONE, status: 'closed' }));
      case 'plan_audit':
        return total(this.reviews.list(user, { ...ONE, status: 'submitted' }));
      case 'filing_audit':
        return total(this.reviews.list(user, { ...ONE, status: 'filing_applied' }));
      case 'to_issue':
        return total(this.batches.listIssuable(user, { ...ONE, issued: 'no' }));
      case 'certificate_applications':
        return total(this.applications.list(user, { ...ONE, status: 'submitted' }));
      case 'unit_permissions':
        return total(this.permissions.list(user, { ...ONE, status: 'pending' }));
      case 'batch_proposals':
        return total(this.proposals.list(user, { ...ONE, status: 'submitted' }));
      case 'expert_plans':
        return this.scoring.myPlans(user).then((r) => r.items.filter((p) => EXPERT_OPEN_PLAN.has(p.status)).length);
    }
  }

  async workbench(user: AuthUser): Promise<WorkbenchAnswer> {
    const base = consoleBaseOf(user.role);
    const todos = [];
    // one after the other: the embedded database answers parallel queries of one request unreliably (see AuditService)
    for (const t of workbenchTodosFor(user.role)) {
      todos.push({ key: t.key, label: t.label, hint: t.hint, count: await this.count(user, t.key), link: `${base}${t.path}` });
    }
    if (user.role === Role.Expert) {
      const plans = (await this.scoring.myPlans(user)).items.filter((p) => EXPERT_OPEN_PLAN.has(p.status));
      const expertPlans = plans.map((p) => ({
        id: p.id,
        name: p.name,
        committeeName: p.committeeName,
        participantCount: p.participantCount,
        leftToScore: p.leftToScore,
        leftToVote: p.leftToVote,
        link: `${base}/expert-review/${p.id}`,
      }));
      return { todos, expertPlans, openBatches: [] };
    }
    return { todos, openBatches: await this.openBatches(user) };
  }

  private async openBatches(user: AuthUser): Promise<WorkbenchBatch[]> {
    const open = await this.reference.openBatches({ committeeId: user.role === Role.CommitteeOperator ? (user.organisationId ?? undefined) : undefined }, this.clock.now());
    const today = this.clock.today();
    const out: WorkbenchBatch[] = [];
    for (const b of open.slice(0, 10)) {
      // the last day of the window is the China day of the instant just before it closes (a window closing at 00:00 ends the day before)
      const lastDay = chinaDate(new Date(b.closesAt).getTime() - 1);
      const left = lastDay < today ? 0 : (await this.calendar.workingDaysBetween(addDays(today, -1), lastDay));
      out.push({ id: b.id, name: b.name, year: b.year, closesAt: b.closesAt, workingDaysLeft: left });
    }
    return out;
  }
}

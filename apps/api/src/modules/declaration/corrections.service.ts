import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DeclarationAction,
  DeclarationStatus,
  RESUBMIT_MODES,
  correctionItems,
  diffModules,
  untouchedByReturn,
  type CorrectionNotice,
  type ResubmissionView,
  type ModuleDiff,
  type ResubmitMode,
} from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CalendarService } from '../../common/calendar/calendar.service.js';
import { ClockService } from '../../common/clock/clock.service.js';
import { AppException } from '../../common/errors/app.exception.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { DeclarationWorkflowService } from './declaration-workflow.service.js';
import { Declaration } from './entities/declaration.entity.js';
import { DeclarationReturn } from './entities/declaration-return.entity.js';

/**
 * A-34 一次性告知 and U-14 resubmission: a return is recorded once, at the node that starts it, with every failing
 * item and the data as returned; it gets its correction deadline (N working days on the A-29 calendar) when it
 * reaches the applicant, who is told every item and the deadline at once; the resubmission either goes straight
 * back to the returning node or climbs the path again (the batch's setting), and the diff of what changed is kept.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: ClockService,
    private readonly rules: EligibilityService,
    private readonly workflow: DeclarationWorkflowService,
  ) {}

  /** The declaration's return that is not resolved yet, if any. */
  async open(m: EntityManager, declarationId: string): Promise<DeclarationReturn | null> {
    return m
      .getRepository(DeclarationReturn)
      .createQueryBuilder('r')
      .where('r.declaration_id = :id AND r.resolved_at IS NULL', { id: declarationId })
      .orderBy('r.created_at', 'DESC')
      .getOne();
  }

  /**
   * A node starts a return (not a cascade further down): records every failing item and the data as returned.
   * Call before the transition; when the return goes straight to the applicant, call `reachApplicant` after it.
   */
  async start(m: EntityManager, d: Declaration, actor: AuthUser, kind: 'return' | 'supplement', opinion: string): Promise<DeclarationReturn> {
    // an older open return (e.g. a cascade interrupted by a transfer) is superseded
    await m.query(`UPDATE declaration_returns SET resolved_at = now(), resolution = 'cancelled' WHERE declaration_id = $1 AND resolved_at IS NULL`, [d.id]);
    const order: { module_key: string }[] = await m.query('SELECT module_key FROM batch_modules WHERE batch_id = $1 ORDER BY sort_order, module_key', [d.batchId]);
    const failures = d.moduleFailures ?? {};
    return m.getRepository(DeclarationReturn).save({
      declarationId: d.id,
      kind,
      fromStage: d.currentStage,
      fromOrgId: d.currentOrgId,
      returnedBy: actor.id,
      opinion,
      items: correctionItems(failures, order.map((o) => o.module_key)),
      failures,
      dataSnapshot: d.moduleData,
    });
  }

  /** The return reached the applicant: the deadline starts today and the applicant gets the one-time notice. */
  async reachApplicant(m: EntityManager, d: Declaration): Promise<void> {
    const r = await this.open(m, d.id);
    if (!r) return;
    const rules = await this.rules.rules(d.batchId, m);
    const today = this.clock.today();
    r.deadline = await this.calendar.addWorkingDays(today, rules.correctionDays, m);
    r.reachedApplicantAt = this.clock.now();
    await m.getRepository(DeclarationReturn).save(r);
    const list = r.items.length ? r.items.map((it, i) => `${i + 1}. ${it.moduleName}·${it.itemLabel}：${it.reason}`).join('；') : '';
    const cap = rules.maxResubmissions !== null ? `本批次最多可重新提交${rules.maxResubmissions}次，已重新提交${d.resubmitCount}次。` : '';
    await this.workflow.notifyApplicantText(
      m,
      d,
      '职称申报补正通知（一次性告知）',
      `您的职称申报被退回，请在 ${r.deadline}（${rules.correctionDays}个工作日）前一次性补正以下事项后重新提交，逾期未补正视为放弃申报。退回意见：${r.opinion}${list ? `。需补正的事项：${list}` : ''}。${cap}`,
      'declaration.correction',
    );
  }

  async noticeFor(m: EntityManager, d: Declaration): Promise<CorrectionNotice | null> {
    if (!(d.status === DeclarationStatus.Returned && d.returnedToApplicant)) return null;
    const r = await this.open(m, d.id);
    if (!r) return null;
    const rules = await this.rules.rules(d.batchId, m);
    const org: { name: string }[] = r.fromOrgId ? await m.query('SELECT name FROM organisations WHERE id = $1', [r.fromOrgId]) : [];
    return {
      returnId: r.id,
      opinion: r.opinion,
      items: r.items,
      returnedByOrgName: org[0]?.name ?? null,
      returnedAt: r.createdAt.toISOString(),
      deadline: r.deadline,
      correctionDays: rules.correctionDays,
      maxResubmissions: rules.maxResubmissions,
      resubmitCount: d.resubmitCount,
      resubmitMode: rules.resubmitMode,
      resubmitModeLabel: RESUBMIT_MODES[rules.resubmitMode],
    };
  }

  /**
   * The resubmission's route: straight back to the returning node (skipping the nodes that already passed it) when
   * the batch says 直达 and the changes stay within the modules the return failed; else up the whole path again.
   * Refuses past the deadline and beyond the batch's cap. Marks the return resolved with its diff.
   */
  async resubmitRoute(m: EntityManager, d: Declaration): Promise<{ stage: number; route: ResubmitMode; opinion: string; diff: ModuleDiff[] }> {
    const rules = await this.rules.rules(d.batchId, m);
    if (rules.maxResubmissions !== null && d.resubmitCount >= rules.maxResubmissions) {
      throw AppException.conflict(`本批次每份申报最多可重新提交${rules.maxResubmissions}次，您已重新提交${d.resubmitCount}次，不能再次提交`, 'RESUBMIT_LIMIT');
    }
    const r = await this.open(m, d.id);
    const stages = d.pathSnapshot?.stages ?? [];
    if (!r) return { stage: 0, route: 'climb', opinion: '修改后重新提交，逐级审核', diff: [] };
    if (r.deadline && r.deadline < this.clock.today()) {
      throw AppException.conflict(`补正期限已于 ${r.deadline} 届满，该申报视为放弃申报，不能重新提交`, 'CORRECTION_OVERDUE');
    }
    const diff = diffModules(r.dataSnapshot, d.moduleData, r.failures);
    const target = r.fromStage < stages.length ? r.fromStage : 0;
    const outside = r.items.length ? untouchedByReturn(diff) : [];
    const label = (i: number) => `${stages[i]?.label ?? ''}${stages[i]?.orgName ? `（${stages[i].orgName}）` : ''}`;
    const changes = diff.reduce((n, x) => n + x.fields.length + x.addedRows.length + x.removedRows.length + x.changedRows.length + x.files.length, 0);
    let route: ResubmitMode;
    let stage: number;
    let opinion: string;
    if (rules.resubmitMode === 'direct' && target === 0) {
      // The first node returned it: going straight back and climbing are the same way; say the one the batch chose.
      route = 'direct';
      stage = 0;
      opinion = `直达退回节点：${label(0)}（退回的即第一个审核环节）；修改${changes}处`;
    } else if (rules.resubmitMode === 'direct' && !outside.length) {
      route = 'direct';
      stage = target;
      opinion = `直达退回节点：${label(target)}，跳过已审核通过的${stages.slice(0, target).map((_, i) => label(i)).join('、')}；修改${changes}处`;
    } else {
      route = 'climb';
      stage = 0;
      opinion =
        rules.resubmitMode === 'direct' && target > 0
          ? `逐级审核：修改了退回事项以外的内容（${outside.join('、')}），须从${label(0)}重新审核；修改${changes}处`
          : `逐级审核：从${label(0)}重新审核；修改${changes}处`;
    }
    r.resolvedAt = this.clock.now();
    r.resolution = 'resubmitted';
    r.route = route;
    r.diff = diff;
    await m.getRepository(DeclarationReturn).save(r);
    return { stage, route, opinion, diff };
  }

  /** The applicant cancelled the declaration: its open return is closed. */
  async closeOnCancel(m: EntityManager, declarationId: string): Promise<void> {
    await m.query(`UPDATE declaration_returns SET resolved_at = now(), resolution = 'cancelled' WHERE declaration_id = $1 AND resolved_at IS NULL`, [declarationId]);
  }

  /** U-14: the latest resubmission of a declaration now waiting at the node that returned it. */
  async resubmissionFor(m: EntityManager, d: Declaration): Promise<ResubmissionView | null> {
    const r = await m
      .getRepository(DeclarationReturn)
      .createQueryBuilder('r')
      .where(`r.declaration_id = :id AND r.resolution = 'resubmitted'`, { id: d.id })
      .orderBy('r.resolved_at', 'DESC')
      .getOne();
    if (!r || r.fromOrgId !== d.currentOrgId || d.status !== DeclarationStatus.UnderAudit || r.fromStage !== d.currentStage) return null;
    const ids = new Set<string>();
    for (const x of r.diff ?? []) {
      for (const f of x.files) [...f.oldFileIds, ...f.newFileIds].forEach((i) => ids.add(i));
    }
    const valid = [...ids].filter((i) => /^[0-9a-f-]{36}$/i.test(i));
    const rows: { id: string; original_name: string; size_bytes: number }[] = valid.length ? await m.query('SELECT id, original_name, size_bytes FROM stored_files WHERE id = ANY($1)', [valid]) : [];
    return {
      returnId: r.id,
      opinion: r.opinion,
      items: r.items,
      returnedAt: r.createdAt.toISOString(),
      resubmittedAt: r.resolvedAt?.toISOString() ?? null,
      route: r.route,
      routeLabel: r.route ? RESUBMIT_MODES[r.route] : null,
      diff: r.diff ?? [],
      files: Object.fromEntries(rows.map((f) => [f.id, { id: f.id, name: f.original_name, sizeBytes: f.size_bytes }])),
    };
  }

  /**
   * A-34: every return left at the applicant past its deadline becomes 放弃申报, with a message. Rows are taken with
   * SKIP LOCKED so several API processes can run the sweep at once. Returns how many it abandoned.
   */
  async abandonOverdue(m: EntityManager, today = this.clock.today(), limit = 100): Promise<number> {
    const rows: { id: string; declaration_id: string; deadline: string }[] = await m.query(
      `SELECT r.id, r.declaration_id, r.deadline::text AS deadline FROM declaration_returns r
         JOIN declarations d ON d.id = r.declaration_id
        WHERE r.resolved_at IS NULL AND r.deadline IS NOT NULL AND r.deadline < $1
          AND d.status = 'returned' AND d.returned_to_applicant
        ORDER BY r.deadline, r.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [today, limit],
    );
    for (const row of rows) {
      const d = await m.getRepository(Declaration).findOneOrFail({ where: { id: row.declaration_id } });
      await this.workflow.transition(m, d, {
        actor: null,
        action: DeclarationAction.Abandon,
        to: { status: DeclarationStatus.Abandoned, currentOrgId: null, returnedToApplicant: false },
        opinion: `补正期限 ${row.deadline} 已过，未按一次性告知的事项补正并重新提交，视为放弃申报`,
      });
      await m.query(`UPDATE declaration_returns SET resolved_at = now(), resolution = 'abandoned' WHERE id = $1`, [row.id]);
    }
    return rows.length;
  }
}

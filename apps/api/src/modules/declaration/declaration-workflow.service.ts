import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DECLARATION_ACTION_LABELS,
  DECLARATION_STATUS_LABELS,
  canDeclarationDo,
  type DeclarationAction,
  type DeclarationStatus, type MessageEvent } from '@zhicheng/contracts';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException } from '../../common/errors/app.exception.js';
import { clock } from '../../common/clock/clock.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { OutboxService } from '../notices/outbox.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { Declaration } from './entities/declaration.entity.js';
import { DeclarationEvent } from './entities/declaration-event.entity.js';

export interface TransitionInput {
  /** Who acts (applicant or auditor); null for the system. */
  actor: AuthUser | null;
  action: DeclarationAction;
  /** The new state; unchanged fields stay as they are. */
  to: {
    status: DeclarationStatus;
    stage?: number;
    currentOrgId?: string | null;
    returnedToApplicant?: boolean;
  };
  opinion?: string | null;
  /** Extra fields to set on the declaration in the same write (e.g. path snapshot, submittedAt). */
  patch?: Partial<Declaration>;
  /** Notify the applicant (in-app and SMS); default true. */
  notify?: boolean;
}

/**
 * The one place a declaration changes state (DOMAIN §4): checks the state machine, writes the
 * declaration, the timeline event, the audit log and the applicant's notifications in the caller's
 * transaction. Used by submission, cancel and resubmit here, and by the audit workflow of issue 6.
 * The caller loads the declaration with a write lock and checks the version it was sent.
 */
@Injectable()
export class DeclarationWorkflowService {
  constructor(
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxService,
    private readonly crypto: CryptoService,
  ) {}

  /** 409 with the house message when the client saw an older version. */
  assertVersion(d: Declaration, version: number): void {
    if (d.version !== version) throw AppException.conflict('数据已在其他页面修改，请刷新后重试', 'STALE_VERSION');
  }

  async transition(m: EntityManager, d: Declaration, input: TransitionInput): Promise<Declaration> {
    if (!canDeclarationDo(d.status, input.action)) {
      throw AppException.conflict(
        `当前状态（${DECLARATION_STATUS_LABELS[d.status]}）不能执行“${DECLARATION_ACTION_LABELS[input.action]}”操作`,
        'INVALID_TRANSITION',
      );
    }
    const before = { status: d.status, stage: d.currentStage, currentOrgId: d.currentOrgId, returnedToApplicant: d.returnedToApplicant };
    const fromStatus = d.status;
    const fromStage = d.pathSnapshot ? d.currentStage : null;
    Object.assign(d, input.patch ?? {});
    d.status = input.to.status;
    if (input.to.stage !== undefined) d.currentStage = input.to.stage;
    if (input.to.currentOrgId !== undefined) d.currentOrgId = input.to.currentOrgId;
    if (input.to.returnedToApplicant !== undefined) d.returnedToApplicant = input.to.returnedToApplicant;
    // A-30: the time at the node starts again whenever the declaration moves (state, stage or organisation)
    if (d.status !== before.status || d.currentStage !== before.stage || d.currentOrgId !== before.currentOrgId) d.stageEnteredAt = clock.now();
    const saved = await m.getRepository(Declaration).save(d);
    await m.insert(DeclarationEvent, {
      declarationId: d.id,
      actorUserId: input.actor?.id ?? null,
      actorOrgId: input.actor?.organisationId ?? null,
      action: input.action,
      fromStatus,
      toStatus: d.status,
      fromStage,
      toStage: d.pathSnapshot ? d.currentStage : null,
      opinion: input.opinion ?? null,
    });
    await this.audit.record(
      {
        actor: input.actor,
        action: `declaration.${input.action}`,
        targetType: 'declaration',
        targetId: d.id,
        before,
        after: { status: d.status, stage: d.currentStage, currentOrgId: d.currentOrgId, returnedToApplicant: d.returnedToApplicant, opinion: input.opinion ?? null },
      },
      m,
    );
    if (input.notify !== false) await this.notifyApplicant(m, d, input);
    return saved;
  }

  private async notifyApplicant(m: EntityManager, d: Declaration, input: TransitionInput): Promise<void> {
    const stage = d.pathSnapshot?.stages[d.currentStage];
    const where = d.status === 'under_audit' && stage ? `，当前环节：${stage.label}${stage.orgName ? `（${stage.orgName}）` : ''}` : '';
    const reason = input.opinion ? `，意见：${input.opinion}` : '';
    const subject = `职称申报${DECLARATION_ACTION_LABELS[input.action]}`;
    const body = `您的职称申报已${DECLARATION_ACTION_LABELS[input.action]}，状态：${DECLARATION_STATUS_LABELS[d.status]}${where}${reason}。`;
    await this.notifyApplicantText(m, d, subject, body);
  }

  /** A message to the applicant in-app, by SMS and by e-mail (where they gave them), in the caller's transaction. */
  async notifyApplicantText(m: EntityManager, d: Declaration, subject: string, body: string, event: MessageEvent = 'declaration.status'): Promise<void> {
    const u = await m.getRepository(User).findOne({ where: { id: d.applicantUserId } });
    if (!u) return;
    await this.outbox.enqueue({ channel: 'inapp', event, userId: u.id, recipient: u.username, subject, body }, m);
    if (u.mobileEnc) {
      await this.outbox.enqueue({ channel: 'sms', event, userId: u.id, recipient: this.crypto.decrypt(u.mobileEnc), subject, body }, m);
    }
    if (u.email) await this.outbox.enqueue({ channel: 'email', event, userId: u.id, recipient: u.email, subject, body }, m);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { maskMobile, type MessageChannel, type MessageEvent } from '@zhicheng/contracts';
import { JobsService } from '../../common/jobs/jobs.service.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';

export interface OutgoingMessage {
  channel: MessageChannel;
  /** The business event (see MESSAGE_EVENTS); `notice` when none fits. */
  event?: MessageEvent;
  userId: string | null;
  /** Shown in lists; an SMS recipient is stored masked — the sender reads the number from the user's encrypted record. */
  recipient: string;
  subject: string;
  body: string;
}

/** The job that delivers one e-mail or SMS. */
export const DELIVER_JOB = 'message.deliver';

/**
 * messages are written to the outbox in the caller's transaction, together with their delivery job (so a
 * message exists exactly when its change committed, and is delivered even if this process dies right after).
 * In-app messages are delivered by being written: the message centre reads them.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  async enqueue(msg: OutgoingMessage, manager: EntityManager = this.ds.manager): Promise<void> {
    const inapp = msg.channel === 'inapp';
    const recipient = msg.channel === 'sms' && /^1\d{10}$/.test(msg.recipient) ? maskMobile(msg.recipient) : msg.recipient;
    const row = {
      channel: msg.channel,
      event: msg.event ?? 'notice',
      userId: msg.userId,
      recipient: recipient.slice(0, 128),
      subject: msg.subject.slice(0, 200),
      body: msg.body,
      status: inapp ? ('sent' as const) : ('pending' as const),
      deliveredVia: inapp ? 'inapp' : null,
      sentAt: inapp ? new Date() : null,
      attempts: inapp ? 1 : 0,
    };
    const res = await manager.insert(OutboxMessage, row);
    const id = String(res.identifiers[0]!.id);
    if (msg.channel === 'sms' || msg.channel === 'email') {
      await this.jobs.send(DELIVER_JOB, { messageId: id }, { manager: manager.queryRunner ? manager : undefined, id });
    }
  }

  /** Development sink: the newest messages, to read what would have been sent. */
  async latest(limit: number, recipientLike?: string) {
    const qb = this.ds.getRepository(OutboxMessage).createQueryBuilder('m').orderBy('m.created_at', 'DESC').take(limit);
    if (recipientLike) qb.where('m.recipient LIKE :r', { r: `%${recipientLike}%` });
    return qb.getMany();
  }

  async forUser(userId: string, page: number, pageSize: number) {
    const [items, total] = await this.ds.getRepository(OutboxMessage).findAndCount({
      where: { userId, channel: 'inapp' },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total, page, pageSize };
  }
}

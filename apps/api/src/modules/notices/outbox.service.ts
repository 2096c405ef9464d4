import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { maskEmail, maskMobile, type MessageChannel, type MessageEvent } from '@zhicheng/contracts';
import { CryptoService } from '../../common/crypto/crypto.service.js';
import { JobsService } from '../../common/jobs/jobs.service.js';
import { OutboxMessage } from './entities/outbox-message.entity.js';

export interface OutgoingMessage {
  channel: MessageChannel;
  /** The business event (see MESSAGE_EVENTS); `notice` when none fits. */
  event?: MessageEvent;
  userId: string | null;
  /**
   * In-app: the user name. SMS and e-mail: the full number or address — stored encrypted (`recipient_enc`) and shown
   * masked; a masked one (as the recovery flow passes) makes the sender read the user's own record.
   */
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
    private readonly crypto: CryptoService,
  ) {}

  async enqueue(msg: OutgoingMessage, manager: EntityManager = this.ds.manager): Promise<void> {
    const inapp = msg.channel === 'inapp';
    const full = (msg.channel === 'sms' && /^1\d{10}$/.test(msg.recipient)) || (msg.channel === 'email' && /^[^@\s*]+@[^@\s]+$/.test(msg.recipient));
    const recipient = !full ? msg.recipient : msg.channel === 'sms' ? maskMobile(msg.recipient) : maskEmail(msg.recipient);
    const row = {
      channel: msg.channel,
      event: msg.event ?? 'notice',
      userId: msg.userId,
      recipient: recipient.slice(0, 128),
      recipientEnc: full ? this.crypto.encrypt(msg.recipient) : null,
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

  /**
   * Development sink: the newest messages with their full recipients (it shows what would have been sent), optionally
   * those whose recipient contains `recipientLike` (searched among the newest 1,000: the addresses are encrypted).
   */
  async latest(limit: number, recipientLike?: string) {
    const rows = await this.ds
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .addSelect('m.recipientEnc')
      .orderBy('m.created_at', 'DESC')
      .take(recipientLike ? 1000 : limit)
      .getMany();
    const items = rows.map(({ recipientEnc, ...m }) => ({ ...m, recipient: recipientEnc ? this.crypto.decrypt(recipientEnc) : m.recipient }));
    return (recipientLike ? items.filter((m) => m.recipient.includes(recipientLike)) : items).slice(0, limit);
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

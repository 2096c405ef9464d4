import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessageChannel } from '@zhicheng/contracts';
import { OutboxMessage } from './entities/outbox-message.entity.js';

export interface OutgoingMessage {
  channel: MessageChannel;
  userId: string | null;
  recipient: string;
  subject: string;
  body: string;
}

/** messages are written to the outbox in the caller's transaction; delivery is separate. */
@Injectable()
export class OutboxService {
  constructor(private readonly ds: DataSource) {}

  async enqueue(msg: OutgoingMessage, manager: EntityManager = this.ds.manager): Promise<void> {
    await manager.insert(OutboxMessage, { ...msg, status: 'pending' });
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

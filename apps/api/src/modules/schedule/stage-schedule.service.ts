import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays } from '@zhicheng/contracts';
import { ClockService } from '../../common/clock/clock.service.js';
import { JobsService } from '../../common/jobs/jobs.service.js';
import { AuditLogService } from '../audit-log/audit-log.service.js';
import { OutboxService } from '../notices/outbox.service.js';

/** Queue names of the scheduled stage changes. */
export const BATCH_CLOSE_JOB = 'schedule.batch_close';
export const DAILY_REMINDERS_JOB = 'schedule.daily_reminders';

/** Days before a declaration window closes that applicants with an unsubmitted declaration are reminded. */
export const CLOSING_REMINDER_DAYS = 3;

/**
 * X-06 scheduled stage changes, as recurring jobs (China time):
 *  - `schedule.batch_close` (every 10 minutes): a published declaration batch whose window has closed becomes 已截止
 *    (`closed`), with an audit-log row;
 *  - `schedule.daily_reminders` (every day 08:00): applicants whose declaration is still a draft in a batch that closes
 *    within 3 days are reminded; committees whose review-result publicity period ended yesterday are told they may
 *    apply for filing. Each reminder is sent once (`scheduled_reminders`).
 * Dates come from the business clock, passed to SQL as parameters.
 */
@Injectable()
export class StageScheduleService implements OnModuleInit {
  private readonly log = new Logger('StageSchedule');

  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly clock: ClockService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
  ) {}

  onModuleInit() {
    this.jobs.recurring({ name: BATCH_CLOSE_JOB, label: '申报批次到期截止', cron: '*/10 * * * *', retryLimit: 3, handler: async () => void (await this.closeBatches()) });
    this.jobs.recurring({ name: DAILY_REMINDERS_JOB, label: '每日提醒（批次即将截止、公示期满）', cron: '0 8 * * *', retryLimit: 3, handler: async () => void (await this.dailyReminders()) });
  }

  /** Closes published batches whose window has ended; answers how many. */
  async closeBatches(): Promise<number> {
    return this.ds.transaction(async (m) => {
      const rows = (await m.query(
        `UPDATE batches SET status = 'closed', updated_at = now(), version = version + 1 WHERE status = 'published' AND closes_at <= $1 RETURNING id, name`,
        [this.clock.now()],
      )) as [{ id: string; name: string }[], number];
      const closed = rows[0] ?? [];
      for (const b of closed) {
        await this.audit.record({ actor: null, action: 'batch.auto_close', targetType: 'batch', targetId: b.id, before: { status: 'published' }, after: { status: 'closed', reason: '申报时间已截止' } }, m);
      }
      if (closed.length) this.log.log(`closed ${closed.length} batch(es) whose window ended`);
      return closed.length;
    });
  }

  private async once(m: EntityManager, key: string): Promise<boolean> {
    const r = (await m.query(`INSERT INTO scheduled_reminders (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`, [key])) as unknown[];
    return r.length > 0;
  }

  /** Sends today's reminders; answers how many messages were written. */
  async dailyReminders(): Promise<number> {
    const today = this.clock.today();
    let sent = 0;
    await this.ds.transaction(async (m) => {
      const until = new Date(`${addDays(today, CLOSING_REMINDER_DAYS + 1)}T00:00:00+08:00`);
      const drafts = (await m.query(
        `SELECT d.id, d.applicant_user_id AS user_id, u.username, b.name AS batch_name, b.closes_at
           FROM declarations d JOIN batches b ON b.id = d.batch_id JOIN users u ON u.id = d.applicant_user_id
          WHERE d.status = 'draft' AND b.status = 'published' AND b.closes_at > $1 AND b.closes_at < $2`,
        [this.clock.now(), until],
      )) as { id: string; user_id: string; username: string; batch_name: string; closes_at: Date }[];
      for (const d of drafts) {
        if (!(await this.once(m, `batch_closing:${d.id}`))) continue;
        const when = new Date(new Date(d.closes_at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
        await this.outbox.enqueue({ channel: 'inapp', event: 'declaration.status', userId: d.user_id, recipient: d.username, subject: '申报即将截止', body: `您在“${d.batch_name}”中的职称申报尚未提交，申报将于 ${when} 截止，请及时提交。` }, m);
        sent++;
      }
      const yesterday = addDays(today, -1);
      const plans = (await m.query(
        `SELECT p.id, p.name, p.committee_id FROM review_plans p WHERE p.status = 'publicity' AND p.publicity_ends_on = $1`,
        [yesterday],
      )) as { id: string; name: string; committee_id: string }[];
      for (const p of plans) {
        if (!(await this.once(m, `publicity_ended:${p.id}`))) continue;
        const ops = (await m.query(`SELECT id, username FROM users WHERE organisation_id = $1 AND role = 'committee_operator' AND status = 'active'`, [p.committee_id])) as { id: string; username: string }[];
        for (const u of ops) {
          await this.outbox.enqueue({ channel: 'inapp', event: 'notice', userId: u.id, recipient: u.username, subject: '评审结果公示期满', body: `“${p.name}”的评审结果公示期已于 ${yesterday} 结束，可以申请备案。` }, m);
          sent++;
        }
      }
    });
    return sent;
  }
}

import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { MESSAGE_CHANNEL_LABELS, MESSAGE_STATUS_LABELS, maskEmail, maskMobile } from '@zhicheng/contracts';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { CryptoService } from '../../../common/crypto/crypto.service.js';
import { AppException } from '../../../common/errors/app.exception.js';
import { assertJobsAdmin } from '../../../common/jobs/jobs-access.js';
import { JobsService } from '../../../common/jobs/jobs.service.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import { AuditLogService } from '../../audit-log/audit-log.service.js';
import { DELIVER_JOB } from '../outbox.service.js';
import { aliyunSendSms, SmsError } from './aliyun-sms.js';
import { eventLabel, renderEmail, renderSms } from './message-templates.js';

/** A refusal that no later attempt can change (no address, a permanent SMTP 5xx, a bad number): dead-lettered at once. */
export class PermanentDeliveryError extends Error {}

/** Finds pending e-mail/SMS whose job went missing (e.g. rows from before the queue) and queues them. */
export const SWEEP_JOB = 'message.sweep';

interface Row {
  id: string;
  channel: 'sms' | 'email';
  event: string;
  user_id: string | null;
  recipient: string;
  /** The full address, encrypted (issue 13); null on messages written before it, or with a masked recipient. */
  recipient_enc: string | null;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * X-05 delivery of the outbox: one `message.deliver` job per e-mail or SMS (written with the message, in its
 * transaction). An attempt is counted before it is made; success marks the message 已发送; a failure keeps it 待发送
 * with the reason and lets the queue retry with exponential backoff; the last allowed attempt (`MESSAGE_MAX_ATTEMPTS`)
 * or a permanent refusal marks it 发送失败 — the dead-letter list an administrator sees and re-sends.
 *
 * Channels: e-mail through nodemailer over SMTP (`SMTP_*`), SMS through the 阿里云短信 SendSms API (`SMS_*`); without a
 * configured channel, development and test deliver into the development sink (`/api/dev/outbox`), production fails
 * the message with a clear reason.
 */
@Injectable()
export class MessageDeliveryService implements OnModuleInit {
  private readonly log = new Logger('MessageDelivery');
  private transport: Transporter | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly crypto: CryptoService,
    private readonly audit: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const c = this.config.messages;
    this.jobs.define<{ messageId: string }>({
      name: DELIVER_JOB,
      label: '消息投递（邮件、短信）',
      // pg-boss retries what our own attempt count allows; a couple more absorb attempts lost to a killed process.
      retryLimit: c.maxAttempts + 2,
      retryDelay: c.retryDelaySeconds,
      retryDelayMax: 3600,
      expireInSeconds: 120,
      concurrency: c.concurrency,
      handler: (data) => this.deliver(data.messageId),
    });
    this.jobs.recurring({
      name: SWEEP_JOB,
      label: '补发遗漏的待发送消息',
      cron: '*/5 * * * *',
      retryLimit: 1,
      handler: async () => {
        await this.sweep();
      },
    });
  }

  private smtp(): Transporter | null {
    const s = this.config.messages.smtp;
    if (!s) return null;
    this.transport ??= nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      requireTLS: s.requireTls,
      auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
      tls: { rejectUnauthorized: s.rejectUnauthorized },
      connectionTimeout: 15000,
      greetingTimeout: 15000,
      socketTimeout: 30000,
    });
    return this.transport;
  }

  /** One attempt at one message (the job's handler). Throws to have the queue retry it. */
  async deliver(messageId: string): Promise<void> {
    const max = this.config.messages.maxAttempts;
    const rows = (await this.ds.query(
      `UPDATE outbox_messages SET attempts = attempts + 1
        WHERE id = $1 AND status = 'pending' AND channel IN ('sms', 'email')
        RETURNING id, channel, event, user_id, recipient, recipient_enc, subject, body, attempts`,
      [messageId],
    )) as [Row[], number] | Row[];
    const row = (Array.isArray(rows[0]) ? rows[0] : rows) as Row[];
    const m = row[0];
    if (!m) return; // sent, dead-lettered or re-queued meanwhile: nothing to do
    try {
      const via = await this.send(m);
      await this.ds.query(`UPDATE outbox_messages SET status = 'sent', sent_at = now(), delivered_via = $2, last_error = NULL WHERE id = $1`, [m.id, via]);
    } catch (e) {
      const reason = describe(e);
      const final = e instanceof PermanentDeliveryError || (e instanceof SmsError && !e.retryable) || m.attempts >= max;
      await this.ds.query(
        `UPDATE outbox_messages SET last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END, failed_at = CASE WHEN $3 THEN now() ELSE failed_at END WHERE id = $1`,
        [m.id, reason.slice(0, 500), final],
      );
      if (final) {
        this.log.warn(`message ${m.id} (${m.channel}) dead-lettered after ${m.attempts} attempt(s): ${reason}`);
        return;
      }
      throw new Error(reason, { cause: e });
    }
  }

  private async send(m: Row): Promise<string> {
    const dev = this.config.env !== 'production';
    if (m.channel === 'email') {
      const to = await this.emailOf(m);
      const t = this.smtp();
      if (!t) {
        if (dev) return 'dev-sink';
        throw new PermanentDeliveryError('未配置邮件服务（SMTP_HOST），邮件无法发出');
      }
      const mail = renderEmail(m);
      try {
        await t.sendMail({ from: this.config.messages.smtp!.from, to, subject: mail.subject, text: mail.text, messageId: `<${m.id}@zhicheng.outbox>`, headers: { 'X-Zhicheng-Event': m.event } });
      } catch (e) {
        // Every refusal or connection failure is retried with backoff; after the last attempt the message is dead-lettered.
        const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
        throw new Error(err.responseCode ? `邮件服务器拒收（${err.responseCode}）：${(err.response ?? '').slice(0, 300)}` : `邮件服务器连接失败：${err.code ?? ''} ${err.message ?? ''}`.trim(), { cause: e });
      }
      return 'smtp';
    }
    const phone = await this.mobileOf(m);
    const sms = this.config.messages.sms;
    if (!sms) {
      if (dev) return 'dev-sink';
      throw new PermanentDeliveryError('未配置短信服务（SMS_PROVIDER），短信无法发出');
    }
    const t = renderSms(m, sms.templates, sms.templateCode);
    await aliyunSendSms(sms, { phone, templateCode: t.templateCode, templateParam: t.param, outId: m.id });
    return 'aliyun';
  }

  private async emailOf(m: Row): Promise<string> {
    if (m.recipient_enc) return this.crypto.decrypt(m.recipient_enc);
    if (m.user_id) {
      const [u] = (await this.ds.query(`SELECT email FROM users WHERE id = $1`, [m.user_id])) as { email: string | null }[];
      if (u?.email) return u.email;
    }
    if (/^[^@\s]+@[^@\s]+$/.test(m.recipient)) return m.recipient;
    throw new PermanentDeliveryError('收件人没有登记电子邮箱');
  }

  private async mobileOf(m: Row): Promise<string> {
    if (m.recipient_enc) return this.crypto.decrypt(m.recipient_enc);
    if (m.user_id) {
      const [u] = (await this.ds.query(`SELECT mobile_enc FROM users WHERE id = $1`, [m.user_id])) as { mobile_enc: string | null }[];
      if (u?.mobile_enc) return this.crypto.decrypt(u.mobile_enc);
    }
    if (/^1\d{10}$/.test(m.recipient)) return m.recipient;
    throw new PermanentDeliveryError('收件人没有登记手机号码');
  }

  /** Queues pending e-mail/SMS older than a minute whose job is gone (the job id is the message id: no duplicates). */
  async sweep(): Promise<number> {
    const rows = (await this.ds.query(
      `SELECT id FROM outbox_messages WHERE status = 'pending' AND channel IN ('sms', 'email') AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 1000`,
    )) as { id: string }[];
    let n = 0;
    for (const r of rows) if (await this.jobs.send(DELIVER_JOB, { messageId: r.id }, { id: r.id })) n++;
    return n;
  }

  // ---------- the dead-letter list (administrator) ----------

  async list(user: AuthUser, q: { page: number; pageSize: number; status?: string; channel?: string }) {
    assertJobsAdmin(user);
    const where: string[] = [`channel IN ('sms', 'email')`];
    const params: unknown[] = [];
    if (q.status) {
      params.push(q.status);
      where.push(`status = $${params.length}`);
    }
    if (q.channel) {
      params.push(q.channel);
      where.push(`channel = $${params.length}`);
    }
    const w = where.join(' AND ');
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE ${w}`, params)) as { n: number }[];
    const rows = (await this.ds.query(
      `SELECT id, channel, event, recipient, subject, status, attempts, last_error, delivered_via, created_at, sent_at, failed_at
         FROM outbox_messages WHERE ${w} ORDER BY created_at DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, (q.page - 1) * q.pageSize, q.pageSize],
    )) as { id: string; channel: 'sms' | 'email'; event: string; recipient: string; subject: string; status: keyof typeof MESSAGE_STATUS_LABELS; attempts: number; last_error: string | null; delivered_via: string | null; created_at: Date; sent_at: Date | null; failed_at: Date | null }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        channelLabel: MESSAGE_CHANNEL_LABELS[r.channel],
        event: r.event,
        eventLabel: eventLabel(r.event),
        // stored masked; a row from before the encryption may still hold a full address
        recipient: r.channel === 'sms' && /^1\d{10}$/.test(r.recipient) ? maskMobile(r.recipient) : r.channel === 'email' && !r.recipient.includes('***') ? maskEmail(r.recipient) : r.recipient,
        subject: r.subject,
        status: r.status,
        statusLabel: MESSAGE_STATUS_LABELS[r.status] ?? r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        deliveredVia: r.delivered_via,
        createdAt: new Date(r.created_at).toISOString(),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
        failedAt: r.failed_at ? new Date(r.failed_at).toISOString() : null,
      })),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** 重新发送: a dead-lettered message gets a fresh set of attempts and a new delivery job. */
  async resend(user: AuthUser, id: string) {
    assertJobsAdmin(user);
    await this.ds.transaction(async (m) => {
      const res = (await m.query(
        `UPDATE outbox_messages SET status = 'pending', attempts = 0, last_error = NULL, failed_at = NULL
          WHERE id = $1 AND status = 'failed' AND channel IN ('sms', 'email') RETURNING id, channel, event`,
        [id],
      )) as [{ id: string; channel: string; event: string }[], number];
      const row = res[0]?.[0];
      if (!row) {
        const exists = (await m.query(`SELECT status FROM outbox_messages WHERE id = $1 AND channel IN ('sms', 'email')`, [id])) as { status: string }[];
        if (!exists[0]) throw AppException.notFound('消息');
        throw AppException.conflict('只有发送失败的消息可以重新发送');
      }
      await this.jobs.send(DELIVER_JOB, { messageId: id }, { manager: m });
      await this.audit.record({ actor: user, action: 'message.resend', targetType: 'outbox_message', targetId: id, before: { status: 'failed' }, after: { status: 'pending', channel: row.channel, event: row.event } }, m);
    });
    return { id, status: 'pending', statusLabel: MESSAGE_STATUS_LABELS.pending };
  }
}

/** A Chinese reason for the administrator; never a raw stack. */
function describe(e: unknown): string {
  if (e instanceof Error) return e.message || '未知错误';
  return String(e);
}

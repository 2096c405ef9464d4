import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestContext, type TestContext } from './context.js';
import { OutboxService } from '../src/modules/notices/outbox.service.js';
import { aliyunSendSms } from '../src/modules/notices/delivery/aliyun-sms.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Received {
  to: string[];
  messageId: string;
  subject: string;
  raw: string;
}

/** A real SMTP server (smtp-server) on a loopback port; `refuse` decides per recipient whether to answer 550. */
async function startSmtp(refuse: (to: string) => boolean) {
  const received: Received[] = [];
  const refused: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse(address.address)) {
        refused.push(address.address);
        const e = new Error('mailbox unavailable') as Error & { responseCode: number };
        e.responseCode = 550;
        return cb(e);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: header('Message-ID'), subject: header('Subject'), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, refused, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Decodes an RFC 2047 encoded-word subject (nodemailer writes non-ASCII subjects as =?UTF-8?B?…?=). */
function decodeSubject(s: string): string {
  // Adjacent encoded words may split a character's bytes: decode them to bytes first, then to text.
  const bytes: Buffer[] = [];
  let rest = s.trim();
  for (;;) {
    const m = /^=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/i.exec(rest);
    if (!m) break;
    bytes.push(m[1]!.toUpperCase() === 'B' ? Buffer.from(m[2]!, 'base64') : Buffer.from(m[2]!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
    rest = rest.slice(m[0].length);
  }
  return Buffer.concat(bytes).toString('utf8') + rest;
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('X-05 e-mail over SMTP: delivered, retried, dead-lettered and re-sent', () => {
  let t: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let refuseAll = true;
  beforeAll(async () => {
    smtp = await startSmtp((to) => to.startsWith('refuse') && refuseAll);
    t = await createTestContext({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: '职称申报评审系统 <noreply@zhicheng.test>',
        SMTP_REQUIRE_TLS: 'false',
        MESSAGE_MAX_ATTEMPTS: '3',
        MESSAGE_RETRY_DELAY_SECONDS: '1',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends 找回用户名 by e-mail to the real SMTP server: it arrives once, with its event in the subject, and the message is 已发送', async () => {
    const [u] = await t.ds.query(`SELECT id, email FROM users WHERE username = 'applicant'`);
    await t.app.get(OutboxService).enqueue({ channel: 'email', event: 'account.recover_username', userId: u.id, recipient: u.email, subject: '找回用户名', body: '您在职称申报评审系统的登录用户名为：applicant' });
    const [row] = await t.ds.query(`SELECT id FROM outbox_messages WHERE user_id = $1 AND channel = 'email' AND subject = '找回用户名' ORDER BY created_at DESC LIMIT 1`, [u.id]);
    const got = await until('the mail', async () => smtp.received.find((m) => m.messageId === `<${row.id}@zhicheng.outbox>`));
    expect(got.to).toEqual([u.email]);
    expect(decodeSubject(got.subject)).toBe('【找回用户名】找回用户名 - 职称申报评审系统');
    const state = await until('sent', async () => (await t.ds.query(`SELECT status, attempts, delivered_via, sent_at FROM outbox_messages WHERE id = $1 AND status = 'sent'`, [row.id]))[0]);
    expect(state).toMatchObject({ status: 'sent', attempts: 1, delivered_via: 'smtp' });
    await sleep(1500);
    expect(smtp.received.filter((m) => m.messageId === `<${row.id}@zhicheng.outbox>`)).toHaveLength(1);
  });

  it('issue 13: the outbox keeps an address only encrypted and shows it masked; the mail still reaches the full address', async () => {
    const address = 'outside.reader@zhicheng.test';
    await t.app.get(OutboxService).enqueue({ channel: 'email', event: 'notice', userId: null, recipient: address, subject: '外部收件人', body: '测试。' });
    const [row] = await t.ds.query(`SELECT * FROM outbox_messages WHERE subject = '外部收件人'`);
    expect(row.recipient).toBe('ou***@zhicheng.test');
    expect(row.recipient_enc).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain('outside.reader');
    const got = await until('the mail', async () => smtp.received.find((m) => m.messageId === `<${row.id}@zhicheng.outbox>`));
    expect(got.to).toEqual([address]);
    const admin = await t.login('sys_admin');
    const list = await t.http().get('/api/admin/messages').query({ channel: 'email' }).set(auth(admin)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('outside.reader');
    expect(list.body.items.find((i: { id: string }) => i.id === row.id).recipient).toBe('ou***@zhicheng.test');
  });

  it('retries a refused message with backoff, then lists it as 发送失败 with the last error; 重新发送 delivers it', async () => {
    const [u] = await t.ds.query(
      `INSERT INTO users (username, role, real_name, email, password_hash, version) VALUES ('msg_refused', 'applicant', '退信测试', 'refuse-me@zhicheng.test', 'x', 1) RETURNING id`,
    );
    await t.app.get(OutboxService).enqueue({ channel: 'email', event: 'review.interview', userId: u.id, recipient: 'refuse-me@zhicheng.test', subject: '职称评审面试通知', body: '请按时参加面试。' });
    const [row] = await t.ds.query(`SELECT id FROM outbox_messages WHERE user_id = $1`, [u.id]);
    const dead = await until('dead letter', async () => (await t.ds.query(`SELECT status, attempts, last_error FROM outbox_messages WHERE id = $1 AND status = 'failed'`, [row.id]))[0], 90_000);
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toMatch(/^邮件服务器拒收（550）/);
    expect(smtp.refused.filter((a) => a === 'refuse-me@zhicheng.test')).toHaveLength(3);
    expect(smtp.received.some((m) => m.to.includes('refuse-me@zhicheng.test'))).toBe(false);

    const admin = await t.login('sys_admin');
    const list = await t.http().get('/api/admin/messages').query({ status: 'failed' }).set(auth(admin)).expect(200);
    const item = list.body.items.find((i: { id: string }) => i.id === row.id);
    expect(item).toMatchObject({ statusLabel: '发送失败', channelLabel: '电子邮件', eventLabel: '面试通知', attempts: 3 });
    expect(item.lastError).toContain('550');
    // Not for a city administrator, nor for an applicant.
    expect((await t.http().get('/api/admin/messages').set(auth(await t.login('nj_sys_admin')))).status).toBe(403);
    expect((await t.http().get('/api/admin/messages').set(auth(await t.login('applicant')))).status).toBe(403);
    expect((await t.http().post(`/api/admin/messages/${row.id}/resend`).set(auth(admin))).status).toBe(201);
    expect((await t.http().post(`/api/admin/messages/${row.id}/resend`).set(auth(admin))).status).toBe(409);
    expect((await t.http().post(`/api/admin/messages/not-a-uuid/resend`).set(auth(admin))).status).toBe(404);
    refuseAll = false;
    await until('re-sent', async () => (await t.ds.query(`SELECT 1 FROM outbox_messages WHERE id = $1 AND status = 'sent'`, [row.id]))[0]);
    expect(smtp.received.filter((m) => m.messageId === `<${row.id}@zhicheng.outbox>`)).toHaveLength(1);
    const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'message.resend' AND target_id = $1`, [row.id]);
    expect(audit[0].n).toBe(1);
  });

  it('the development sink answers loopback callers and province administrators only', async () => {
    expect((await t.http().get('/api/dev/outbox')).status).toBe(200);
    const far = await t.http().get('/api/dev/outbox').set('x-forwarded-for', '203.0.113.9');
    // Without TRUST_PROXY the forwarded header is ignored: the caller is still the loopback test client.
    expect(far.status).toBe(200);
  });
});

describe('X-05 the development sink refuses a caller that is not on this machine', () => {
  it('answers 403 to a remote address unless a province administrator is signed in', async () => {
    const t = await createTestContext({ env: { TRUST_PROXY: '1' } });
    try {
      const far = await t.http().get('/api/dev/outbox').set('x-forwarded-for', '203.0.113.9');
      expect(far.status).toBe(403);
      expect(far.body.message).toBe('开发收件箱只对本机或已登录的管理员开放');
      const admin = await t.login('admin');
      expect((await t.http().get('/api/dev/outbox').set('x-forwarded-for', '203.0.113.9').set(auth(admin))).status).toBe(200);
      const unit = await t.login('unit_demo');
      expect((await t.http().get('/api/dev/outbox').set('x-forwarded-for', '203.0.113.9').set(auth(unit))).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});

/**
 * The signature exactly as 阿里云's RPC documentation defines it, written here separately from the adapter: sort the
 * parameters, percent-encode (RFC 3986: encodeURIComponent plus ! ' ( ) * escaped), join, StringToSign =
 * METHOD&%2F&encode(query), HMAC-SHA1 with AccessKeySecret + "&", Base64.
 */
function vendorSignature(method: string, params: Record<string, string>, secret: string) {
  const enc = (s: string) => encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
  const query = Object.keys(params).sort().map((k) => `${enc(k)}=${enc(params[k]!)}`).join('&');
  return createHmac('sha1', `${secret}&`).update(`${method}&${enc('/')}&${enc(query)}`).digest('base64');
}

describe('X-05 SMS through 阿里云短信 SendSms (documented RPC signature)', () => {
  let server: Server;
  let url: string;
  const seen: { params: Record<string, string>; valid: boolean }[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const { Signature, ...rest } = params;
        const valid = req.method === 'POST' && Signature === vendorSignature('POST', rest, 'test-secret-测试');
        seen.push({ params, valid });
        res.setHeader('content-type', 'application/json');
        if (!valid) return res.end(JSON.stringify({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'r0' }));
        if (rest.PhoneNumbers === '13900000000') return res.end(JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控', RequestId: 'r1' }));
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'r2' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const cfg = () => ({ endpoint: url, accessKeyId: 'LTAI-test', accessKeySecret: 'test-secret-测试', signName: '职称评审' });

  it('signs the request as the vendor documents: the gateway checks the signature and accepts', async () => {
    const r = await aliyunSendSms(cfg(), { phone: '13800138000', templateCode: 'SMS_000001', templateParam: { event: '面试通知', content: '请于 2026-10-01 09:30 参加面试（含空格*和~）' }, outId: 'abc' });
    expect(r.bizId).toBe('900619746936498440^0');
    const last = seen.at(-1)!;
    expect(last.valid).toBe(true);
    expect(last.params).toMatchObject({ Action: 'SendSms', Version: '2017-05-25', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Format: 'JSON', PhoneNumbers: '13800138000', SignName: '职称评审', TemplateCode: 'SMS_000001', OutId: 'abc' });
    expect(JSON.parse(last.params.TemplateParam!)).toEqual({ event: '面试通知', content: '请于 2026-10-01 09:30 参加面试（含空格*和~）' });
    expect(last.params.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('a wrong secret is refused by the signature check (permanent), a flow-control answer is retryable', async () => {
    await expect(aliyunSendSms({ ...cfg(), accessKeySecret: 'wrong' }, { phone: '13800138000', templateCode: 'SMS_1', templateParam: {}, outId: 'x' })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('SignatureDoesNotMatch') });
    expect(seen.at(-1)!.valid).toBe(false);
    await expect(aliyunSendSms(cfg(), { phone: '13900000000', templateCode: 'SMS_1', templateParam: {}, outId: 'y' })).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('isv.BUSINESS_LIMIT_CONTROL') });
  });

  it('delivers an outbox SMS through the configured gateway, reading the number from the encrypted record', async () => {
    const t = await createTestContext({
      env: { SMS_PROVIDER: 'aliyun', SMS_ALIYUN_ENDPOINT: url, SMS_ALIYUN_ACCESS_KEY_ID: 'LTAI-test', SMS_ALIYUN_ACCESS_KEY_SECRET: 'test-secret-测试', SMS_SIGN_NAME: '职称评审', SMS_TEMPLATE_CODE: 'SMS_DEFAULT', SMS_TEMPLATES: 'account.reset_password=SMS_RESET' },
    });
    try {
      const res = await t.http().post('/api/auth/recover-password').send({ username: 'applicant', channel: 'sms', ...(await t.captcha()) });
      expect(res.status).toBe(200);
      const row = await until('sent sms', async () => (await t.ds.query(`SELECT id, recipient, status, delivered_via FROM outbox_messages WHERE channel = 'sms' AND event = 'account.reset_password' AND status = 'sent'`))[0]);
      expect(row).toMatchObject({ recipient: '138****8000', delivered_via: 'aliyun' });
      const call = seen.find((s) => s.params.OutId === row.id)!;
      expect(call.valid).toBe(true);
      expect(call.params).toMatchObject({ PhoneNumbers: '13800138000', TemplateCode: 'SMS_RESET' });
      expect(JSON.parse(call.params.TemplateParam!).event).toBe('忘记密码');
    } finally {
      await t.close();
    }
  });
});

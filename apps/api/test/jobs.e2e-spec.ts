import { createTestContext } from './context.js';
import { loadConfig } from '../src/config/config.js';
import { createApp } from '../src/app.factory.js';
import { createDataSource } from '../src/database/data-source.js';
import { startEmbeddedDatabase } from '../src/database/embedded.js';
import { seedDemo } from '../src/database/seeds/demo.seed.js';
import { JobsService } from '../src/common/jobs/jobs.service.js';
import { OutboxService } from '../src/modules/notices/outbox.service.js';
import { BATCH_CLOSE_JOB, DAILY_REMINDERS_JOB, StageScheduleService } from '../src/modules/schedule/stage-schedule.service.js';
import { DataSource } from 'typeorm';
import { jest } from '@jest/globals';

jest.setTimeout(180_000);

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('X-06 scheduled stage changes and the 后台任务 API', () => {
  it('closes a batch whose window ended and reminds drafts of a closing batch once; failed jobs are listed and retried', async () => {
    const t = await createTestContext();
    try {
      const [committee] = await t.ds.query(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`);
      const [ended] = await t.ds.query(
        `INSERT INTO batches (name, year, kind, committee_id, levels, opens_at, closes_at, status, version) VALUES ('已到期批次', 2026, 'review', $1, '{vice_senior}', now() - interval '10 days', now() - interval '1 minute', 'published', 1) RETURNING id`,
        [committee.id],
      );
      const [closing] = await t.ds.query(
        `INSERT INTO batches (name, year, kind, committee_id, levels, opens_at, closes_at, status, version) VALUES ('即将截止批次', 2026, 'review', $1, '{vice_senior}', now() - interval '10 days', now() + interval '2 days', 'published', 1) RETURNING id`,
        [committee.id],
      );
      const [applicant] = await t.ds.query(`SELECT id FROM users WHERE username = 'applicant'`);
      const [title] = await t.ds.query(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
      await t.ds.query(
        `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_nature, region_code, method, status, version)
         VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, 'enterprise', '320102', 'unit', 'draft', 1)`,
        [applicant.id, closing.id, title.id, committee.id],
      );
      const jobs = t.app.get(JobsService);
      await jobs.send(BATCH_CLOSE_JOB, {});
      await until('batch closed', async () => (await t.ds.query(`SELECT 1 FROM batches WHERE id = $1 AND status = 'closed'`, [ended.id]))[0]);
      expect((await t.ds.query(`SELECT status FROM batches WHERE id = $1`, [closing.id]))[0].status).toBe('published');
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'batch.auto_close' AND target_id = $1`, [ended.id]))[0].n).toBe(1);

      await jobs.send(DAILY_REMINDERS_JOB, {});
      const reminder = await until('reminder', async () => (await t.ds.query(`SELECT body FROM outbox_messages WHERE user_id = $1 AND subject = '申报即将截止'`, [applicant.id]))[0]);
      expect(reminder.body).toContain('“即将截止批次”中的职称申报尚未提交');
      expect(await t.app.get(StageScheduleService).dailyReminders()).toBe(0);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE user_id = $1 AND subject = '申报即将截止'`, [applicant.id]))[0].n).toBe(1);

      // The 后台任务 API: queues with labels and schedules; a failed job with its error, retried by the administrator.
      const admin = await t.login('sys_admin');
      const queues = await t.http().get('/api/admin/jobs/queues').set(auth(admin)).expect(200);
      expect(queues.body.items.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['message.deliver', 'certificate.batch', 'certificate.ministry_report', BATCH_CLOSE_JOB, DAILY_REMINDERS_JOB]));
      expect(queues.body.items.find((q: { name: string }) => q.name === DAILY_REMINDERS_JOB)).toMatchObject({ label: '每日提醒（批次即将截止、公示期满）', schedule: '0 8 * * *（Asia/Shanghai）' });
      const boss = await jobs.queue();
      const failedId = await boss.send(BATCH_CLOSE_JOB, {}, { retryLimit: 0 });
      await boss.fail(BATCH_CLOSE_JOB, failedId!, { message: '模拟失败：数据库维护中' });
      const list = await t.http().get('/api/admin/jobs').query({ state: 'failed' }).set(auth(admin)).expect(200);
      expect(list.body.items.find((j: { id: string }) => j.id === failedId)).toMatchObject({ queueLabel: '申报批次到期截止', stateLabel: '失败', error: '模拟失败：数据库维护中' });
      expect((await t.http().post(`/api/admin/jobs/${failedId}/retry`).set(auth(admin))).status).toBe(201);
      await until('retried job completed', async () => (await t.ds.query(`SELECT 1 FROM pgboss.job WHERE id = $1 AND state = 'completed'`, [failedId]))[0]);
      expect((await t.http().post(`/api/admin/jobs/${failedId}/retry`).set(auth(admin))).status).toBe(409);
      expect((await t.http().get('/api/admin/jobs').set(auth(await t.login('nj_sys_admin')))).status).toBe(403);
      expect((await t.http().get('/api/admin/jobs').set(auth(await t.login('admin')))).status).toBe(403);
      expect((await t.http().get('/api/admin/jobs').query({ state: 'nonsense' }).set(auth(admin))).status).toBe(400);
    } finally {
      await t.close();
    }
  });
});

describe('X-06 the job queue on the embedded database (PGlite over the socket bridge)', () => {
  it('installs, delivers a message job and runs a scheduled job on PGlite', async () => {
    const db = await startEmbeddedDatabase({ dataDir: null, maxConnections: 6 });
    const ds0 = createDataSource(db.url, 1);
    await ds0.initialize();
    await ds0.runMigrations({ transaction: 'each' });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: '/tmp/zhicheng-test-data',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATA_KEY: '00112233445566778899aabbccddeeff',
      INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      JOBS_POLL_SECONDS: '0.5',
    });
    await seedDemo(ds0, config);
    await ds0.destroy();
    const app = await createApp(config, db.url, 3);
    try {
      const ds = app.get(DataSource);
      const [u] = await ds.query(`SELECT id, email FROM users WHERE username = 'applicant'`);
      await app.get(OutboxService).enqueue({ channel: 'email', event: 'notice', userId: u.id, recipient: u.email, subject: '嵌入式数据库测试', body: '测试。' });
      const row = await until('delivered', async () => (await ds.query(`SELECT status, delivered_via FROM outbox_messages WHERE subject = '嵌入式数据库测试' AND status = 'sent'`))[0]);
      expect(row.delivered_via).toBe('dev-sink');
      const schedules = await ds.query(`SELECT name FROM pgboss.schedule ORDER BY name`);
      expect(schedules.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining([BATCH_CLOSE_JOB, DAILY_REMINDERS_JOB, 'message.sweep']));
    } finally {
      await app.close();
      await db.stop();
    }
  });
});

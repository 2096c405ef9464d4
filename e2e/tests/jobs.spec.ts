import pg from 'pg';
import { test, expect, userPage, uniq } from './helpers.js';
import { pickOption } from './reference-helpers.js';

/**
 * X-05/A-32 (issue 12): the province's 系统管理员 (A-31)'s 消息投递 (dead-letter re-send) and 后台任务 (failed job retry).
 * The failed message and the failed job are put into the test's database directly (the e2e server has no failing
 * SMTP server); re-send and retry then go through the screens and the real job queue.
 */
function db() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('jobs.spec.ts needs DATABASE_URL (the e2e database the server uses)');
  return new pg.Client({ connectionString: url });
}

test('消息投递: a dead-lettered e-mail is listed with its last error and 重新发送 delivers it', async ({ browser }) => {
  const c = db();
  await c.connect();
  try {
    const subject = uniq('面试通知测试');
    const { rows } = await c.query(
      `INSERT INTO outbox_messages (channel, event, user_id, recipient, subject, body, status, attempts, last_error, failed_at)
       SELECT 'email', 'review.interview', id, email, $1, '请按时参加面试。', 'failed', 5, '邮件服务器拒收（550）：mailbox unavailable', now() FROM users WHERE username = 'applicant'
       RETURNING id`,
      [subject],
    );
    const id = rows[0].id as string;
    const page = await userPage(browser, 'sys_admin', { admin: true });
    await page.goto('/admin/messages');
    await expect(page.getByRole('heading', { name: '消息投递' })).toBeVisible({ timeout: 30_000 });
    const row = page.getByTestId('message-list').getByRole('row').filter({ hasText: subject });
    await expect(row).toContainText('面试通知');
    await expect(row).toContainText('发送失败');
    await expect(row).toContainText('邮件服务器拒收（550）');
    await row.getByRole('button', { name: '重新发送' }).click();
    // Delivered by the queue (the e2e server has no SMTP: the development sink takes it).
    await expect.poll(async () => (await c.query(`SELECT status FROM outbox_messages WHERE id = $1`, [id])).rows[0].status, { timeout: 30_000 }).toBe('sent');
    await pickOption(page, page.locator('.ant-form-item', { hasText: '发送状态' }).locator('.ant-select'), '已发送');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByTestId('message-list').getByRole('row').filter({ hasText: subject })).toContainText('已发送');
  } finally {
    await c.end();
  }
});

test('后台任务: queues are listed; a failed job shows its attempts and error and 重试 runs it again', async ({ browser }) => {
  const c = db();
  await c.connect();
  try {
    const marker = uniq('模拟失败');
    const { rows } = await c.query(
      `INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, output, started_on, completed_on, policy)
       VALUES ('schedule.batch_close', '{}', 'failed', 2, 2, $1::jsonb, now(), now(), 'standard') RETURNING id`,
      [JSON.stringify({ message: `${marker}：数据库维护中` })],
    );
    const id = rows[0].id as string;
    const page = await userPage(browser, 'sys_admin', { admin: true });
    await page.goto('/admin/jobs');
    await expect(page.getByRole('heading', { name: '后台任务' })).toBeVisible({ timeout: 30_000 });
    const queues = page.getByTestId('job-queues');
    await expect(queues.getByRole('row').filter({ hasText: '证书批量发放' })).toBeVisible();
    await expect(queues.getByRole('row').filter({ hasText: '消息投递（邮件、短信）' })).toBeVisible();
    await expect(queues.getByRole('row').filter({ hasText: '每日提醒' })).toContainText('0 8 * * *');
    const row = page.getByTestId('job-list').getByRole('row').filter({ hasText: marker });
    await expect(row).toContainText('申报批次到期截止');
    await expect(row).toContainText('失败');
    await expect(row).toContainText('3 / 3');
    await row.getByRole('button', { name: '重试' }).click();
    await expect.poll(async () => (await c.query(`SELECT state::text AS s FROM pgboss.job WHERE id = $1`, [id])).rows[0].s, { timeout: 30_000 }).toBe('completed');
    await page.reload();
    await expect(page.getByTestId('job-list').getByRole('row').filter({ hasText: marker })).toHaveCount(0);
    const audit = await c.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'job.retry' AND target_id = $1`, [id]);
    expect(audit.rows[0].n).toBe(1);
  } finally {
    await c.end();
  }
});

import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { CAPTCHA_TEST_ANSWER, DEMO_PASSWORD, DEMO_TOTP_SECRET, expect, login, test, freshTotp, uniq } from './helpers.js';
import { pickOption } from './reference-helpers.js';

/**
 * Issue 7 end to end: the committee's plan (C-02) through the title office's audit, the expert draw with
 * 复核抽取 (C-03), material review, scoring and voting by three experts in their own browser contexts
 * (E-01..E-05), results (C-05), publicity on the public list (C-06, P-02), filing (C-07, A-11), then (issue 8)
 * the title office issues the certificates by the plan's filing document number, a passed participant
 * downloads the PDF (H-12) and its QR link shows valid, then revoked (P-01).
 * The participants are the seeded `qualified` declarations review_demo1..3 (孙评审, 周评审, 吴评审).
 */
async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const c = (await (await request.get('/api/auth/captcha')).json()) as { captchaId: string };
  const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD, captchaId: c.captchaId, captchaCode: CAPTCHA_TEST_ANSWER } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { accessToken?: string; mfaRequired?: boolean; mfaToken?: string };
  if (!body.mfaRequired) return body.accessToken!;
  const mfa = await request.post('/api/auth/mfa', { data: { mfaToken: body.mfaToken, code: await freshTotp(DEMO_TOTP_SECRET, username) } });
  return ((await mfa.json()) as { accessToken: string }).accessToken;
}

async function confirmPop(page: Page) {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s?定|OK/ }).click();
}

async function expertSession(browser: Browser, username: string, planName: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, username);
  await page.getByRole('menuitem', { name: '专家评审' }).click();
  await page.getByRole('link', { name: planName }).click();
  await expect(page.getByRole('heading', { name: planName })).toBeVisible();
  return { ctx, page };
}

async function openParticipant(page: Page, name: string) {
  await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: '评审' }).click();
  const drawer = page.locator('.ant-drawer').filter({ hasText: `评审：${name}` });
  await expect(drawer.getByText('申报材料（只读）')).toBeVisible();
  return drawer;
}

async function saved(page: Page, text: string) {
  await expect(page.locator('.ant-message').getByText(text).last()).toBeVisible();
}

test.describe('评审方案、抽取评委、专家评审、结果公示与备案、发证 (C-02..C-07, E-01..E-05, A-09, A-11, P-02, A-13, A-17, H-12, P-01)', () => {
  test('a plan through audit, a reproducible draw, three experts score and vote, results, publicity, filing and certificates', async ({ page, browser, request }) => {
    test.setTimeout(720_000);
    const planName = uniq('评审方案E2E');
    // Unique per run (the issuance below selects by this exact number).
    const filingDocNo = `苏职备〔2026〕${Date.now().toString(36).toUpperCase()}号`;

    // C-02: the committee drafts the plan and submits it
    await login(page, 'committee_demo');
    await page.getByRole('menuitem', { name: '评审方案' }).click();
    await page.getByRole('button', { name: '新建评审方案' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '新建评审方案' });
    await drawer.getByLabel('方案名称').fill(planName);
    await pickOption(page, drawer.locator('.ant-form-item', { hasText: '申报批次' }).locator('.ant-select'), '2026年度江苏省工程技术高级职称评审');
    const prof = drawer.locator('.ant-form-item', { hasText: '评审专业' }).locator('.ant-select');
    await expect(async () => {
      await prof.click();
      await prof.locator('input').fill('GC01');
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: 'GC01' }).first().click({ timeout: 3000 });
      await expect(prof).toContainText('GC01', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    for (const name of ['孙评审', '周评审', '吴评审']) await drawer.getByRole('row').filter({ hasText: name }).getByRole('checkbox').check();
    await drawer.getByRole('button', { name: '保存' }).click();
    await saved(page, '评审方案已保存');
    await page.getByRole('link', { name: planName }).click();
    await expect(page.getByTestId('plan-status')).toHaveText('待呈报');
    await page.getByRole('button', { name: '呈报审核' }).click();
    await confirmPop(page);
    await expect(page.getByTestId('plan-status')).toHaveText('待审核');
    const planUrl = page.url();
    const planId = planUrl.split('/').pop()!;

    // the provincial title office finds and approves it
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await login(admin, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await admin.getByRole('menuitem', { name: '评审方案' }).click();
    await admin.getByRole('link', { name: planName }).click();
    await admin.getByRole('button', { name: '方案审核' }).click();
    const audit = admin.getByRole('dialog', { name: '评审方案审核' });
    await audit.getByLabel('意见').fill('同意按方案组织评审');
    await audit.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(admin.getByTestId('plan-status')).toHaveText('审核通过');

    // C-03: the draw, then 复核抽取 re-runs it from the recorded seed and candidates
    await page.reload();
    await expect(page.getByTestId('plan-status')).toHaveText('审核通过');
    await page.getByRole('button', { name: '抽取评委' }).click();
    await confirmPop(page);
    await expect(page.getByTestId('plan-status')).toHaveText('已抽取评委');
    const experts = page.locator('.ant-card').filter({ hasText: '随机种子' });
    for (const n of ['李评委', '王评委', '赵评委']) await expect(experts.getByRole('row').filter({ hasText: n })).toContainText('评委');
    await page.getByRole('button', { name: '复核抽取' }).click();
    const verify = page.getByRole('dialog', { name: '复核抽取' });
    await expect(verify.getByText('复核一致')).toBeVisible();
    const rerun = await verify.getByTestId('rerun-panel').innerText();
    for (const n of ['李评委', '王评委', '赵评委']) expect(rerun).toContain(n);
    await verify.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // C-04: the interview notice reaches every participant through the outbox
    await page.getByRole('button', { name: '面试通知' }).click();
    const notice = page.getByRole('dialog', { name: '面试通知' });
    // A week ahead on China's calendar (the browser runs in UTC), typed and confirmed until the picker holds it.
    const day = new Date(Date.now() + 8 * 3600_000 + 7 * 86400_000).toISOString().slice(0, 10);
    const when = notice.getByLabel('面试时间');
    await expect(async () => {
      await when.click();
      await when.fill(`${day} 09:30`);
      await page.locator('.ant-picker-dropdown:visible').getByRole('button', { name: /确\s?定|OK/ }).click({ timeout: 2000 });
      await expect(when).toHaveValue(`${day} 09:30`, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await notice.getByLabel('面试地点').fill('省人社厅三楼会议室');
    await notice.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(notice).toBeHidden();
    await expect(page.getByText('省人社厅三楼会议室')).toBeVisible();
    const sink = (await (await request.get('/api/dev/outbox?recipient=review_demo1')).json()) as { items: { subject: string; body: string }[] };
    expect(sink.items.find((m) => m.subject === '职称评审面试通知')?.body).toContain(`${day} 09:30 在 省人社厅三楼会议室`);

    // E-01..E-05: three experts, each in their own browser context
    const votes: Record<string, Record<string, string>> = {
      expert_demo: { 孙评审: '同意', 周评审: '同意', 吴评审: '同意' },
      expert_demo2: { 孙评审: '同意', 周评审: '不同意', 吴评审: '同意' },
      expert_demo3: { 孙评审: '不同意', 周评审: '弃权', 吴评审: '同意' },
    };
    for (const [username, mine] of Object.entries(votes)) {
      const { ctx, page: ep } = await expertSession(browser, username, planName);
      for (const n of ['孙评审', '周评审', '吴评审']) await expect(ep.getByRole('row').filter({ hasText: n })).toHaveCount(1);
      await expect(ep.getByRole('row').filter({ hasText: '张三' })).toHaveCount(0);
      const d = await openParticipant(ep, '孙评审');
      await expect(d).toContainText('从事电子信息工程技术工作十余年');
      await d.getByLabel('审核通过', { exact: true }).check();
      await d.getByRole('button', { name: '保存材料复审' }).click();
      await saved(ep, '材料复审已保存');
      // beyond the maximum is refused on the form
      await d.getByLabel('业绩成果（满分40）').fill('45');
      await d.getByRole('button', { name: '保存材料打分' }).click();
      await expect(d.getByText('0-40分')).toBeVisible();
      await d.getByLabel('业绩成果（满分40）').fill('36');
      await d.getByLabel('论文著作（满分20）').fill('18');
      await d.getByRole('button', { name: '保存材料打分' }).click();
      await saved(ep, '材料打分已保存');
      await d.getByLabel('面试答辩（满分100）').fill('88');
      await d.getByRole('button', { name: '保存面试答辩打分' }).click();
      await saved(ep, '面试答辩打分已保存');
      await d.getByLabel(mine['孙评审'], { exact: true }).check();
      await d.getByRole('button', { name: '保存投票' }).click();
      await saved(ep, '投票已保存');
      await d.getByLabel('评审意见').fill('业绩材料完整，答辩表现良好。');
      await d.getByRole('button', { name: '保存意见' }).click();
      await saved(ep, '评审意见已保存');
      await ep.keyboard.press('Escape');
      for (const name of ['周评审', '吴评审']) {
        const x = await openParticipant(ep, name);
        await x.getByLabel(mine[name], { exact: true }).check();
        await x.getByRole('button', { name: '保存投票' }).click();
        await saved(ep, '投票已保存');
        await ep.keyboard.press('Escape');
        await expect(ep.getByRole('row').filter({ hasText: name })).toContainText(`投票：${mine[name]}`);
      }
      await ctx.close();
    }

    // the title office undoes an expert's work newest first, with a reason
    await admin.reload();
    const actions = admin.locator('.ant-card').filter({ hasText: '评委操作回退（从新到旧）' });
    const actionRow = (kind: string) => actions.getByRole('row').filter({ hasText: '赵评委' }).filter({ hasText: '孙评审' }).filter({ hasText: kind });
    await actionRow('材料复审').getByRole('button', { name: '回退' }).click();
    let rb = admin.getByRole('dialog', { name: '回退：赵评委 的材料复审' });
    await rb.getByLabel('回退原因').fill('专家申请更正');
    await rb.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(admin.locator('.ant-message').getByText('请按从新到旧的顺序回退：须先回退该评委较新的“评审意见”')).toBeVisible();
    await rb.getByRole('button', { name: /取\s?消|Cancel/ }).click();
    await actionRow('评审意见').getByRole('button', { name: '回退' }).click();
    rb = admin.getByRole('dialog', { name: '回退：赵评委 的评审意见' });
    await rb.getByLabel('回退原因').fill('意见填写有误，退回专家重填');
    await rb.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(actionRow('评审意见')).toContainText('已回退：意见填写有误，退回专家重填');

    // C-05: the committee records attendance and closes the meeting; the system tallies
    await page.reload();
    await page.getByRole('button', { name: '结束评审' }).click();
    const close = page.getByRole('dialog', { name: '结束评审（记录出席）' });
    for (const n of ['李评委', '王评委', '赵评委']) await expect(close.getByLabel(n)).toBeChecked();
    await close.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(page.getByTestId('plan-status')).toHaveText('评审结束');
    const participants = page.locator('.ant-card').filter({ hasText: '参评人员（3）' });
    await expect(participants.getByRole('row').filter({ hasText: '孙评审' })).toContainText('3 / 2 / 1 / 0');
    await expect(participants.getByRole('row').filter({ hasText: '孙评审' })).toContainText('通过');
    await expect(participants.getByRole('row').filter({ hasText: '周评审' })).toContainText('未通过');
    await expect(participants.getByRole('row').filter({ hasText: '吴评审' })).toContainText('3 / 3 / 0 / 0');

    // C-06 / P-02: results publicity for 5 working days, on the public list
    await page.getByRole('button', { name: '发布结果公示' }).click();
    const pub = page.getByRole('dialog', { name: '发布评审结果公示' });
    await expect(pub.getByLabel('公示天数（工作日，按工作日历不含法定节假日和周末）')).toHaveValue('5');
    await pub.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(page.getByTestId('plan-status')).toHaveText('结果公示中');
    const anon = await browser.newPage();
    await anon.goto('/');
    await anon.getByRole('link', { name: '评审结果公示' }).click();
    const row = anon.getByRole('row').filter({ hasText: planName }).filter({ hasText: '孙**' });
    await expect(row).toContainText('通过');
    await expect(anon.getByRole('row').filter({ hasText: planName }).filter({ hasText: '周**' })).toHaveCount(0);
    await expect(anon.getByText('孙评审')).toHaveCount(0);
    await anon.close();

    // C-07: filing is refused during the publicity; after it ends (development clock) the committee applies
    await page.getByRole('button', { name: '申请备案' }).click();
    await confirmPop(page);
    await expect(page.locator('.ant-message').getByText('公示期满后方可申请备案')).toBeVisible();
    const token = await apiToken(request, 'committee_demo');
    const ended = await request.post(`/api/dev/review-plans/${planId}/end-publicity`, { headers: { authorization: `Bearer ${token}` } });
    expect(ended.status(), await ended.text()).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: '申请备案' }).click();
    await confirmPop(page);
    await expect(page.getByTestId('plan-status')).toHaveText('已申请备案');

    // the title office files it with document number and date → passed declarations are filed
    await admin.reload();
    await admin.getByRole('button', { name: '备案审核' }).click();
    const filing = admin.getByRole('dialog', { name: '评审结果备案' });
    await filing.getByLabel('备案文号').fill(filingDocNo);
    await filing.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect(admin.getByTestId('plan-status')).toHaveText('已备案');
    const filed = admin.locator('.ant-card').filter({ hasText: '参评人员（3）' });
    await expect(filed.getByRole('row').filter({ hasText: '孙评审' })).toContainText(filingDocNo);
    await expect(filed.getByRole('row').filter({ hasText: '吴评审' })).toContainText(filingDocNo);
    await expect(filed.getByRole('row').filter({ hasText: '周评审' })).not.toContainText('苏职备');

    // the title office issues the certificates by the plan's filing document number
    await admin.getByRole('menuitem', { name: '证书发放' }).click();
    await expect(admin).toHaveURL(/\/admin\/certificate-issuing$/);
    await expect(admin.getByText('江苏省人力资源和社会保障厅（3200）').first()).toBeVisible();
    await admin.getByRole('tab', { name: '按备案文号发证' }).click();
    const issuing = admin.getByRole('tabpanel', { name: '按备案文号发证' });
    await issuing.getByRole('textbox', { name: '备案文号' }).fill(filingDocNo);
    await issuing.getByRole('button', { name: '查询', exact: true }).click();
    await expect(issuing.getByText(`备案文号“${filingDocNo}”下共 2 人已备案且评审通过，其中未发证 2 人`)).toBeVisible({ timeout: 30_000 });
    await expect(issuing.getByRole('row').filter({ hasText: '孙评审' })).toContainText('未发证');
    await expect(issuing.getByRole('row').filter({ hasText: '吴评审' })).toContainText('未发证');
    await expect(issuing.getByRole('row').filter({ hasText: '周评审' })).toHaveCount(0);
    await issuing.getByRole('button', { name: '按备案文号发证' }).click();
    const confirmIssue = admin.getByRole('dialog').filter({ hasText: '确认发证' });
    await expect(confirmIssue).toContainText('将为 2 人发证，确定吗？');
    await confirmIssue.getByRole('button', { name: /确\s*定/ }).click();
    const progress = admin.getByTestId('issue-progress');
    await expect(progress).toContainText(`备案文号：${filingDocNo}`);
    await expect(progress).toContainText('发证完成：新发证 2 人，此前已发证 0 人，失败 0 人', { timeout: 180_000 });
    await expect(progress).toContainText('进度 2/2');
    await expect(issuing.getByRole('row').filter({ hasText: '孙评审' })).toContainText(/32002026\d{7}/, { timeout: 30_000 });
    await expect(issuing.getByRole('row').filter({ hasText: '吴评审' })).toContainText(/32002026\d{7}/, { timeout: 30_000 });

    // H-12: the passed participant 孙评审 (review_demo1) downloads the e-certificate from 我的证书
    const hallCtx = await browser.newContext();
    const hall = await hallCtx.newPage();
    await login(hall, 'review_demo1');
    await hall.getByRole('menuitem', { name: '我的证书' }).click();
    await expect(hall).toHaveURL(/\/hall\/certificates$/);
    const card = hall.getByTestId('my-certificate').filter({ hasText: filingDocNo });
    await expect(card).toHaveCount(1, { timeout: 30_000 });
    const certificateNo = (await card.locator('.ant-descriptions-item').filter({ hasText: '证书编号' }).locator('.ant-descriptions-item-content').innerText()).trim();
    const code = (await card.locator('.ant-descriptions-item').filter({ hasText: '验证码' }).locator('.ant-descriptions-item-content').innerText()).trim();
    expect(certificateNo).toMatch(/^32002026\d{7}$/);
    expect(code).toMatch(/^[2-9A-Z]{12}$/);
    const download = hall.waitForEvent('download', { timeout: 60_000 });
    await card.getByRole('button', { name: '下载电子证书' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`职称证书-${certificateNo}.pdf`);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await hallCtx.close();

    // P-01: the QR link (/verify?code=…) shows the certificate valid; after revocation, revoked
    const verifier = await browser.newPage();
    await verifier.goto(`/verify?code=${code}`);
    const verdict = verifier.getByTestId('certificate-result');
    await expect(verdict).toContainText('有效', { timeout: 30_000 });
    await expect(verdict).toContainText('数据校验通过');
    await expect(verdict).toContainText(certificateNo);
    await expect(verdict).toContainText('孙评审');
    await admin.getByRole('menuitem', { name: '证书查询' }).click();
    await expect(admin).toHaveURL(/\/admin\/certificates$/);
    const certRow = admin.getByRole('row').filter({ hasText: certificateNo });
    await expect(certRow).toContainText('有效', { timeout: 30_000 });
    await certRow.getByRole('button', { name: '撤销' }).click();
    const revoke = admin.getByRole('dialog', { name: `撤销证书：${certificateNo}` });
    await revoke.getByLabel('撤销原因').fill('评审结果备案有误');
    await revoke.getByRole('button', { name: '确认撤销' }).click();
    await expect(revoke).toBeHidden();
    await expect(admin.getByRole('row').filter({ hasText: certificateNo })).toContainText('已撤销');
    await verifier.goto(`/verify?code=${code}`);
    await expect(verifier.getByTestId('certificate-result')).toContainText('已撤销', { timeout: 30_000 });
    await verifier.close();
    await adminCtx.close();
  });
});

import type { APIRequestContext, Page } from '@playwright/test';
import { pickOption } from './reference-helpers.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, expect, login, registerPersonViaApi, test, freshTotp, uniq, userPage } from './helpers.js';

/**
 * Issue 6 end to end: one declaration from submission through the unit audit (with one return to
 * the applicant and a resubmission), the unit's publicity, report-up, two department levels and the
 * title office's qualification audit — across the office, admin and hall consoles. The declaration
 * is created and submitted through the API (the hall's declaration screens come with another issue);
 * every auditor above the unit (two county departments, the county title office, two city departments, the city
 * title office, the committee) signs in in their own browser context and passes it through the queue and audit page.
 */

/** A minimal valid one-page PDF (the server checks uploads by content). */
function tinyPdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function apiLogin(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<string> {
  const c = (await (await request.get('/api/auth/captcha')).json()) as { captchaId: string; answer: string };
  const res = await request.post('/api/auth/login', { data: { username, password, captchaId: c.captchaId, captchaCode: c.answer } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { accessToken?: string; mfaRequired?: boolean; mfaToken?: string };
  if (!body.mfaRequired) return body.accessToken!;
  const mfa = await request.post('/api/auth/mfa', { data: { mfaToken: body.mfaToken, code: await freshTotp(DEMO_TOTP_SECRET, username) } });
  expect(mfa.status(), await mfa.text()).toBe(200);
  return ((await mfa.json()) as { accessToken: string }).accessToken;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function apiJson<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** Starts, fills and submits a declaration for the applicant; answers its id. */
async function declareViaApi(request: APIRequestContext, token: string): Promise<string> {
  const h = bearer(token);
  const open = await apiJson<{ id: string; committeeId: string }[]>(await request.get('/api/declarations/batches/open?kind=review', { headers: h }));
  const batch = open.find((b) => (b as { committeeName?: string }).committeeName === '江苏省工程技术研究系列高级职称评审委员会') ?? open[0]!;
  const units = await apiJson<{ id: string; name: string }[]>(await request.get('/api/declarations/pickers/orgs?type=unit&regionCode=320102&keyword=示范', { headers: h }));
  const depts = await apiJson<{ id: string; name: string }[]>(await request.get('/api/declarations/pickers/orgs?type=dept&regionCode=320102&keyword=玄武区工业', { headers: h }));
  const options = await apiJson<{ series: { code: string; titles: { id: string; level: string; name: string }[] }[] }>(await request.get('/api/declarations/options', { headers: h }));
  const title = options.series.find((s) => s.code === 'GC')!.titles.find((t) => t.level === 'vice_senior')!;
  const started = await apiJson<{ id: string; version: number }>(
    await request.post('/api/declarations', {
      headers: h,
      data: {
        batchId: batch.id, regionCode: '320102', unitNature: 'enterprise', supervisingDeptId: depts.find((d) => d.name === '玄武区工业和信息化局')!.id,
        unitOrgId: units.find((u) => u.name === '南京示范科技有限公司')!.id, titleLevel: 'vice_senior', seriesCode: 'GC', titleId: title.id,
        professionCode: 'GC01', method: '正常晋升', civilServant: false, committeeId: batch.committeeId, commitmentAccepted: true,
      },
    }),
    201,
  );
  const file = async () =>
    (await apiJson<{ id: string }>(
      await request.post('/api/files', {
        headers: h,
        multipart: { purpose: 'declaration', sizeClass: 'ordinary', file: { name: '材料.pdf', mimeType: 'application/pdf', buffer: tinyPdf() } },
      }),
      201,
    )).id;
  const values: Record<string, unknown> = {
    basic_info: { gender: '男', nation: '汉族', politicalStatus: '群众', workStartDate: '2012-07-01', _files: { idCardFront: await file(), idCardBack: await file() } },
    education: [{ school: '东南大学', major: '电子信息工程', educationLevel: '本科', degree: '学士', startDate: '2008-09-01', endDate: '2012-07-01', diplomaNo: '102861201205000123', highest: true, _files: { diplomaFile: await file() } }],
    current_title: { titleName: '工程师', obtainedDate: '2017-12-01', certificateNo: 'GC2017-001', issuer: '南京市人社局', _files: { certificateFile: await file() } },
    work_experience: [{ startDate: '2012-07-01', unit: '南京示范科技有限公司', duties: '嵌入式软件研发' }],
    achievements: [{ project: '智能电表通信模块研发', startDate: '2019-01-01', endDate: '2020-06-30', role: '项目负责人' }],
    work_summary: { text: '任现职以来，本人主持完成多项电子信息工程项目。' },
    integrity_commitment: { _files: { commitmentFile: await file() } },
  };
  let version = started.version;
  for (const [key, value] of Object.entries(values)) {
    version = (await apiJson<{ version: number }>(await request.put(`/api/declarations/${started.id}/modules/${key}`, { headers: h, data: { value, version } }))).version;
  }
  await apiJson(await request.post(`/api/declarations/${started.id}/submit`, { headers: h, data: { version } }));
  return started.id;
}

/** Opens the declaration from the 数据审核 / 资格审核 queue. */
async function openFromQueue(page: Page, menu: string, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: menu }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '审核' }).click();
  await expect(page.getByRole('heading', { name: `审核：${name}` })).toBeVisible();
}

async function passOnPage(page: Page, label: string, done: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
  await expect(page.getByText(done)).toBeVisible();
}

async function switchUser(page: Page, username: string, admin = false): Promise<void> {
  await page.context().clearCookies();
  await login(page, username, undefined, admin ? { totpSecret: DEMO_TOTP_SECRET } : {});
}

test.describe('Issue 6 审核流程', () => {
  test.setTimeout(300_000);

  test('one declaration from submission to the title office’s qualification audit, with a return and a resubmission', async ({ page, request, browser }) => {
    const username = uniq('audit');
    const realName = '周晓明';
    await registerPersonViaApi(request, { username, password: DEMO_PASSWORD, email: `${username}@example.com`, realName });
    const applicant = await apiLogin(request, username);
    const id = await declareViaApi(request, applicant);

    // 1. The unit fails one item and returns the declaration to the applicant.
    await login(page, 'unit_demo');
    await openFromQueue(page, '数据审核', realName);
    await page.getByRole('tab', { name: '学历学位信息' }).click();
    const judge = page.getByTestId('judge-education-0');
    await judge.getByText('不通过').click();
    await judge.getByPlaceholder('不通过原因（必填）').fill('学历证书编号与学信网不符');
    await expect(page.getByRole('button', { name: '审核通过（待上报）' })).toBeDisabled();
    await page.getByRole('button', { name: '退回', exact: true }).click();
    const dlg = page.getByRole('dialog', { name: '退回' });
    await dlg.getByLabel('退回意见（退回申报人修改）').fill('学历证书编号有误，请核对后重新提交');
    await dlg.getByRole('button', { name: '确认' }).click();
    await expect(page.getByText('已退回', { exact: true })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: realName })).toHaveCount(0);

    // The applicant sees the failed item and resubmits (API: the hall's declaration screens are another issue).
    const mine = await apiJson<{ version: number; status: string; modules: { key: string; status: string; failures: Record<string, string> }[] }>(
      await request.get(`/api/declarations/${id}`, { headers: bearer(applicant) }),
    );
    expect(mine.status).toBe('returned');
    expect(mine.modules.find((m) => m.key === 'education')).toMatchObject({ status: 'failed', failures: { '0': '学历证书编号与学信网不符' } });
    await apiJson(await request.post(`/api/declarations/${id}/resubmit`, { headers: bearer(applicant), data: { version: mine.version } }));

    // 2. The unit passes it (本年退回 1 次), publicises it and reports it up.
    await page.reload();
    await page.getByRole('menuitem', { name: '数据审核' }).click();
    await expect(page.getByRole('row').filter({ hasText: realName })).toContainText('1 次');
    await page.getByRole('row').filter({ hasText: realName }).getByRole('button', { name: '审核' }).click();
    await passOnPage(page, '审核通过（待上报）', '审核已通过');

    await page.getByRole('menuitem', { name: '申报公示' }).click();
    await page.getByRole('button', { name: '发布公示' }).click();
    const pub = page.getByRole('dialog', { name: '发布申报公示' });
    const title = uniq('职称申报人员公示');
    await pub.getByLabel('公示标题').fill(title);
    await pub.getByRole('row').filter({ hasText: realName }).getByRole('checkbox').check();
    await pub.getByRole('button', { name: '发布' }).click();
    await expect(pub).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
    const anon = await browser.newPage();
    await anon.goto('/');
    await anon.getByRole('link', { name: '申报公示' }).click();
    const pubRow = anon.getByRole('row').filter({ hasText: title });
    await expect(pubRow).toContainText('周**');
    await expect(pubRow).toContainText('南京示范科技有限公司');
    await expect(pubRow).not.toContainText(realName);
    await anon.close();
    // 人社部令第40号: report-up waits until the unit publicity (≥ 5 working days) has run; the business clock of this run
    // cannot move, so an earlier, ended publicity of the same applicant stands in for it
    const unitToken = await apiLogin(request, 'unit_demo');
    await apiJson(await request.post('/api/audit/publicity', { headers: bearer(unitToken), data: { title: '已结束的单位公示', startsOn: '2026-01-05', endsOn: '2026-01-09', declarationIds: [id] } }), 201);

    await page.getByRole('menuitem', { name: '推荐上报' }).click();
    await page.getByRole('tab', { name: '非委托未上报' }).click();
    const settings = page.getByTestId(`settings-${realName}`);
    await settings.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^委托$/ }).click();
    await settings.getByPlaceholder('排名').fill('1');
    await settings.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    await page.getByRole('tab', { name: '委托未上报', exact: true }).click();
    const toReport = page.getByRole('row').filter({ hasText: realName });
    await toReport.getByRole('checkbox').check();
    await page.getByRole('button', { name: /上报（1）/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认上报' }).click();
    await expect(page.getByText('已上报 1 条')).toBeVisible();
    await page.getByRole('tab', { name: '已上报' }).click();
    await expect(page.getByRole('row').filter({ hasText: realName })).toContainText('玄武区工业和信息化局');

    // 3. Every node above the unit acts through its own console, each operator in their own browser session:
    //    玄武区工信局 → 玄武区工程技术协会 (office) → 玄武区职称办 (admin) → 南京市工信局 → 南京市行业协会 (office)
    //    → 南京市职称办 (admin) → 省评委会 (office).
    const chain: { user: string; admin: boolean }[] = [
      { user: 'xw_dept', admin: false },
      { user: 'xw_industry', admin: false },
      { user: 'xw_admin', admin: true },
      { user: 'nj_dept', admin: false },
      { user: 'nj_industry', admin: false },
      { user: 'nj_admin', admin: true },
      { user: 'committee_demo', admin: false },
    ];
    for (const [i, node] of chain.entries()) {
      const auditor = await userPage(browser, node.user, { admin: node.admin });
      if (i === 0) {
        // U-03: the queue filters by 职称 (series → title) as well as year, level and status
        await auditor.getByRole('menuitem', { name: '数据审核' }).click();
        const bar = auditor.locator('.filter-bar');
        const item = (label: string) => bar.locator('.ant-form-item').filter({ has: auditor.locator('label', { hasText: new RegExp(`^${label}$`) }) }).locator('.ant-select');
        await pickOption(auditor, item('职称系列'), '工程技术');
        await pickOption(auditor, item('职称'), '高级工程师（副高级）');
        await bar.getByRole('button', { name: /查\s*询/ }).click();
        await expect(auditor.getByRole('row').filter({ hasText: realName })).toBeVisible({ timeout: 30_000 });
        await pickOption(auditor, item('职称'), '工程师（中级）');
        await bar.getByRole('button', { name: /查\s*询/ }).click();
        await expect(auditor.getByRole('row').filter({ hasText: realName })).toHaveCount(0, { timeout: 30_000 });
        await bar.getByRole('button', { name: /重\s*置/ }).click();
      }
      await openFromQueue(auditor, node.admin ? '资格审核' : '数据审核', realName);
      if (i === 0) await expect(auditor.getByText('学历证书编号有误，请核对后重新提交').first()).toBeVisible(); // the timeline shows the earlier return
      await passOnPage(auditor, '审核通过', '审核已通过');
      await auditor.context().close();
    }

    // 4. The provincial title office's qualification audit and its process trace (admin console).
    await switchUser(page, 'admin', true);
    await openFromQueue(page, '资格审核', realName);
    await passOnPage(page, '资格审核通过', '资格审核已通过');
    await page.getByRole('menuitem', { name: '过程跟踪' }).click();
    await page.getByRole('row').filter({ hasText: realName }).getByRole('button', { name: '过程跟踪' }).click();
    const drawer = page.getByRole('dialog', { name: '过程跟踪' });
    await expect(drawer.getByTestId('timeline-entry').filter({ hasText: '资格复核通过' })).toBeVisible();
    await expect(drawer.getByTestId('timeline-entry').filter({ hasText: '退回' }).first()).toContainText('南京示范科技有限公司');
    await expect(drawer.getByTestId('timeline-entry').filter({ hasText: '推荐上报' })).toContainText('委托评审，推荐排名第1');

    // 5. The applicant's hall: every transition was notified in the message centre.
    await switchUser(page, username);
    await page.getByRole('menuitem', { name: '消息中心' }).click();
    await expect(page.getByText('职称申报资格复核通过').first()).toBeVisible();
    await expect(page.getByText('职称申报退回').first()).toBeVisible();
    const final = await apiJson<{ status: string }>(await request.get(`/api/declarations/${id}`, { headers: bearer(applicant) }));
    expect(final.status).toBe('qualified');
  });
});

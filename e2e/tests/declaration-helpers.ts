import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { CAPTCHA_TEST_ANSWER, DEMO_PASSWORD, DEMO_TOTP_SECRET, expect, login, freshTotp, registerPersonViaApi, uniq } from './helpers.js';
import { tinyPdf } from './reference-helpers.js';

/** Helpers of the specs that declare: the hall's screens (start, modules) and the API shortcuts for setting up data. */

// ------------------------------------------------------------------ API

export async function apiLogin(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<string> {
  const c = (await (await request.get('/api/auth/captcha')).json()) as { captchaId: string };
  const res = await request.post('/api/auth/login', { data: { username, password, captchaId: c.captchaId, captchaCode: CAPTCHA_TEST_ANSWER } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { accessToken?: string; mfaRequired?: boolean; mfaToken?: string };
  if (!body.mfaRequired) return body.accessToken!;
  const mfa = await request.post('/api/auth/mfa', { data: { mfaToken: body.mfaToken, code: await freshTotp(DEMO_TOTP_SECRET, username) } });
  expect(mfa.status(), await mfa.text()).toBe(200);
  return ((await mfa.json()) as { accessToken: string }).accessToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function apiJson<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** The demo 评审 batch of the provincial engineering committee (副高级 工程技术). */
export async function demoReviewBatch(request: APIRequestContext, token: string): Promise<{ id: string; committeeId: string }> {
  const open = await apiJson<{ id: string; committeeId: string; committeeName?: string }[]>(await request.get('/api/declarations/batches/open?kind=review', { headers: bearer(token) }));
  return open.find((b) => b.committeeName === '江苏省工程技术研究系列高级职称评审委员会') ?? open[0]!;
}

/** An organisation of the start form's pickers by (part of) its name. */
export async function pickOrg(request: APIRequestContext, token: string, type: 'unit' | 'dept', regionCode: string, name: string): Promise<string> {
  const rows = await apiJson<{ id: string; name: string }[]>(await request.get(`/api/declarations/pickers/orgs?type=${type}&regionCode=${regionCode}&keyword=${encodeURIComponent(name)}`, { headers: bearer(token) }));
  return rows.find((r) => r.name === name)!.id;
}

/** Starts a 副高级 高级工程师 declaration (by default at 南京示范科技有限公司 under 玄武区工业和信息化局); answers it. */
export async function startViaApi(request: APIRequestContext, token: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const h = bearer(token);
  const batch = await demoReviewBatch(request, token);
  const options = await apiJson<{ series: { code: string; titles: { id: string; level: string; name: string }[] }[] }>(await request.get('/api/declarations/options', { headers: h }));
  const title = options.series.find((s) => s.code === 'GC')!.titles.find((t) => t.level === 'vice_senior')!;
  return apiJson<{ id: string; version: number }>(
    await request.post('/api/declarations', {
      headers: h,
      data: {
        batchId: batch.id, regionCode: '320102', unitNature: 'enterprise', supervisingDeptId: await pickOrg(request, token, 'dept', '320102', '玄武区工业和信息化局'),
        unitOrgId: await pickOrg(request, token, 'unit', '320102', '南京示范科技有限公司'), titleLevel: 'vice_senior', seriesCode: 'GC', titleId: title.id,
        professionCode: 'GC01', method: '正常晋升', civilServant: false, committeeId: batch.committeeId, commitmentAccepted: true, ...extra,
      },
    }),
    201,
  );
}

/** Starts, fills and submits a declaration for the applicant (副高级 高级工程师 at 南京示范科技有限公司); answers its id. */
export async function declareViaApi(request: APIRequestContext, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const h = bearer(token);
  const started = await startViaApi(request, token, extra);
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

// ------------------------------------------------------------------ the hall's screens

/** A small real PDF with unique content for the upload slots. */
export async function pdf(name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText(`e2e attachment ${Date.now()} ${Math.random()}`, { x: 40, y: 100, size: 14, font });
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

export const pane = (page: Page) => page.getByTestId('module-pane');

/** The form item with the given label, inside `scope`. */
export function item(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"], label:text-is("${label}")`) }).first();
}

export async function fillText(scope: Locator, label: string, value: string) {
  await item(scope, label).locator('input, textarea').first().fill(value);
}

/** Picks an option of an antd Select and checks it took (under load a click on the opening dropdown can miss). */
export async function pickSelect(scope: Locator, label: string, option: string) {
  const field = item(scope, label);
  await expect(async () => {
    await field.locator('.ant-select').click();
    await scope.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).first().click({ timeout: 3000 });
    await expect(field.locator('.ant-select')).toContainText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

export async function fillDate(scope: Locator, label: string, value: string) {
  const input = item(scope, label).locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

export async function upload(scope: Locator, slotKey: string, name: string) {
  await scope.getByTestId(`file-${slotKey}`).setInputFiles(await pdf(name));
  await expect(scope.locator(`[data-slot="${slotKey}"]`).getByText(`${name}.pdf`)).toBeVisible();
}

export async function openModule(page: Page, key: string) {
  await page.getByTestId(`nav-${key}`).click();
}

export async function chooseRegion(page: Page) {
  await page.locator('.ant-cascader').click();
  for (const name of ['江苏省', '南京市', '玄武区']) {
    await page.locator('.ant-cascader-menu-item').filter({ hasText: new RegExp(`^${name}$`) }).click();
  }
  await page.keyboard.press('Escape');
}

/** 企业: the supervising department and the unit, both by fuzzy search. */
export async function chooseUnit(page: Page) {
  const form = page.locator('.start-form');
  await form.getByLabel('企业').check();
  await item(form, '行政主管部门').locator('input').fill('玄武');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '玄武区工业和信息化局' }).click();
  await item(form, '工作单位').locator('input').fill('示范');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '南京示范科技有限公司' }).click();
}

export interface SelfCheckAnswers {
  status?: string;
  education?: string;
  graduationDate?: string;
  currentTitleDate?: string;
}

/** Fills the H-14 self-check (人员身份, 学历, dates) and sends it. */
export async function fillSelfCheck(page: Page, a: SelfCheckAnswers = {}) {
  const check = page.getByTestId('eligibility-check');
  await expect(check).toBeVisible();
  await check.getByRole('radio', { name: a.status ?? '在职专业技术人员', exact: true }).check();
  await pickSelect(check, '最高学历', a.education ?? '本科');
  // typed dates are taken on leaving the field (Enter in a field would send the form)
  const date = async (label: string, value: string) => {
    const input = item(check, label).locator('input');
    await input.fill(value);
    await input.press('Tab');
    await expect(check.page().locator('.ant-picker-dropdown:visible')).toHaveCount(0);
    await expect(input).toHaveValue(value);
  };
  await date('毕业时间', a.graduationDate ?? '2008-07-01');
  if (a.currentTitleDate) await date('现职称取得时间', a.currentTitleDate);
  await check.getByRole('button', { name: '自检并继续' }).click();
}

/** The self-check passed: the commitment letter follows. */
export async function passSelfCheck(page: Page, a: SelfCheckAnswers = {}) {
  await fillSelfCheck(page, a);
  await expect(page.getByTestId('commitment-text')).toBeVisible();
}

export async function agreeToCommitment(page: Page) {
  const agree = page.getByTestId('agree');
  await expect(page.getByTestId('commitment-text')).toContainText('本人郑重承诺');
  await expect(agree).toBeDisabled();
  await expect(agree).toContainText('秒');
  await page.clock.fastForward(10_000);
  await expect(agree).toBeDisabled();
  await page.clock.fastForward(11_000);
  await expect(agree).toBeEnabled();
  await expect(agree).toHaveText(/^同\s*意$/);
  await agree.click();
}

/** A newly registered applicant signed in to the hall (the page's clock installed for the commitment letter). */
export async function newApplicant(page: Page, realName = '申报测试', idCard?: string): Promise<string> {
  const username = uniq('decl');
  await registerPersonViaApi(page.request, { username, password: 'Passw0rd!x', email: `${username}@example.com`, realName, idCard });
  await page.clock.install();
  await login(page, username, 'Passw0rd!x');
  await expect(page).toHaveURL(/\/hall/);
  return username;
}

// ------------------------------------------------------------------ the declaration form's steps (desktop and phone journeys)

export async function addRow(page: Page, key: string, index = 0): Promise<Locator> {
  await pane(page).getByRole('button', { name: '添加' }).click();
  const row = page.getByTestId(`row-${key}-${index}`);
  await expect(row).toBeVisible();
  return row;
}

export async function fillBasicInfo(page: Page) {
  await openModule(page, 'basic_info');
  const p = pane(page);
  await pickSelect(p, '性别', '男');
  await fillText(p, '民族', '汉族');
  await pickSelect(p, '政治面貌', '群众');
  await fillDate(p, '参加工作时间', '2010-07-01');
  await upload(p, 'idCardFront', '身份证正面');
  await upload(p, 'idCardBack', '身份证反面');
}

export async function fillEducation(page: Page) {
  await openModule(page, 'education');
  const row = await addRow(page, 'education');
  await fillText(row, '毕业院校', '南京大学');
  await fillText(row, '所学专业', '电子信息工程');
  await pickSelect(row, '学历', '本科');
  await pickSelect(row, '学位', '学士');
  await fillDate(row, '入学时间', '2004-09-01');
  await fillDate(row, '毕业时间', '2008-07-01');
  await fillText(row, '学历证书编号', '102841200805000123');
  await row.getByLabel('本专业最高学历').check();
  await upload(row, 'diplomaFile', '学历证书');
}

export async function fillIntegrity(page: Page) {
  await openModule(page, 'integrity_commitment');
  await upload(pane(page), 'commitmentFile', '诚信承诺书');
}

export async function fillTextModule(page: Page, key: string, text: string) {
  await openModule(page, key);
  await pane(page).locator('textarea').fill(text);
  await expect(pane(page).getByTestId('char-counter')).toHaveText(`${[...text].length}/${await maxOf(page)}`);
}

export async function maxOf(page: Page): Promise<string> {
  const t = (await pane(page).getByTestId('char-counter').textContent()) ?? '';
  return t.split('/')[1] ?? '';
}

export async function saveAndReload(page: Page) {
  await page.getByRole('button', { name: /暂\s*存/ }).click();
  await expect(page.getByText('暂存成功')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('module-pane')).toBeVisible();
}

export async function submitAndSeeProgress(page: Page) {
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('提交成功，请关注审核进度')).toBeVisible();
  await expect(page.getByTestId('declaration-status')).not.toHaveText('暂存');
  await expect(page.getByRole('tab', { name: '审核进度', selected: true })).toBeVisible();
  await expect(page.getByTestId('path-steps').locator('.ant-steps-item-process')).toHaveCount(1);
  await expect(page.getByTestId('timeline')).toContainText('提交申报');
  // Read-only after submission.
  await page.getByRole('tab', { name: '申报材料' }).click();
  await expect(page.getByRole('button', { name: '确认提交' })).toHaveCount(0);
  await expect(page.getByText('申报材料已提交，不能修改')).toBeVisible();
}

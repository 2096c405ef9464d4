import type { Page, TestInfo } from '@playwright/test';
import { captchaAnswer, expect, randomIdCard, test, uniq } from './helpers.js';
import {
  agreeToCommitment,
  passSelfCheck,
  chooseRegion,
  chooseUnit,
  fillBasicInfo,
  fillDate,
  fillEducation,
  fillIntegrity,
  fillText,
  fillTextModule,
  addRow,
  item,
  openModule,
  pane,
  pickSelect,
} from './declaration-helpers.js';

/**
 * H-17: the applicant's main journey on a phone (390×844, touch). After each page: nothing scrolls sideways and a
 * screenshot is kept; every control used is clicked by Playwright, which waits for it to be visible, stable, enabled
 * and not covered by another element.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** The page does not scroll sideways: the document is no wider than the window. */
async function noSidewaysScroll(page: Page, step: string, testInfo: TestInfo) {
  await page.keyboard.press('Escape').catch(() => undefined);
  const size = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(size.scroll, `${step}: the page is ${size.scroll}px wide in a ${size.inner}px window`).toBeLessThanOrEqual(size.inner);
  await testInfo.attach(`${String(testInfo.attachments.length + 1).padStart(2, '0')}-${step}`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

/** Opens the hall's drawer menu from the header's menu button and follows one entry. */
async function menu(page: Page, name: string) {
  await expect(page.locator('.console-sider')).toHaveCount(0);
  await page.getByTestId('menu-button').click();
  const drawer = page.locator('.console-drawer');
  await drawer.getByRole('menuitem', { name }).click();
  await expect(drawer).toBeHidden();
}

test.describe('H-17 the individual hall on a phone', () => {
  test('register, declare with uploads, save, leave and return, submit, see progress, certificates and public verification at 390 px', async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    const username = uniq('mob');
    const id = randomIdCard().valid;
    const password = 'Passw0rd!x';

    // 个人注册 on the public layout: the header does not wrap over the page.
    await page.goto('/register');
    await expect(page.getByRole('heading', { name: '个人注册' })).toBeVisible();
    const header = await page.locator('.public-header').boundingBox();
    const heading = await page.getByRole('heading', { name: '个人注册' }).boundingBox();
    expect(header!.y + header!.height).toBeLessThanOrEqual(heading!.y);
    await noSidewaysScroll(page, 'register', testInfo);
    await page.getByLabel('真实姓名').fill('移动申报');
    await page.getByLabel('身份证号').fill(id);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('手机号码').fill('139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0'));
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByLabel('电子邮箱').fill(`${username}@example.com`);
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '注册', exact: true }).click();
    await expect(page.getByText(`您的登录用户名为 ${username}`)).toBeVisible();
    await noSidewaysScroll(page, 'registered', testInfo);

    // 登录 → the hall's first page, menu in a drawer.
    await page.clock.install();
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible();
    await noSidewaysScroll(page, 'login', testInfo);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/hall$/);
    await expect(page.getByRole('heading', { name: '您好，移动申报' })).toBeVisible();
    await noSidewaysScroll(page, 'hall-home', testInfo);

    // 职称初定申报: the self-check (H-14), the commitment, then the start form in one column.
    await menu(page, '职称初定申报');
    await passSelfCheck(page);
    await agreeToCommitment(page);
    const form = page.locator('.start-form');
    await chooseRegion(page);
    await form.getByLabel('其他（自由职业者）').check();
    await chooseUnit(page);
    const region = await item(form, '所属行政区划').boundingBox();
    const nature = await item(form, '工作单位性质').boundingBox();
    expect(nature!.y, 'the start form stacks in one column').toBeGreaterThanOrEqual(region!.y + region!.height);
    await pickSelect(form, '申报级别', '助理级');
    await pickSelect(form, '职称系列', '工程技术');
    await pickSelect(form, '申报职称', '助理工程师');
    await pickSelect(form, '申报专业', '电子信息');
    await pickSelect(form, '报送受理部门', '南京市人才服务中心');
    await noSidewaysScroll(page, 'start-form', testInfo);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect(page).toHaveURL(/\/hall\/declarations\/[0-9a-f-]{36}$/);
    const declarationUrl = page.url();
    await expect(page.getByTestId('declaration-status')).toHaveText('暂存');

    // The modules read top to bottom as a step list above the form.
    const first = await page.getByTestId('nav-basic').boundingBox();
    const second = await page.getByTestId('nav-basic_info').boundingBox();
    expect(second!.y).toBeGreaterThan(first!.y);
    expect(Math.abs(second!.x - first!.x)).toBeLessThan(2);
    const navBox = await page.locator('.module-nav').boundingBox();
    const paneBox = await pane(page).boundingBox();
    expect(paneBox!.y).toBeGreaterThanOrEqual(navBox!.y + navBox!.height);
    await noSidewaysScroll(page, 'declaration', testInfo);

    // Fill with uploads (the file inputs a phone's picker fills).
    await fillBasicInfo(page);
    await noSidewaysScroll(page, 'basic-info', testInfo);
    await fillEducation(page);
    await noSidewaysScroll(page, 'education', testInfo);
    await openModule(page, 'probation_work');
    const row = await addRow(page, 'probation_work');
    await fillDate(row, '起始时间', '2024-07-01');
    await fillDate(row, '截止时间', '2025-07-01');
    await fillText(row, '工作单位', '南京示范科技有限公司');
    await fillText(row, '工作内容', '参与嵌入式软件测试');
    await fillTextModule(page, 'main_achievements', '见习期内参与两个项目的测试工作。');
    await fillTextModule(page, 'technical_summary', '见习期间认真学习专业知识，完成岗位工作。');
    await fillIntegrity(page);
    await noSidewaysScroll(page, 'modules-filled', testInfo);
    await page.getByRole('button', { name: /暂\s*存/ }).click();
    await expect(page.getByTestId('save-state')).toContainText('已自动保存');

    // Leave (我的办件) and return: the saved modules are there.
    await menu(page, '我的办件');
    const firstRow = page.locator('.ant-table-row').first();
    await expect(firstRow).toContainText('电子信息');
    await noSidewaysScroll(page, 'my-declarations', testInfo);
    await firstRow.getByRole('button', { name: '修改' }).click();
    await expect(page).toHaveURL(declarationUrl);
    for (const key of ['basic_info', 'education', 'probation_work', 'main_achievements', 'technical_summary', 'integrity_commitment']) {
      await expect(page.getByTestId(`nav-${key}`)).toHaveAttribute('data-status', 'filled');
    }
    await openModule(page, 'education');
    await expect(page.getByTestId('row-education-0').getByText('学历证书.pdf')).toBeVisible();

    // Submit and see the progress read top to bottom.
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
    await expect(page.getByRole('tab', { name: '审核进度', selected: true })).toBeVisible();
    await expect(page.getByTestId('declaration-status')).not.toHaveText('暂存');
    const steps = page.getByTestId('path-steps');
    await expect(steps.locator('.ant-steps-item-process')).toHaveCount(1);
    await expect(steps).toHaveClass(/ant-steps-vertical/);
    await expect(page.getByTestId('timeline')).toContainText('提交申报');
    await noSidewaysScroll(page, 'progress', testInfo);
    await page.getByRole('tab', { name: '表格预览与下载' }).click();
    await noSidewaysScroll(page, 'forms', testInfo);

    // 我的证书 (none yet for a new applicant) and the messages.
    await menu(page, '我的证书');
    await expect(page.getByRole('heading', { name: '我的证书' })).toBeVisible();
    await expect(page.getByText('暂无证书')).toBeVisible();
    await noSidewaysScroll(page, 'my-certificates', testInfo);
    await menu(page, '消息中心');
    await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
    await noSidewaysScroll(page, 'messages', testInfo);
    for (const [entry, heading] of [
      ['证书登记与补发', '证书登记与补发'],
      ['个人信息', '个人信息'],
      ['修改密码', '修改密码'],
    ] as const) {
      await menu(page, entry);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await noSidewaysScroll(page, `hall-${entry}`, testInfo);
    }

    // The other public pages.
    for (const [path, heading] of [
      ['/notices', '通知公告'],
      ['/publicity', '公示公告'],
      ['/register-unit', '单位注册'],
      ['/forgot-password', '找回账号'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
      await noSidewaysScroll(page, `public-${path.slice(1)}`, testInfo);
    }

    // The public verification page: the query form works and answers.
    await page.goto('/verify');
    await expect(page.getByRole('heading', { name: '职称证书查询' })).toBeVisible();
    await noSidewaysScroll(page, 'verify', testInfo);
    const verify = page.locator('form').first();
    await verify.getByLabel('姓名').fill('移动申报');
    await verify.getByLabel('身份证号').fill(id);
    await verify.getByRole('button', { name: /查\s*询/ }).click();
    await expect(page.getByText('未查询到证书')).toBeVisible();
    await noSidewaysScroll(page, 'verify-result', testInfo);
  });
});

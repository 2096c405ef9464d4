import type { Page } from '@playwright/test';
import { DEMO_TOTP_SECRET, expect, login, test, userPage } from './helpers.js';
import { pickOption } from './reference-helpers.js';

/** The count shown on a to-do card of the workbench (its accessible name is "label count"). */
async function todoCount(page: Page, key: string): Promise<number> {
  const card = page.getByTestId(`todo-${key}`);
  await expect(card).toBeVisible();
  const name = (await card.getAttribute('aria-label')) ?? '';
  const n = Number(name.split(' ').pop());
  expect(Number.isInteger(n)).toBe(true);
  return n;
}

test.describe('U-13 工作台 and the consoles’ navigation (issue 15)', () => {
  test('the unit lands on its workbench; 待审核 opens the queue filtered, with the same count; the filter lives in the address (back works)', async ({ page }) => {
    await login(page, 'unit_demo');
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    const n = await todoCount(page, 'audit_pending');
    await page.getByTestId('todo-audit_pending').click();
    await expect(page).toHaveURL(/\/office\/audit\?status=pending$/);
    const status = page.locator('.ant-form-item', { hasText: '审核状态' }).locator('.ant-select');
    await expect(status).toContainText('待审核');
    if (n > 0) await expect(page.getByText(`共 ${n} 条`)).toBeVisible();
    else await expect(page.getByText('暂无待审核的申报')).toBeVisible();
    // breadcrumb: console › group › page
    await expect(page.locator('.console-breadcrumb')).toContainText('申报与审核');
    await expect(page.locator('.console-breadcrumb')).toContainText('数据审核');

    await pickOption(page, status, '被上级退回');
    await page.getByRole('button', { name: /查询$/ }).click();
    await expect(page).toHaveURL(/\/office\/audit\?status=failed$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/office\/audit\?status=pending$/);
    await expect(status).toContainText('待审核');
  });

  test('the admin sees its queues; menus are grouped by work and their entries are real links that open in a new tab', async ({ page, context }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    for (const key of ['audit_pending', 'plan_audit', 'filing_audit', 'to_issue', 'certificate_applications', 'unit_permissions', 'batch_proposals']) await todoCount(page, key);
    // the group headings of the menu
    for (const g of ['申报与审核', '评审', '证书', '基础数据', '系统管理']) await expect(page.locator('.ant-menu-item-group-title', { hasText: g })).toBeVisible();
    const link = page.getByRole('menuitem', { name: '证书查询' }).getByRole('link');
    await expect(link).toHaveAttribute('href', '/admin/certificates');
    const tab = await context.newPage();
    await tab.goto((await link.getAttribute('href'))!);
    await expect(tab.getByRole('heading', { name: '证书查询' })).toBeVisible();
    await expect(tab.locator('.console-breadcrumb')).toContainText('证书');
    await tab.close();

    const n = await todoCount(page, 'unit_permissions');
    await page.getByTestId('todo-unit_permissions').click();
    await expect(page).toHaveURL(/\/admin\/unit-permission\?status=pending$/);
    if (n > 0) await expect(page.getByText(`共 ${n} 条`)).toBeVisible();
    await expect(page.locator('.ant-form-item', { hasText: '状态' }).first().locator('.ant-select')).toContainText('待审核');
  });

  test('the committee and the expert land on their workbenches', async ({ browser }) => {
    for (const [user, keys] of [
      ['committee_demo', ['audit_pending', 'plans_to_submit', 'plans_rejected', 'plans_to_draw', 'plans_in_meeting', 'plans_to_publicise']],
      ['expert_demo', ['expert_plans']],
    ] as const) {
      const page = await userPage(browser, user);
      await expect(page).toHaveURL(/\/office$/);
      for (const key of keys) await todoCount(page, key);
      await page.context().close();
    }
  });
});

test.describe('功能搜索: the seed systems’ function names (issue 15)', () => {
  test('the admin finds pages by the old system’s names and by menu names; the unit only its own', async ({ page }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    const search = page.getByRole('search').getByLabel('功能搜索');
    await search.fill('呈报方案查询');
    await expect(page).toHaveURL(/\/admin\/review-plans$/);
    await search.fill('职称评审结果备案');
    await expect(page).toHaveURL(/\/admin\/review-plans\?status=filing_applied$/);
    await search.fill('证书编号生成');
    await expect(page).toHaveURL(/\/admin\/certificate-numbers$/);
    await expect(page.getByRole('heading', { name: '证书编号生成' })).toBeVisible();
    // part of a name and Enter
    await search.fill('生成电子');
    await search.press('Enter');
    await expect(page).toHaveURL(/\/admin\/certificate-issuing$/);
    await expect(page.locator('#console-functions option[value="评委会查询"]')).toHaveCount(1);

    await page.context().clearCookies();
    await login(page, 'unit_demo');
    await expect(page.locator('#console-functions option[value="推荐上报"]')).toHaveCount(1);
    await expect(page.locator('#console-functions option[value="证书编号生成"]')).toHaveCount(0);
  });
});

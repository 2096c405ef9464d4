import { DEMO_TOTP_SECRET, expect, login, test, uniq } from './helpers.js';
import { logout } from './reference-helpers.js';

test.describe('账号管理', () => {
  test('an admin creates a back-office account for an organisation found by fuzzy search', async ({ page }) => {
    const username = uniq('op_');
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('cell', { name: 'unit_demo', exact: true })).toBeVisible();

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('所属机构').click();
    await dialog.getByLabel('所属机构').fill('示范科技');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '南京示范科技有限公司' }).click();
    await expect(dialog.locator('.ant-form-item', { hasText: '所属机构' })).toContainText('南京示范科技有限公司（单位');
    const roleItem = dialog.locator('.ant-form-item', { hasText: '角色' });
    await expect(async () => {
      await roleItem.locator('.ant-select').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单位经办人' }).click({ timeout: 2000 });
      await expect(roleItem).toContainText('单位经办人', { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('新经办人');
    await dialog.getByLabel('手机号码').fill('13700001111');
    await dialog.getByLabel('初始密码').fill('Staff@2026');
    await dialog.getByRole('button', { name: '创建' }).click();

    await expect(page.getByText(`账号 ${username} 已创建`)).toBeVisible();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: username });
    await expect(row).toContainText('新经办人');
    await expect(row).toContainText('南京示范科技有限公司');

    // The new account signs in, must first replace the password the administrator chose (a common one is refused),
    // then lands in the back office.
    await logout(page);
    await login(page, username, 'Staff@2026');
    await expect(page).toHaveURL(/\/office\/password$/);
    await page.goto('/office/audit');
    await expect(page).toHaveURL(/\/office\/password$/);
    await page.getByLabel('原密码').fill('Staff@2026');
    await page.getByLabel('新密码', { exact: true }).fill('Password123!');
    await page.getByLabel('确认新密码').fill('Password123!');
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect(page.locator('.ant-form-item', { hasText: '新密码' }).first()).toContainText('该密码过于常见');
    await page.getByLabel('新密码', { exact: true }).fill('Own#Staff2026');
    await page.getByLabel('确认新密码').fill('Own#Staff2026');
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect(page).toHaveURL(/\/login/);
    await login(page, username, 'Own#Staff2026');
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  });

  test('the audit log lists the sign-ins', async ({ page }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await expect(page).toHaveURL(/\/admin\/audit-logs$/);
    await expect(page.getByRole('cell', { name: '登录' }).first()).toBeVisible();
    // who acted, by name and account, and for which organisation
    await expect(page.getByRole('row').filter({ hasText: '（admin）' }).first()).toContainText('江苏省职称管理部门');
    // issue 13: the SM3 chain over the log checks out
    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect(page.getByTestId('chain-report')).toContainText(/日志完整：已校验 \d+ 条，SM3 链无断点/);
  });
});

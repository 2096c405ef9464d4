import { DEMO_TOTP_SECRET, expect, login, test, uniq } from './helpers.js';
import { logout } from './reference-helpers.js';

test.describe('账号管理', () => {
  test('the system administrator creates a back-office account for an organisation found by fuzzy search', async ({ page }) => {
    const username = uniq('op_');
    await login(page, 'sys_admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
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

  test("the audit administrator's log lists the sign-ins", async ({ page }) => {
    await login(page, 'audit_admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '操作日志' }).click();
    await expect(page).toHaveURL(/\/admin\/audit-logs$/);
    await expect(page.getByRole('cell', { name: '登录' }).first()).toBeVisible();
    // who acted, by name and account, and for which organisation
    await expect(page.getByRole('row').filter({ hasText: '（audit_admin）' }).first()).toContainText('江苏省职称管理部门');
    // issue 13: the SM3 chain over the log checks out
    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect(page.getByTestId('chain-report')).toContainText(/日志完整：已校验 \d+ 条，SM3 链无断点/);
  });

  test('三员分立: each administrator sees only their own work; the security administrator sets the policy', async ({ page }) => {
    const menu = page.getByRole('menu');
    // 审计管理员: the log, nothing of accounts or business (a typed address leads home)
    await login(page, 'audit_admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page.getByText('我的职责')).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: '操作日志' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);
    await expect(menu.getByRole('menuitem', { name: '资格审核' })).toHaveCount(0);
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/admin$/);
    await logout(page);

    // 安全管理员: roles and the policy, not the log
    await login(page, 'sec_admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(menu.getByRole('menuitem', { name: '操作日志' })).toHaveCount(0);
    await menu.getByRole('menuitem', { name: '角色权限' }).click();
    await expect(page.getByRole('row').filter({ hasText: '操作日志查阅、导出与校验' })).toBeVisible();
    await menu.getByRole('menuitem', { name: '安全策略' }).click();
    const failures = page.getByLabel('连续登录失败锁定次数');
    await expect(failures).toHaveValue('5');
    await failures.fill('11');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.ant-form-item', { hasText: '连续登录失败锁定次数' })).toContainText('3–10');
    await failures.fill('6');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('最近修改')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('连续登录失败锁定次数')).toHaveValue('6');
    await page.getByLabel('连续登录失败锁定次数').fill('5');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('安全策略已保存')).toBeVisible();
    // the accounts list offers 变更角色, not 新建账号 or 停用
    await menu.getByRole('menuitem', { name: '账号管理' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'unit_demo' }).getByRole('button', { name: '变更角色' })).toBeVisible();
    await expect(page.getByRole('button', { name: '新建账号' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '停用' })).toHaveCount(0);
    await logout(page);

    // the audit administrator sees the change field by field, and takes the log away as xlsx
    await login(page, 'audit_admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await menu.getByRole('menuitem', { name: '操作日志' }).click();
    await page.getByLabel('操作账号').fill('sec_admin');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row').filter({ hasText: '修改安全策略' }).first()).toContainText('连续登录失败锁定次数：6 → 5');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    expect((await download).suggestedFilename()).toMatch(/操作日志.*\.xlsx$/);
  });
});

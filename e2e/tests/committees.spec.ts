import { DEMO_TOTP_SECRET, expect, login, replaceInitialPassword, test, uniq } from './helpers.js';
import { logout, pickOption, pickRegion } from './reference-helpers.js';

test.describe('评委会管理 (A-06/A-07)', () => {
  test('an admin creates a committee with founding units, professions per level and a contact who becomes its operator', async ({ page }) => {
    test.setTimeout(180_000);
    const name = `南京市测试${Date.now().toString(36)}中级职称评审委员会`;
    const operator = uniq('cop_');
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '评委会管理' }).click();
    await expect(page).toHaveURL(/\/admin\/committees$/);
    await page.getByRole('button', { name: '新建评委会' }).click();
    const dialog = page.getByRole('dialog', { name: '新建评委会' });
    await dialog.getByLabel('评委会名称').fill(name);
    await pickRegion(page, dialog.locator('.ant-form-item', { hasText: '所在地区' }), ['江苏省', '南京市']);
    await pickOption(page, dialog.locator('.ant-form-item', { hasText: '级别' }).first().locator('.ant-select'), '市级');
    await pickOption(page, dialog.locator('.ant-form-item', { hasText: '类别' }).locator('.ant-select'), '中评会');
    await pickOption(page, dialog.locator('.ant-form-item', { hasText: '组建单位' }).locator('.ant-select'), '南京示范科技有限公司', '示范科技');
    await page.keyboard.press('Escape');

    const scope = dialog.locator('.scope-row').first();
    await expect(async () => {
      await scope.locator('.ant-select').nth(1).click();
      await scope.locator('.ant-select').nth(1).locator('input').fill('GC01');
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: 'GC01' }).first().click({ timeout: 3000 });
      await expect(scope).toContainText('GC01', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    for (const level of ['中级', '副高级']) {
      await pickOption(page, scope.locator('.ant-select').nth(2), level);
    }
    await page.keyboard.press('Escape');
    await dialog.getByLabel('收费标准').fill('每人 300 元');
    await dialog.getByLabel('联系人姓名').fill('周联系');
    await dialog.getByLabel('联系人手机').fill('13600001234');
    await dialog.getByLabel('经办人用户名').fill(operator);
    await dialog.getByLabel('初始密码').fill('Committee@2026');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('评委会已创建')).toBeVisible();
    await expect(dialog).toBeHidden();

    await page.getByLabel('名称').fill(name);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('南京示范科技有限公司');
    await expect(row).toContainText('1 个专业');
    await expect(row).toContainText('中评会');
    await expect(row).toContainText('周联系');

    // the saved scope: GC01 at two levels
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog', { name: '编辑评委会' });
    await expect(edit.locator('.scope-row').first()).toContainText('GC01');
    await expect(edit.locator('.scope-row').first()).toContainText('中级');
    await expect(edit.locator('.scope-row').first()).toContainText('副高级');
    await edit.getByRole('button', { name: '取消' }).click();

    // the contact person signs in as the committee's operator
    await logout(page);
    await replaceInitialPassword(page, operator, 'Committee@2026', 'Own#Committee26');
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByText(name, { exact: true })).toBeVisible();
    await page.getByRole('menuitem', { name: '申报批次' }).click();
    await expect(page.getByText('暂无批次')).toBeVisible();
  });
});

import { DEMO_TOTP_SECRET, expect, login, test, uniq } from './helpers.js';
import { pickOption, pickRegion } from './reference-helpers.js';

test.describe('基础数据界面 (A-01, A-02, A-28, 专家库)', () => {
  test.beforeEach(async ({ page }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
  });

  test('A-01 adds a child profession and shows the refusal when deleting a referenced one', async ({ page }) => {
    const code = `T${Date.now().toString(36).slice(-6)}`.toUpperCase();
    await page.getByRole('menuitem', { name: '专业管理' }).click();
    const gc = page.getByRole('row').filter({ hasText: 'GC' }).first();
    await gc.getByRole('button', { name: '添加下级' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('专业代码').fill(code);
    await dialog.getByLabel('专业名称').fill('测试专业');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.ant-message').getByText('已保存')).toBeVisible();
    await gc.locator('.ant-table-row-expand-icon').click();
    await expect(page.getByRole('row').filter({ hasText: code })).toBeVisible();

    const used = page.getByRole('row').filter({ hasText: 'GC01' });
    await used.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await expect(page.locator('.ant-message')).toContainText('评委会评审范围');
    await expect(page.locator('.ant-popconfirm:visible')).toHaveCount(0);

    const fresh = page.getByRole('row').filter({ hasText: code });
    await fresh.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
    await expect(page.locator('.ant-message').getByText('已删除')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: code })).toHaveCount(0);
  });

  test('A-02 shows series → level → title with the ministry code', async ({ page }) => {
    await page.getByRole('menuitem', { name: '职称管理' }).click();
    const series = page.getByRole('row').filter({ hasText: '（GC）' });
    await series.locator('.ant-table-row-expand-icon').click();
    const senior = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '展开行 正高级', exact: true }) });
    await senior.getByRole('button', { name: '展开行' }).click();
    await expect(page.getByRole('row').filter({ hasText: '正高级工程师' })).toContainText('0651');
  });

  test('A-28 edits a batch template from the catalogue', async ({ page }) => {
    await page.getByRole('menuitem', { name: '申报批次' }).click();
    const row = page.getByRole('row').filter({ hasText: '2026年度江苏省工程技术高级职称评审' });
    await row.getByRole('button', { name: '申报模板' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('row').filter({ hasText: '个人基本信息' })).toContainText('固定');
    await dialog.getByRole('button', { name: '保存模板' }).click();
    await expect(page.locator('.ant-message').getByText('模板已保存')).toBeVisible();
  });

  test('the expert pool adds an expert with a new account', async ({ page }) => {
    test.setTimeout(180_000);
    const username = uniq('exp_');
    await page.getByRole('menuitem', { name: '专家库' }).click();
    await expect(page.getByRole('row').filter({ hasText: '李评委' })).toBeVisible();
    await page.getByRole('button', { name: '新增专家' }).click();
    const dialog = page.getByRole('dialog', { name: '新增专家' });
    await dialog.getByLabel('姓名').fill('郑专家');
    await dialog.getByLabel('手机号码').fill('13800005678');
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('初始密码').fill('Expert@2026');
    const prof = dialog.locator('.ant-form-item', { hasText: '评审专业' }).locator('.ant-select');
    await expect(async () => {
      await prof.click();
      await prof.locator('input').fill('GC02');
      await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: 'GC02' }).first().click({ timeout: 3000 });
      await expect(prof).toContainText('GC02', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await pickOption(page, dialog.locator('.ant-form-item', { hasText: '职称级别' }).locator('.ant-select'), '正高级');
    await dialog.getByLabel('职称名称').fill('正高级工程师');
    await pickRegion(page, dialog.locator('.ant-form-item', { hasText: '所在地区' }), ['江苏省', '南京市']);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.ant-message').getByText('已保存')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: username })).toContainText('GC02');
  });
});

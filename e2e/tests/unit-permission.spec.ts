import { DEMO_TOTP_SECRET, captchaAnswer, expect, login, test, uniq } from './helpers.js';
import { logout, pickOption, pickRegion, randomCreditCode, tinyPdf } from './reference-helpers.js';

test.describe('单位权限 (U-01, U-02, A-20)', () => {
  test("a unit's permission application is rejected, corrected and approved", async ({ page }) => {
    test.setTimeout(180_000);
    const tag = Date.now().toString(36);
    const unitName = `南京权限测试${tag}有限公司`;
    const corrected = `南京权限测试${tag}科技有限公司`;
    const username = uniq('unit_');
    const password = 'Unit@2026x';

    // U-01: the unit registers, picking its region in the cascader
    await page.goto('/register-unit');
    await page.getByLabel('单位名称').fill(unitName);
    await page.getByLabel('统一社会信用代码').fill(randomCreditCode());
    await pickRegion(page, page.locator('.ant-form-item', { hasText: '所在地区' }), ['江苏省', '南京市', '玄武区']);
    await pickOption(page, page.locator('.ant-form-item', { hasText: '单位性质' }).locator('.ant-select'), '企业');
    await page.getByLabel('经办人姓名').fill('吴经办');
    await page.getByLabel('手机号码').fill('13500001234');
    await page.getByLabel('电子邮箱').fill(`${username}@example.com`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '提交注册' }).click();
    await expect(page.getByText('单位注册成功')).toBeVisible();

    // U-02: no permission yet: the home page says so; the unit applies with an attachment
    await login(page, username, password);
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByText('本单位尚未取得职称工作权限')).toBeVisible();
    await page.getByRole('button', { name: '去申请' }).click();
    await expect(page).toHaveURL(/\/office\/permission$/);
    await page.locator('input[type=file]').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await expect(page.locator('.ant-upload-list')).toContainText('营业执照.pdf');
    await expect(page.locator('.ant-upload-list-item-done')).toHaveCount(1);
    await page.getByLabel('申请说明').fill('申请开展职称申报工作');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByText('申请审核中')).toBeVisible();
    await logout(page);

    // the title office rejects with an opinion, after looking at the attachment
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '单位权限审核' }).click();
    const row = page.getByRole('row').filter({ hasText: unitName });
    await row.getByRole('button', { name: '审核' }).click();
    let dialog = page.getByRole('dialog', { name: '单位权限申请' });
    await expect(dialog.getByRole('button', { name: '营业执照.pdf' })).toBeVisible();
    await dialog.getByRole('radio', { name: '退回' }).check();
    await dialog.getByLabel('审核意见').fill('单位名称与营业执照不一致');
    await dialog.getByRole('button', { name: '提交审核结果' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0); // no longer waiting in the 待审核 list
    await logout(page);

    // the unit sees the reason, corrects its name and resubmits
    await login(page, username, password);
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByText('权限申请被退回：单位名称与营业执照不一致')).toBeVisible();
    await page.getByRole('button', { name: '修改并重新提交' }).click();
    await expect(page.getByText('退回原因：单位名称与营业执照不一致')).toBeVisible();
    await page.getByLabel('单位名称').fill(corrected);
    await page.getByRole('button', { name: '重新提交' }).click();
    await expect(page.getByText('申请审核中')).toBeVisible();
    await logout(page);

    // the office approves
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '单位权限审核' }).click();
    const again = page.getByRole('row').filter({ hasText: corrected });
    await expect(again).toContainText('2');
    await again.getByRole('button', { name: '审核' }).click();
    dialog = page.getByRole('dialog', { name: '单位权限申请' });
    await dialog.getByRole('radio', { name: '通过' }).check();
    await dialog.getByRole('button', { name: '提交审核结果' }).click();
    await expect(dialog).toBeHidden();
    await expect(again).toHaveCount(0);
    await logout(page);

    // the unit can work
    await login(page, username, password);
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByText('本单位已取得职称工作权限，可以开展职称工作。')).toBeVisible();
    await page.getByRole('menuitem', { name: '权限申请' }).click();
    await expect(page.getByText('本单位已取得职称工作权限', { exact: true })).toBeVisible();
  });
});

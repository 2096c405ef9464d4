import { DEMO_TOTP_SECRET, expect, login, randomIdCard, test, uniq } from './helpers.js';

test.describe('B-01..B-05 黑名单', () => {
  test('an admin adds a person, sees the masked entry, exports the list and lifts the entry with a reason', async ({ page }) => {
    const name = uniq('黑');
    const { valid } = randomIdCard();
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '黑名单管理' }).click();
    await expect(page).toHaveURL(/\/admin\/blacklist$/);
    await page.getByRole('button', { name: '新增' }).click();
    const dialog = page.getByRole('dialog', { name: '新增黑名单' });
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('身份证号').fill(valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1'));
    await dialog.getByLabel('列入原因').fill('提供虚假业绩材料');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('身份证号校验位不正确，请核对后重新输入')).toBeVisible();
    await dialog.getByLabel('身份证号').fill(valid);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(valid.slice(0, 3) + '***********' + valid.slice(-4));
    await expect(row).toContainText('有效');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出' }).click();
    expect((await download).suggestedFilename()).toBe('黑名单.xlsx');

    await row.getByRole('button', { name: '解除' }).click();
    const lift = page.getByRole('dialog', { name: `解除黑名单：${name}` });
    await lift.getByLabel('解除原因').fill('复核后撤销');
    await lift.getByRole('button', { name: '确认解除' }).click();
    await expect(lift).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: name })).toContainText('已解除');
  });
});

test.describe('A-27 / P-03 / H-13 公告与政策', () => {
  test('an announcement published by the office appears on the public page and in the applicant\'s message centre', async ({ page, browser }) => {
    const title = uniq('2026年度职称评审通知');
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '公告与政策' }).click();
    await page.getByRole('button', { name: '发布' }).click();
    const dialog = page.getByRole('dialog', { name: '发布公告' });
    await dialog.getByLabel('标题').fill(title);
    await dialog.getByLabel('正文').fill('请各单位于截止日前完成申报材料审核。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: title })).toContainText('已发布');

    const anon = await browser.newPage();
    await anon.goto('/notices');
    await anon.getByText(title).click();
    await expect(anon.getByText('请各单位于截止日前完成申报材料审核。')).toBeVisible();
    await anon.close();

    // The same browser, now as the applicant (the session lives in the refresh cookie).
    await page.context().clearCookies();
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '消息中心' }).click();
    await page.getByRole('tab', { name: '公告通知' }).click();
    await expect(page.getByText(title)).toBeVisible();
  });
});

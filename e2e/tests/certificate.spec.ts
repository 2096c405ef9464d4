import { DEMO_TOTP_SECRET, expect, login, test } from './helpers.js';

test.describe('A-15 / H-12 / P-01 证书', () => {
  test('the applicant downloads the e-certificate; its QR link shows it valid; after revocation in the admin console it shows revoked', async ({ page, browser }) => {
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    await expect(page).toHaveURL(/\/hall\/certificates$/);
    const card = page.getByTestId('my-certificate').filter({ hasText: '高级工程师（副高级）' }).first();
    await expect(card).toContainText('高级工程师');
    const certificateNo = (await card.locator('.ant-descriptions-item').filter({ hasText: '证书编号' }).locator('.ant-descriptions-item-content').innerText()).trim();
    const code = (await card.locator('.ant-descriptions-item').filter({ hasText: '验证码' }).locator('.ant-descriptions-item-content').innerText()).trim();
    expect(code).toMatch(/^[2-9A-Z]{12}$/);
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载电子证书' }).click();
    expect((await download).suggestedFilename()).toBe(`职称证书-${certificateNo}.pdf`);

    // The QR code on the certificate links to /verify?code=…
    const anon = await browser.newPage();
    await anon.goto(`/verify?code=${code}`);
    const result = anon.getByTestId('certificate-result');
    await expect(result).toContainText('有效');
    await expect(result).toContainText('数据校验通过');
    await expect(result).toContainText(certificateNo);
    await expect(result).toContainText('320***********');

    // Name + ID number on the form: a wrong name finds nothing.
    await anon.goto('/verify');
    await anon.getByLabel('姓名').fill('李四');
    await anon.getByLabel('身份证号').fill(await idOfApplicant());
    await anon.getByRole('button', { name: '查询' }).click();
    await expect(anon.getByText('未查询到证书')).toBeVisible();

    await page.context().clearCookies();
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书查询' }).click();
    await expect(page).toHaveURL(/\/admin\/certificates$/);
    const row = page.getByRole('row').filter({ hasText: certificateNo });
    await expect(row).toContainText('有效');
    await row.getByRole('button', { name: '撤销' }).click();
    const dialog = page.getByRole('dialog', { name: `撤销证书：${certificateNo}` });
    await dialog.getByLabel('撤销原因').fill('弄虚作假取得职称');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: certificateNo })).toContainText('已撤销');

    await anon.goto(`/verify?code=${code}`);
    await expect(anon.getByTestId('certificate-result')).toContainText('已撤销');
    await anon.close();
  });
});

/** The demo applicant's ID number (seeded with a valid check digit from this prefix). */
async function idOfApplicant(): Promise<string> {
  const first17 = '32010219900307123';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

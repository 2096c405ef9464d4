import { captchaAnswer, expect, login, registerPersonViaApi, test, uniq } from './helpers.js';

/** Issue 13: the hall's login offers an SMS code as the second step (at phone size). */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test.describe('H-02b 登录短信验证', () => {
  test('an applicant turns it on with the password, then signs in with the code from the dev outbox', async ({ page, browser, request }) => {
    const username = uniq('sms');
    await registerPersonViaApi(request, { username, password: 'Sms@12345', email: `${username}@example.com` });
    await login(page, username, 'Sms@12345');
    await expect(page).toHaveURL(/\/hall$/);

    await page.goto('/hall/profile');
    await page.getByTestId('login-sms-switch').click();
    await page.getByRole('dialog').getByLabel('当前密码').fill('Sms@12345');
    await page.getByRole('dialog').getByRole('button', { name: '确 定' }).or(page.getByRole('dialog').getByRole('button', { name: '确定' })).click();
    await expect(page.getByText('已开启登录短信验证')).toBeVisible();

    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await phone.goto('/login');
    await phone.getByLabel('用户名').fill(username);
    await phone.getByLabel('密码').fill('Sms@12345');
    await phone.getByPlaceholder('验证码').fill(await captchaAnswer(phone));
    await phone.locator('form').getByRole('button', { name: '登录', exact: true }).click();
    const sent = phone.getByText(/验证码已发送至 1\d{2}\*{4}\d{4}/);
    await expect(sent).toBeVisible();
    const masked = /1\d{2}\*{4}\d{4}/.exec((await sent.textContent()) ?? '')![0];
    await expect(phone.getByRole('button', { name: /重新发送（\d+秒）/ })).toBeDisabled();

    // the dev sink (loopback/admin only) shows the number it would send to; the login page only the masked one
    await page.goto('/dev/outbox');
    const row = page.getByRole('row').filter({ hasText: new RegExp(`${masked.slice(0, 3)}(\\*{4}|\\d{4})${masked.slice(-4)}`) }).filter({ hasText: '登录验证码' }).first();
    await expect(row).toBeVisible();
    const code = /验证码：(\d{6})/.exec((await row.textContent()) ?? '')![1]!;

    await phone.getByTestId('sms-code').fill(code);
    await phone.getByRole('button', { name: '验证并登录' }).click();
    await expect(phone).toHaveURL(/\/hall$/);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});

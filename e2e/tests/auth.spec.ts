import { captchaAnswer, DEMO_TOTP_SECRET, expect, login, randomIdCard, registerPersonViaApi, test, uniq } from './helpers.js';

test.describe('H-01 个人注册', () => {
  test('shows the Chinese check-digit error for a wrong ID number, then registers with a correct one', async ({ page }) => {
    const id = randomIdCard();
    const username = uniq('reg');
    await page.goto('/register');
    await expect(page.getByRole('heading', { name: '个人注册' })).toBeVisible();
    await page.getByLabel('真实姓名').fill('王小明');
    await page.getByLabel('身份证号').fill(id.wrongCheck);
    await page.getByLabel('用户名').click(); // leave the field: validated on blur
    await expect(page.getByText('身份证号校验位不正确，请核对后重新输入')).toBeVisible();

    await page.getByLabel('身份证号').fill(id.valid);
    await page.getByLabel('用户名').fill(username);
    await expect(page.getByText('身份证号校验位不正确，请核对后重新输入')).toBeHidden();
    await page.getByLabel('手机号码').fill('13912345678');
    await page.getByLabel('密码', { exact: true }).fill('Abc@12345');
    await page.getByLabel('确认密码').fill('Abc@12345');
    await page.getByLabel('电子邮箱').fill(`${username}@example.com`);
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '注册', exact: true }).click();

    await expect(page.getByText('注册成功')).toBeVisible();
    await expect(page.getByText(`您的登录用户名为 ${username}`)).toBeVisible();
  });

  test('maps a server field error (ID number already registered) onto the field', async ({ page, request }) => {
    const username = uniq('dup');
    await page.goto('/register');
    await expect(page.getByRole('heading', { name: '个人注册' })).toBeVisible();
    // The demo applicant's ID number (seeded): 32010219900307123 + check digit.
    const first17 = '32010219900307123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const idCard = first17 + '10X98765432'[sum % 11];
    await page.getByLabel('真实姓名').fill('张三');
    await page.getByLabel('身份证号').fill(idCard);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('手机号码').fill('13912345670');
    await page.getByLabel('密码', { exact: true }).fill('Abc@12345');
    await page.getByLabel('确认密码').fill('Abc@12345');
    await page.getByLabel('电子邮箱').fill(`${username}@example.com`);
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '注册', exact: true }).click();
    await expect(page.getByText('该身份证号已注册')).toBeVisible();
    void request;
  });
});

test.describe('H-02 登录与控制台', () => {
  test('the applicant signs in and lands in the individual hall', async ({ page }) => {
    await login(page, 'applicant');
    await expect(page).toHaveURL(/\/hall$/);
    await expect(page.getByRole('heading', { name: '您好，张三' })).toBeVisible();
    // The ID number is shown masked.
    await expect(page.getByText(/^320\*{11}\w{4}$/)).toBeVisible();
  });

  test('a unit operator signs in and lands in the back office', async ({ page }) => {
    await login(page, 'unit_demo');
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByText('南京示范科技有限公司').first()).toBeVisible();
    await expect(page.getByText('单位经办人').first()).toBeVisible();
  });

  test('an admin signs in with a TOTP code and lands in the admin console', async ({ page }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByText('江苏省职称管理部门').first()).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '资格审核' })).toBeVisible();
    // 三员分立: accounts are the system administrator's, not the business administrator's
    await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);
  });

  test('a wrong password is shown on the password field', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible();
    await page.getByLabel('用户名').fill('applicant');
    await page.getByLabel('密码').fill('Wrong@2026');
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByText(/用户名或密码错误/)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('an anonymous visitor of a console is sent to login and back afterwards', async ({ page }) => {
    await page.goto('/hall/profile');
    await expect(page).toHaveURL(/\/login\?redirect=%2Fhall%2Fprofile/);
    await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible();
    await page.getByLabel('用户名').fill('applicant');
    await page.getByLabel('密码').fill('Demo@2026');
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.locator('form').getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/hall\/profile$/);
    await expect(page.getByRole('heading', { name: '个人信息' })).toBeVisible();
  });

  test('a user of another role visiting /admin is redirected to their own console (session survives reload)', async ({ page }) => {
    await login(page, 'applicant');
    await expect(page).toHaveURL(/\/hall$/);
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/hall$/);
    await expect(page.getByRole('heading', { name: '您好，张三' })).toBeVisible();
  });

  test('登录设备: a user sees where they are signed in and takes another device offline (issue 13)', async ({ page, browser }) => {
    const username = uniq('dev_');
    await registerPersonViaApi(page.request, { username, password: 'Passw0rd!x', email: `${username}@example.com` });
    const other = await browser.newContext({ userAgent: 'Mozilla/5.0 (Linux; Android 14) ZcTestPhone Mobile' });
    const phone = await other.newPage();
    await login(phone, username, 'Passw0rd!x');
    await expect(phone).toHaveURL(/\/hall$/);
    await login(page, username, 'Passw0rd!x');
    await expect(page).toHaveURL(/\/hall$/);
    await page.goto('/hall/profile');
    const devices = page.locator('.ant-card, section', { hasText: '登录设备' }).last();
    const phoneRow = page.getByRole('row').filter({ hasText: 'ZcTestPhone' });
    await expect(phoneRow).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '本机' })).toBeVisible();
    await phoneRow.getByRole('button', { name: '下线' }).click();
    await page.getByRole('button', { name: '下线', exact: true }).last().click();
    await expect(phoneRow).toBeHidden();
    await expect(devices).toContainText('本机');
    // the phone's next request is refused: it is back at the login page
    await phone.goto('/hall/profile');
    await expect(phone).toHaveURL(/\/login/);
    await other.close();
  });
});

test.describe('H-02 找回密码', () => {
  test('forgot password sends a reset link to the dev outbox, the link sets a new password, and login works', async ({ page, request }) => {
    const username = uniq('fp');
    const email = `${username}@example.com`;
    await registerPersonViaApi(request, { username, password: 'Old@12345', email });

    await page.goto('/login');
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await expect(page).toHaveURL(/\/forgot-password/);
    await expect(page.getByRole('heading', { name: '找回账号' })).toBeVisible();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('电子邮箱').check();
    await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '发送重置链接' }).click();
    await expect(page.getByText('若账号存在，重置链接已发送至绑定的邮箱')).toBeVisible();

    await page.goto('/dev/outbox');
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('重置密码');
    await row.getByRole('link', { name: /reset-password\?token=/ }).click();

    await expect(page).toHaveURL(/\/reset-password\?token=/);
    await page.getByLabel('新密码', { exact: true }).fill('New@12345');
    await page.getByLabel('确认新密码').fill('New@12345');
    await page.getByRole('button', { name: '确认重置' }).click();
    await expect(page.getByText('密码已重置')).toBeVisible();

    await login(page, username, 'New@12345');
    await expect(page).toHaveURL(/\/hall$/);
    await expect(page.getByRole('heading', { name: '您好，测试用户' })).toBeVisible();
  });
});

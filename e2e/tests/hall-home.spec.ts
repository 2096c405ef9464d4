import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, login, registerPersonViaApi, test, uniq } from './helpers.js';
import { apiJson, apiLogin, bearer, declareViaApi } from './declaration-helpers.js';

/** No page of the hall scrolls sideways on a phone. */
async function noSideScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wide).toBeLessThanOrEqual(1);
}

test.describe('U-13 the applicant’s home (issue 15)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('shows where the declaration waits, since when and what to do next; after a return it asks the applicant to act', async ({
    page,
    request,
  }) => {
    const username = uniq('home');
    await registerPersonViaApi(request, { username, password: DEMO_PASSWORD, email: `${username}@example.com`, realName: '钱进' });
    await login(page, username);
    const card = page.getByTestId('my-progress');
    await expect(card).toContainText('您还没有申报');
    await expect(card.getByRole('link', { name: /职称评审申报/ })).toHaveAttribute('href', '/hall/declare/review');

    const token = await apiLogin(request, username);
    const id = await declareViaApi(request, token);
    await page.reload();
    await expect(card).toContainText('我的申报进度');
    await expect(card).toContainText('当前所在南京示范科技有限公司');
    await expect(card).toContainText('已等待0 天');
    await expect(card).toContainText('下一步：等待“南京示范科技有限公司”审核，您无需操作');
    await expect(card.locator('.ant-steps-item-process')).toContainText('南京示范科技有限公司');
    await noSideScroll(page);

    // the unit returns it: the home asks the applicant to correct it and leads to the declaration
    const unit = await apiLogin(request, 'unit_demo');
    const { version } = await apiJson<{ version: number }>(await request.get(`/api/audit/declarations/${id}`, { headers: bearer(unit) }));
    await apiJson(
      await request.post(`/api/audit/declarations/${id}/return`, { headers: bearer(unit), data: { version, opinion: '请补充业绩材料' } }),
    );
    await page.reload();
    await expect(card).toContainText('当前所在本人');
    await expect(card).toContainText('下一步：申报已退回给您：请按退回意见修改后重新提交。');
    await card.getByRole('button', { name: '去处理' }).click();
    await expect(page).toHaveURL(new RegExp(`/hall/declarations/${id}$`));
    await noSideScroll(page);
  });
});

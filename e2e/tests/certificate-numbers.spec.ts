import { DEMO_TOTP_SECRET, expect, login, randomIdCard, test } from './helpers.js';
import { apiJson, apiLogin, bearer } from './declaration-helpers.js';
import { pickOption } from './reference-helpers.js';

test.describe('A-12 证书编号生成 (issue 15)', () => {
  test('the title office generates a range for an issuer and year, sees it used once a certificate is issued from it, and lengthens it', async ({ page, request }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书编号生成' }).click();
    await expect(page.getByRole('heading', { name: '证书编号生成' })).toBeVisible();
    await expect(page.locator('.console-breadcrumb')).toContainText('证书');

    const form = page.locator('form#number-range');
    await pickOption(page, form.locator('.ant-form-item', { hasText: '发证单位' }).locator('.ant-select'), '3200');
    await form.getByLabel('年度').fill('2027');
    await form.getByLabel('起始序号').fill('101');
    await form.getByLabel('结束序号').fill('300');
    await form.getByRole('button', { name: '生成号段' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm).toContainText('2027 年：序号 101 至 300，共 200 个编号');
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.locator('.ant-message')).toContainText('已生成号段 32002027X000101 – 32002027X000300');

    const row = page.getByTestId('number-pools').getByRole('row').filter({ hasText: '32002027X000101' });
    await expect(row).toContainText('200');
    await expect(row.locator('td').nth(4)).toHaveText('0');

    // a certificate issued on a 2027 date takes the range's first number
    const token = await apiLogin(request, 'admin');
    const issuers = await apiJson<{ items: { id: string; issuerCode: string }[] }>(await request.get('/api/certificate-issuers', { headers: bearer(token) }));
    const issued = await apiJson<{ issued: number }>(
      await request.post('/api/certificates/issue', {
        headers: bearer(token),
        data: {
          items: [
            {
              issueKey: 'e2e:numbers:1',
              holderName: '号段测试',
              holderIdCard: randomIdCard().valid,
              titleName: '工程师',
              seriesCode: 'GC',
              professionName: '电子信息',
              titleLevel: 'intermediate',
              qualificationDate: '2026-12-01',
              approvalDocNo: '苏职称〔2027〕1号',
              committeeName: '江苏省工程技术研究系列高级职称评审委员会',
              issuerOrgId: issuers.items.find((i) => i.issuerCode === '3200')!.id,
              issueDate: '2027-01-05',
            },
          ],
        },
      }),
    );
    expect(issued.issued).toBe(1);

    await page.getByRole('button', { name: /查询$/ }).click();
    await expect(row.locator('td').nth(4)).toHaveText('1');
    await row.getByRole('link', { name: '查看已用编号' }).click();
    await expect(page).toHaveURL(/pool=3200-2027/);
    const used = page.getByTestId('pool-certificates');
    await expect(used.getByRole('row').filter({ hasText: '320020273000101' })).toContainText('号段测试');
    await expect(used.locator('.ant-pagination-total-text')).toHaveText('共 1 个');

    // a longer range for the same pool keeps its start
    await form.getByLabel('结束序号').fill('500');
    await form.getByRole('button', { name: '生成号段' }).click();
    await expect(confirm).toContainText('号段延长至序号 500，新增 200 个编号');
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.getByTestId('number-pools').getByRole('row').filter({ hasText: '32002027X000500' })).toContainText('32002027X000101');
  });
});

import { DEMO_TOTP_SECRET, expect, login, test } from './helpers.js';
import { pickOption } from './reference-helpers.js';

const FILING_DOC_NO = '苏职称备〔2026〕1号';

test.describe('A-13 / A-14 / H-12 / P-01 证书发放', () => {
  test.setTimeout(300_000);

  test('the office issues certificates by filing document number with live progress; the applicant downloads the PDF; its QR link shows valid, then revoked', async ({ page, browser }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书发放' }).click();
    await expect(page).toHaveURL(/\/admin\/certificate-issuing$/);
    await expect(page.getByRole('combobox').first()).toBeVisible();
    // The issuer is preselected (the only one in the province admin's scope).
    await expect(page.getByText('江苏省人力资源和社会保障厅（3200）').first()).toBeVisible();

    await page.getByRole('tab', { name: '按备案文号发证' }).click();
    const panel = page.getByRole('tabpanel', { name: '按备案文号发证' });
    await panel.getByRole('textbox', { name: '备案文号' }).fill(FILING_DOC_NO);
    await panel.getByRole('button', { name: '查询', exact: true }).click();
    await expect(panel.getByText(`备案文号“${FILING_DOC_NO}”下共 3 人已备案且评审通过，其中未发证 3 人`)).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole('row').filter({ hasText: '李明' })).toContainText('未发证');
    // Issue 15: the batch issue asks for confirmation naming the count; 取消 issues nothing.
    await panel.getByRole('button', { name: '按备案文号发证' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认发证' });
    await expect(confirm).toContainText('将为 3 人发证，确定吗？');
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('issue-progress')).toHaveCount(0);
    await expect(panel.getByRole('row').filter({ hasText: '李明' })).toContainText('未发证');
    await panel.getByRole('button', { name: '按备案文号发证' }).click();
    await expect(confirm).toContainText('将为 3 人发证，确定吗？');
    await confirm.getByRole('button', { name: /确\s*定/ }).click();

    const progress = page.getByTestId('issue-progress');
    await expect(progress).toContainText(`备案文号：${FILING_DOC_NO}`);
    await expect(progress).toContainText('发证完成：新发证 3 人，此前已发证 0 人，失败 0 人', { timeout: 120_000 });
    await expect(progress).toContainText('进度 3/3');
    // The list now shows the certificate numbers.
    await expect(panel.getByRole('row').filter({ hasText: '李明' })).toContainText(/32002026\d{7}/, { timeout: 30_000 });
    const batches = page.getByRole('row').filter({ hasText: '按备案文号发证' }).filter({ hasText: '已完成' });
    await expect(batches.first()).toContainText('3/3');

    // The applicant (李明) downloads the e-certificate from 我的证书.
    await page.context().clearCookies();
    const applicant = page;
    await login(applicant, 'filed_li');
    await applicant.getByRole('menuitem', { name: '我的证书' }).click();
    await expect(applicant).toHaveURL(/\/hall\/certificates$/);
    const card = applicant.getByTestId('my-certificate').first();
    await expect(card).toContainText('高级工程师');
    await expect(card).toContainText(FILING_DOC_NO);
    const certificateNo = (await card.locator('.ant-descriptions-item').filter({ hasText: '证书编号' }).locator('.ant-descriptions-item-content').innerText()).trim();
    const code = (await card.locator('.ant-descriptions-item').filter({ hasText: '验证码' }).locator('.ant-descriptions-item-content').innerText()).trim();
    expect(certificateNo).toMatch(/^32002026\d{7}$/);
    expect(code).toMatch(/^[2-9A-Z]{12}$/);
    const download = applicant.waitForEvent('download');
    await card.getByRole('button', { name: '下载电子证书' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`职称证书-${certificateNo}.pdf`);
    const head = await (await import('node:fs/promises')).readFile((await pdf.path())!);
    expect(head.subarray(0, 5).toString()).toBe('%PDF-');

    // The QR code links to /verify?code=…: valid.
    const anon = await browser.newPage();
    await anon.goto(`/verify?code=${code}`);
    const result = anon.getByTestId('certificate-result');
    await expect(result).toContainText('有效');
    await expect(result).toContainText('数据校验通过');
    await expect(result).toContainText(certificateNo);
    await expect(result).toContainText('李明');

    // Revocation in the admin console → the same link shows revoked.
    await page.context().clearCookies();
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书查询' }).click();
    await expect(page).toHaveURL(/\/admin\/certificates$/);
    const row = page.getByRole('row').filter({ hasText: certificateNo });
    await expect(row).toContainText('有效');
    await row.getByRole('button', { name: '撤销' }).click();
    const dialog = page.getByRole('dialog', { name: `撤销证书：${certificateNo}` });
    await dialog.getByLabel('撤销原因').fill('申报材料弄虚作假');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: certificateNo })).toContainText('已撤销');
    await anon.goto(`/verify?code=${code}`);
    await expect(anon.getByTestId('certificate-result')).toContainText('已撤销');
    await anon.close();

    // the new certificates are reported to the ministry from 证书报送人社部.
    await page.getByRole('menuitem', { name: '证书报送人社部' }).click();
    await expect(page).toHaveURL(/\/admin\/certificate-report$/);
    // Issue 15: 李明's certificate was revoked before it reached the ministry, so it is not offered as 未上报.
    const firstRow = page.locator('tr.ant-table-row').first();
    await expect(firstRow).toContainText('未上报');
    await expect(page.getByRole('row').filter({ hasText: certificateNo })).toHaveCount(0);
    const validNo = (await firstRow.innerText()).match(/\d{15}/)![0];
    const reportRow = page.getByRole('row').filter({ hasText: validNo });
    await reportRow.getByRole('button', { name: '上报', exact: true }).click();
    await expect(page.getByText('已提交上报 1 条')).toBeVisible();
    // Driven so that the choice always takes (the list polls while a report is pending and re-renders the filter).
    await pickOption(page, page.locator('.ant-form-item', { hasText: '上报状态' }).locator('.ant-select'), '已上报');
    await page.getByRole('button', { name: /查询$/ }).click();
    await expect(page.getByRole('row').filter({ hasText: validNo })).toContainText('已上报', { timeout: 60_000 });
  });
});

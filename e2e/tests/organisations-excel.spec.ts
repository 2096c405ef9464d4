import ExcelJS from 'exceljs';
import { DEMO_TOTP_SECRET, expect, login, test } from './helpers.js';
import { randomCreditCode, readDownload } from './reference-helpers.js';

test.describe('机构管理 Excel (X-01)', () => {
  test('an organisations import reports the bad row and commits the good rows', async ({ page }) => {
    test.setTimeout(180_000);
    const tag = Date.now().toString(36);
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '机构管理' }).click();
    await expect(page).toHaveURL(/\/admin\/organisations$/);
    await page.getByRole('button', { name: '导入' }).first().click();
    const dialog = page.getByRole('dialog', { name: '批量导入机构' });

    // the template's header row drives the file we fill in
    const [tplDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载导入模板' }).click()]);
    expect(tplDownload.suggestedFilename()).toBe('机构导入模板.xlsx');
    const [headers] = await readDownload(tplDownload);
    expect(headers).toEqual(expect.arrayContaining(['机构名称', '机构类型', '行政区划代码', '统一社会信用代码', '单位性质']));
    const rows: Record<string, string>[] = [
      { 机构名称: `导入测试甲公司${tag}`, 机构类型: '单位', 行政区划代码: '320102', 统一社会信用代码: randomCreditCode(), 单位性质: '企业', 联系人: '甲', 联系电话: '025-1' },
      { 机构名称: `导入测试乙公司${tag}`, 机构类型: '单位', 行政区划代码: '999999', 统一社会信用代码: randomCreditCode(), 单位性质: '企业' },
      { 机构名称: `导入测试丙中心${tag}`, 机构类型: '单位', 行政区划代码: '320105', 统一社会信用代码: randomCreditCode(), 单位性质: '事业单位' },
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(headers!.map((h) => r[h] ?? ''));
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await dialog.locator('input[type=file]').setInputFiles({ name: 'orgs.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect(dialog.getByText('2 条成功，1 条失败')).toBeVisible();
    const failed = dialog.getByRole('row').filter({ hasText: '行政区划代码 999999 不存在' });
    await expect(failed).toContainText('3');
    await dialog.getByRole('button', { name: /提交导入/ }).click();
    await expect(dialog.getByText('导入完成，共导入 2 条')).toBeVisible();
    await dialog.getByRole('button', { name: '完成' }).click();

    await page.getByLabel('关键词').fill(tag);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row').filter({ hasText: `导入测试甲公司${tag}` })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `导入测试丙中心${tag}` })).toBeVisible();
    await expect(page.getByText(`导入测试乙公司${tag}`)).toHaveCount(0);
    await expect(page.getByText('共 2 条')).toBeVisible();
  });

  test('an export of the current query is downloaded and reads back', async ({ page }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '机构管理' }).click();
    await page.getByLabel('关键词').fill('示范科技');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row').filter({ hasText: '南京示范科技有限公司' })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await readDownload(download);
    expect(rows[0]).toContain('机构名称');
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain('南京示范科技有限公司');
    expect(names.every((n) => n!.includes('示范科技'))).toBe(true);
  });
});

import { DEMO_TOTP_SECRET, expect, login, test, uniq } from './helpers.js';

/** A minimal one-page PDF with the given text (correct cross-reference offsets). */
function tinyPdf(label: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 150 Td (${label}) Tj ET`;
  objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test.describe('H-10 / A-26 历史证书登记', () => {
  test('the applicant registers a paper certificate with two PDFs; the office approves; it appears under 我的证书 without an e-certificate', async ({ page }) => {
    const paperNo = uniq('JS').toUpperCase().slice(0, 20);
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
    await page.getByRole('button', { name: '新建申请' }).click();
    const dialog = page.getByRole('dialog', { name: '新建证书申请' });
    await dialog.getByLabel('职称名称').fill('工程师');
    await dialog.getByLabel('级别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中级' }).click();
    await dialog.getByLabel('专业').fill('机械工程');
    await dialog.getByLabel('取得资格时间').fill('2015-12-01');
    await dialog.getByLabel('取得资格时间').press('Enter');
    await dialog.getByLabel('批准文号').fill('苏职称〔2015〕12号');
    await dialog.getByLabel('原证书编号').fill(paperNo);
    await dialog.getByLabel('评审委员会').fill('江苏省工程技术研究系列中级职称评审委员会');
    await dialog.getByLabel('发证单位').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '江苏省人力资源和社会保障厅' }).click();
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({ name: '证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf('certificate') });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('请至少上传2个PDF证明材料')).toBeVisible();
    await input.setInputFiles({ name: '批准文件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('approval') });
    await expect(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')).toHaveCount(2);
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: paperNo })).toContainText('待审核');

    await page.context().clearCookies();
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书登记审核' }).click();
    const row = page.getByRole('row').filter({ hasText: paperNo });
    await row.getByRole('button', { name: '通过' }).click();
    const review = page.getByRole('dialog', { name: '审核通过' });
    await review.getByLabel('审核意见').fill('材料齐全');
    await review.getByRole('button', { name: '确定' }).click();
    await expect(review).toBeHidden();

    await page.context().clearCookies();
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    const card = page.getByTestId('my-certificate').filter({ hasText: paperNo });
    await expect(card).toContainText('工程师');
    await expect(card.getByRole('button', { name: '下载电子证书' })).toHaveCount(0);
  });
});

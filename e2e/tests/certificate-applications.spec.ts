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

test.describe('H-11 / A-26 证书补发/换发', () => {
  test.setTimeout(300_000);

  /** Fills the common fields of the 新建证书申请 dialog (a 中级 工程师 certificate of the provincial issuer). */
  async function fillCertificate(page: import('@playwright/test').Page, dialog: import('@playwright/test').Locator, f: { approvalDocNo: string; originalCertificateNo: string }) {
    await dialog.getByLabel('职称名称').fill('工程师');
    await dialog.getByLabel('级别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '中级' }).click();
    await dialog.getByLabel('专业').fill('电气工程');
    await dialog.getByLabel('取得资格时间').fill('2012-12-01');
    await dialog.getByLabel('取得资格时间').press('Enter');
    await dialog.getByLabel('批准文号').fill(f.approvalDocNo);
    await dialog.getByLabel('原证书编号').fill(f.originalCertificateNo);
    await dialog.getByLabel('评审委员会').fill('江苏省工程技术研究系列中级职称评审委员会');
    await dialog.getByLabel('发证单位').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '江苏省人力资源和社会保障厅' }).click();
  }

  test('the applicant applies to replace a held paper certificate with three PDFs and a reason; the office approves; 我的证书 shows the new e-certificate valid and the old one voided', async ({ page }) => {
    // The demo applicant's seeded e-certificate is left alone (certificate.spec.ts relies on it being valid), so
    // the certificate replaced here is a paper certificate the applicant first registers through H-10
    // (纸质证书换发 / 历史证书电子化 in the manual).
    const paperNo = uniq('HF').toUpperCase().slice(0, 20);
    const approvalDocNo = `苏职称〔2012〕${paperNo.slice(-6)}号`;
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
    await page.getByRole('button', { name: '新建申请' }).click();
    let dialog = page.getByRole('dialog', { name: '新建证书申请' });
    await fillCertificate(page, dialog, { approvalDocNo, originalCertificateNo: paperNo });
    let input = dialog.locator('input[type=file]');
    await input.setInputFiles([
      { name: '证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf('certificate') },
      { name: '批准文件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('approval') },
    ]);
    await expect(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')).toHaveCount(2, { timeout: 60_000 });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('row').filter({ hasText: '历史证书登记' }).filter({ hasText: paperNo })).toContainText('待审核');

    // H-11: 证书补发/换发 of that certificate needs a reason and at least three PDFs.
    await page.getByRole('button', { name: '新建申请' }).click();
    dialog = page.getByRole('dialog', { name: '新建证书申请' });
    await dialog.getByLabel('申请类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '证书补发/换发' }).click();
    await expect(dialog.getByText('证明材料（PDF，至少3个）')).toBeVisible();
    await fillCertificate(page, dialog, { approvalDocNo, originalCertificateNo: paperNo });
    input = dialog.locator('input[type=file]');
    await input.setInputFiles([
      { name: '证书损毁照片.pdf', mimeType: 'application/pdf', buffer: tinyPdf('damaged') },
      { name: '单位证明.pdf', mimeType: 'application/pdf', buffer: tinyPdf('employer') },
    ]);
    await expect(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')).toHaveCount(2, { timeout: 60_000 });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog.getByText('请选择补发/换发原因')).toBeVisible();
    await dialog.getByLabel('补发/换发原因').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '损毁换发' }).click();
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('请至少上传3个PDF证明材料')).toBeVisible();
    await input.setInputFiles({ name: '补办申请表.pdf', mimeType: 'application/pdf', buffer: tinyPdf('form') });
    await expect(dialog.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')).toHaveCount(3, { timeout: 60_000 });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    const reissueRow = page.getByRole('row').filter({ hasText: '证书补发/换发' }).filter({ hasText: paperNo });
    await expect(reissueRow).toContainText('待审核');

    // A-26: the provincial title office approves the registration, then the replacement.
    await page.context().clearCookies();
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    await page.getByRole('menuitem', { name: '证书登记审核' }).click();
    for (const kind of ['历史证书登记', '证书补发/换发']) {
      const row = page.getByRole('row').filter({ hasText: kind }).filter({ hasText: paperNo });
      await expect(row).toContainText('待审核', { timeout: 30_000 });
      if (kind === '证书补发/换发') await expect(row.getByRole('button', { name: /^材料\d$/ })).toHaveCount(3);
      await row.getByRole('button', { name: '通过' }).click();
      const review = page.getByRole('dialog', { name: '审核通过' });
      await review.getByLabel('审核意见').fill('材料齐全');
      await review.getByRole('button', { name: '确定' }).click();
      await expect(review).toBeHidden({ timeout: 30_000 });
      await expect(page.getByRole('row').filter({ hasText: kind }).filter({ hasText: paperNo })).toHaveCount(0, { timeout: 30_000 });
    }

    // The applicant: the application is approved; 我的证书 shows a new, valid e-certificate and the paper one voided.
    await page.context().clearCookies();
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
    await expect(reissueRow).toContainText('已通过', { timeout: 30_000 });
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    await expect(page).toHaveURL(/\/hall\/certificates$/);
    const cards = page.getByTestId('my-certificate').filter({ hasText: approvalDocNo });
    await expect(cards).toHaveCount(2, { timeout: 30_000 });
    const old = cards.filter({ hasText: paperNo });
    await expect(old).toContainText('工程师（中级）');
    await expect(old).toContainText('已撤销');
    await expect(old.locator('.ant-descriptions-item').filter({ hasText: '撤销原因' })).toContainText('已损毁换发，原证书作废');
    await expect(old.getByRole('button', { name: '下载电子证书' })).toHaveCount(0);
    const fresh = cards.filter({ hasNotText: paperNo });
    await expect(fresh).toContainText('工程师（中级）');
    await expect(fresh).toContainText('有效');
    await expect(fresh).not.toContainText('已撤销');
    const certificateNo = (await fresh.locator('.ant-descriptions-item').filter({ hasText: '证书编号' }).locator('.ant-descriptions-item-content').innerText()).trim();
    expect(certificateNo).toMatch(/^3200\d{11}$/);
    const download = page.waitForEvent('download');
    await fresh.getByRole('button', { name: '下载电子证书' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`职称证书-${certificateNo}.pdf`);
    const head = await (await import('node:fs/promises')).readFile((await pdf.path())!);
    expect(head.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

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

const option = (page: import('@playwright/test').Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).click();
type Dialog = import('@playwright/test').Locator;
type Page = import('@playwright/test').Page;

/** 所属行政区划 → 所属申报点 (the provincial issuer). */
async function chooseRegionAndPoint(page: Page, dialog: Dialog) {
  await dialog.getByLabel('所属行政区划').click();
  await option(page, '江苏省');
  await dialog.getByLabel('所属申报点').click();
  await option(page, '江苏省人力资源和社会保障厅');
}

/** H-10 as seed 002 第四章: the old certificate's fields as printed, the series by its name, region, two named PDFs. */
async function registerHistorical(page: Page, certificateNo: string, approvalDocNo: string) {
  await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
  await page.getByRole('button', { name: '历史职称数据登记' }).click();
  const dialog = page.getByRole('dialog', { name: '历史职称数据登记' });
  await dialog.getByLabel('证书编号').fill(certificateNo);
  // The series picker lists the national catalogue by name; typing narrows it.
  await dialog.getByLabel('系列', { exact: true }).fill('会计');
  await option(page, '会计');
  await dialog.getByLabel('职称名称').fill('会计师');
  await dialog.getByLabel('级别').click();
  await option(page, '中级');
  await dialog.getByLabel('专业', { exact: true }).fill('会计');
  await dialog.getByLabel('取得资格时间').fill('2015-12-01');
  await dialog.getByLabel('取得资格时间').press('Enter');
  await dialog.getByLabel('批准文号').fill(approvalDocNo);
  await dialog.getByLabel('评审/认定机构').fill('江苏省会计系列中级职称评审委员会');
  await chooseRegionAndPoint(page, dialog);
  await dialog.getByLabel('选择老证书文件').setInputFiles({ name: '老证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`certificate ${certificateNo}`) });
  await expect(dialog.getByTestId('uploaded-document')).toHaveCount(1, { timeout: 60_000 });
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('申报表、老证书、批文至少上传2项（PDF）', { exact: true })).toBeVisible();
  await dialog.getByLabel('选择批文文件').setInputFiles({ name: '批文.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`approval ${certificateNo}`) });
  await expect(dialog.getByTestId('uploaded-document')).toHaveCount(2, { timeout: 60_000 });
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: '历史职称数据登记' }).filter({ hasText: certificateNo })).toContainText('待审核');
}

/** A-26: the provincial title office approves the pending application of the kind for the certificate number. */
async function officeApproves(page: Page, kind: string, certificateNo: string, documents: number) {
  await page.context().clearCookies();
  await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
  await page.getByRole('menuitem', { name: '证书登记审核' }).click();
  const row = page.getByRole('row').filter({ hasText: kind }).filter({ hasText: certificateNo });
  await expect(row).toContainText('待审核', { timeout: 30_000 });
  await expect(row.getByRole('button', { name: /申报表|老证书|批文|声明|申请表/ })).toHaveCount(documents);
  await row.getByRole('button', { name: '通过' }).click();
  const review = page.getByRole('dialog', { name: '审核通过' });
  await review.getByLabel('审核意见').fill('材料齐全');
  await review.getByRole('button', { name: '确定' }).click();
  await expect(review).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: kind }).filter({ hasText: certificateNo })).toHaveCount(0, { timeout: 30_000 });
  await page.context().clearCookies();
}

test.describe('H-10 / A-26 历史职称数据登记', () => {
  test('the applicant registers a paper certificate with its series and two named PDFs; the office approves; it appears under 我的证书 without an e-certificate', async ({ page }) => {
    test.setTimeout(180_000);
    const paperNo = uniq('JS').toUpperCase().slice(0, 20);
    await login(page, 'applicant');
    await registerHistorical(page, paperNo, `苏职称〔2015〕${paperNo.slice(-6)}号`);
    await officeApproves(page, '历史职称数据登记', paperNo, 2);
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    const card = page.getByTestId('my-certificate').filter({ hasText: paperNo });
    await expect(card).toContainText('会计师');
    await expect(card.getByRole('button', { name: '下载电子证书' })).toHaveCount(0);
  });
});

test.describe('H-11 / A-26 证书补办/换发', () => {
  test.setTimeout(300_000);

  test('the applicant picks an own certificate, chooses 评审/换发 and the 申报点, uploads the three named PDFs; the office approves; 我的证书 shows the new e-certificate valid and the old one voided', async ({ page }) => {
    // The demo applicant's seeded e-certificate is left alone (certificate.spec.ts relies on it being valid), so
    // the certificate replaced here is a paper certificate the applicant first registers through H-10
    // (纸质证书换发 / 历史证书电子化 in seed 002).
    const paperNo = uniq('HF').toUpperCase().slice(0, 20);
    const approvalDocNo = `苏职称〔2012〕${paperNo.slice(-6)}号`;
    await login(page, 'applicant');
    await registerHistorical(page, paperNo, approvalDocNo);
    await officeApproves(page, '历史职称数据登记', paperNo, 2);

    // H-11: find the certificate first, then 申报类型, 业务类别, region → 申报点, the three documents.
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
    await page.getByRole('button', { name: '证书补办/换发' }).click();
    const dialog = page.getByRole('dialog', { name: '证书补办/换发' });
    await dialog.getByRole('radio', { name: new RegExp(paperNo) }).check();
    await dialog.getByRole('radio', { name: '评审', exact: true }).check();
    await dialog.getByRole('radio', { name: '换发', exact: true }).check();
    await chooseRegionAndPoint(page, dialog);
    await dialog.getByLabel('选择原申报表/老证书/批文文件').setInputFiles({ name: '老证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`old ${paperNo}`) });
    await dialog.getByLabel('选择证书作废登报声明文件').setInputFiles({ name: '登报声明.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`notice ${paperNo}`) });
    await expect(dialog.getByTestId('uploaded-document')).toHaveCount(2, { timeout: 60_000 });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog.getByText('请上传证书补办（换发）申请表（PDF）')).toBeVisible();
    await dialog.getByLabel('选择证书补办（换发）申请表文件').setInputFiles({ name: '补办申请表.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`form ${paperNo}`) });
    await expect(dialog.getByTestId('uploaded-document')).toHaveCount(3, { timeout: 60_000 });
    await dialog.getByRole('button', { name: '提交' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    const reissueRow = page.getByRole('row').filter({ hasText: '证书补办/换发' }).filter({ hasText: paperNo });
    await expect(reissueRow).toContainText('待审核');
    await expect(reissueRow).toContainText('评审·换发');

    await officeApproves(page, '证书补办/换发', paperNo, 3);

    // The applicant: the application is approved; 我的证书 shows a new, valid e-certificate and the paper one voided.
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '证书登记与补发' }).click();
    await expect(reissueRow).toContainText('已通过', { timeout: 30_000 });
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    await expect(page).toHaveURL(/\/hall\/certificates$/);
    const cards = page.getByTestId('my-certificate').filter({ hasText: approvalDocNo });
    await expect(cards).toHaveCount(2, { timeout: 30_000 });
    const old = cards.filter({ hasText: paperNo });
    await expect(old).toContainText('会计师（中级）');
    await expect(old).toContainText('已撤销');
    await expect(old.locator('.ant-descriptions-item').filter({ hasText: '撤销原因' })).toContainText('已换发，原证书作废');
    await expect(old.getByRole('button', { name: '下载电子证书' })).toHaveCount(0);
    const fresh = cards.filter({ hasNotText: paperNo });
    await expect(fresh).toContainText('会计师（中级）');
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

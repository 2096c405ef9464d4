import ExcelJS from 'exceljs';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A random, valid unified social credit code registered in Nanjing Xuanwu (GB 32100 check character). */
export function randomCreditCode(): string {
  let body = '913201020';
  while (body.length < 17) body += CC_CHARS[Math.floor(Math.random() * 10)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_CHARS.indexOf(body[i]!) * CC_WEIGHTS[i]!;
  return body + CC_CHARS[(31 - (sum % 31)) % 31];
}

/** A minimal valid one-page PDF (the server checks the signature and parses it). */
export function tinyPdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Reads a downloaded workbook's first sheet as rows of cell texts. */
export async function readDownload(download: Download): Promise<string[][]> {
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/**
 * Picks an option of an antd Select (opened by clicking `trigger`), retrying until the choice shows in the
 * select: under load a click on a dropdown that is still animating can land without selecting anything.
 */
export async function pickOption(page: Page, trigger: Locator, option: string, typed?: string) {
  await expect(async () => {
    if ((await trigger.textContent())?.includes(option)) return;
    await trigger.click();
    if (typed) await trigger.locator('input').fill(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 3000 });
    await expect(trigger).toContainText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

/** Chooses a path in the region cascader inside `item` (e.g. ['江苏省', '南京市']). */
export async function pickRegion(page: Page, item: Locator, path: string[]) {
  await expect(async () => {
    await item.locator('.ant-select').first().click();
    const menus = page.locator('.ant-cascader-dropdown:visible');
    for (const [i, name] of path.entries()) {
      await menus.locator('.ant-cascader-menu').nth(i).locator('.ant-cascader-menu-item', { hasText: name }).first().click({ timeout: 3000 });
    }
    await page.keyboard.press('Escape');
    await expect(item).toContainText(path[path.length - 1]!, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

export async function logout(page: Page) {
  const confirm = page.getByRole('dialog', { name: '确定退出登录吗？' });
  // The durable state is the address: a click on 退出 that the opening dialog swallowed (seen once in CI: the dialog
  // stayed open, no logout request reached the server) is retried until the console is left.
  await expect(async () => {
    if (/\/login/.test(page.url())) return;
    if (!(await confirm.isVisible())) {
      await page.getByTestId('header-user').click({ timeout: 5000 });
      await page.getByRole('menuitem', { name: '退出登录' }).click({ timeout: 5000 });
    }
    await confirm.getByRole('button', { name: '退出', exact: true }).click({ timeout: 5000 });
    await expect(page).toHaveURL(/\/login/, { timeout: 8000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: /登\s?录/ }).first()).toBeVisible();
}

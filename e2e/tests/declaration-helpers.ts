/** The declaration form's steps shared by the desktop (declaration.spec) and phone (hall-mobile.spec) journeys. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from '@playwright/test';
import { expect } from './helpers.js';

/** A small real PDF for the upload slots. */
export async function pdf(name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText(`e2e attachment ${Date.now()}`, { x: 40, y: 100, size: 14, font });
  return { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

export const pane = (page: Page) => page.getByTestId('module-pane');

/** The form item with the given label, inside `scope`. */
export function item(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"], label:text-is("${label}")`) }).first();
}

export async function fillText(scope: Locator, label: string, value: string) {
  await item(scope, label).locator('input, textarea').first().fill(value);
}

/** Picks an option of an antd Select and checks it took (under load a click on the opening dropdown can miss). */
export async function pickSelect(scope: Locator, label: string, option: string) {
  const field = item(scope, label);
  await expect(async () => {
    await field.locator('.ant-select').click();
    await scope.page().locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).first().click({ timeout: 3000 });
    await expect(field.locator('.ant-select')).toContainText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

export async function fillDate(scope: Locator, label: string, value: string) {
  const input = item(scope, label).locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

export async function upload(scope: Locator, slotKey: string, name: string) {
  await scope.getByTestId(`file-${slotKey}`).setInputFiles(await pdf(name));
  await expect(scope.locator(`[data-slot="${slotKey}"]`).getByText(`${name}.pdf`)).toBeVisible();
}

export async function openModule(page: Page, key: string) {
  await page.getByTestId(`nav-${key}`).click();
}

export async function addRow(page: Page, key: string, index = 0): Promise<Locator> {
  await pane(page).getByRole('button', { name: '添加' }).click();
  const row = page.getByTestId(`row-${key}-${index}`);
  await expect(row).toBeVisible();
  return row;
}

export async function fillBasicInfo(page: Page) {
  await openModule(page, 'basic_info');
  const p = pane(page);
  await pickSelect(p, '性别', '男');
  await fillText(p, '民族', '汉族');
  await pickSelect(p, '政治面貌', '群众');
  await fillDate(p, '参加工作时间', '2010-07-01');
  await upload(p, 'idCardFront', '身份证正面');
  await upload(p, 'idCardBack', '身份证反面');
}

export async function fillEducation(page: Page) {
  await openModule(page, 'education');
  const row = await addRow(page, 'education');
  await fillText(row, '毕业院校', '南京大学');
  await fillText(row, '所学专业', '电子信息工程');
  await pickSelect(row, '学历', '本科');
  await pickSelect(row, '学位', '学士');
  await fillDate(row, '入学时间', '2004-09-01');
  await fillDate(row, '毕业时间', '2008-07-01');
  await fillText(row, '学历证书编号', '102841200805000123');
  await row.getByLabel('本专业最高学历').check();
  await upload(row, 'diplomaFile', '学历证书');
}

export async function fillIntegrity(page: Page) {
  await openModule(page, 'integrity_commitment');
  await upload(pane(page), 'commitmentFile', '诚信承诺书');
}

export async function fillTextModule(page: Page, key: string, text: string) {
  await openModule(page, key);
  await pane(page).locator('textarea').fill(text);
  await expect(pane(page).getByTestId('char-counter')).toHaveText(`${[...text].length}/${await maxOf(page)}`);
}

export async function maxOf(page: Page): Promise<string> {
  const t = (await pane(page).getByTestId('char-counter').textContent()) ?? '';
  return t.split('/')[1] ?? '';
}

export async function chooseRegion(page: Page) {
  await page.locator('.ant-cascader').click();
  for (const name of ['江苏省', '南京市', '玄武区']) {
    await page.locator('.ant-cascader-menu-item').filter({ hasText: new RegExp(`^${name}$`) }).click();
  }
  await page.keyboard.press('Escape');
}

/** 企业: the supervising department and the unit, both by fuzzy search. */
export async function chooseUnit(page: Page) {
  const form = page.locator('.start-form');
  await form.getByLabel('企业').check();
  await item(form, '行政主管部门').locator('input').fill('玄武');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '玄武区工业和信息化局' }).click();
  await item(form, '工作单位').locator('input').fill('示范');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '南京示范科技有限公司' }).click();
}

export async function agreeToCommitment(page: Page) {
  const agree = page.getByTestId('agree');
  await expect(page.getByTestId('commitment-text')).toContainText('本人郑重承诺');
  await expect(agree).toBeDisabled();
  await expect(agree).toContainText('秒');
  await page.clock.fastForward(10_000);
  await expect(agree).toBeDisabled();
  await page.clock.fastForward(11_000);
  await expect(agree).toBeEnabled();
  await expect(agree).toHaveText(/^同\s*意$/);
  await agree.click();
}

export async function saveAndReload(page: Page) {
  await page.getByRole('button', { name: /暂\s*存/ }).click();
  await expect(page.getByText('暂存成功')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('module-pane')).toBeVisible();
}

export async function submitAndSeeProgress(page: Page) {
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('提交成功，请关注审核进度')).toBeVisible();
  await expect(page.getByTestId('declaration-status')).not.toHaveText('暂存');
  await expect(page.getByRole('tab', { name: '审核进度', selected: true })).toBeVisible();
  await expect(page.getByTestId('path-steps').locator('.ant-steps-item-process')).toHaveCount(1);
  await expect(page.getByTestId('timeline')).toContainText('提交申报');
  // Read-only after submission.
  await page.getByRole('tab', { name: '申报材料' }).click();
  await expect(page.getByRole('button', { name: '确认提交' })).toHaveCount(0);
  await expect(page.getByText('申报材料已提交，不能修改')).toBeVisible();
}

import type { Locator, Page } from '@playwright/test';
import { expect, test, userPage } from './helpers.js';
import { pickOption, readDownload } from './reference-helpers.js';

/**
 * U-12 / A-19 end to end, each actor in their own browser session: the unit (unit_demo, 南京示范科技有限公司) declares a
 * quota; its supervising department (xw_dept, 玄武区工业和信息化局) returns it with a reason; the unit corrects and
 * resubmits it; the department passes it; the provincial title office (admin) queries it, reads its history and exports.
 */
const UNIT = '南京示范科技有限公司';
const field = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ hasText: label }).first();

async function open(page: Page, menu: string, heading: string) {
  await page.getByRole('menuitem', { name: menu }).click();
  await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible({ timeout: 30_000 });
}

async function searchYear(page: Page, year: number) {
  const bar = page.locator('.filter-bar');
  await bar.getByLabel('年度').fill(String(year));
  await bar.getByRole('button', { name: /查\s*询/ }).click();
}

test.describe('U-12 / A-19 职数申报、审核与查询', () => {
  test.setTimeout(300_000);

  test('unit declares, department returns, unit resubmits, department passes, office queries and exports', async ({ browser }) => {
    // a year of its own, so that reruns against the same database do not collide with the one-per-year rule
    const year = 2031 + Math.floor(Math.random() * 60);

    // 1. 职数申报 — 新增
    const unit = await userPage(browser, 'unit_demo');
    await open(unit, '职数申报', '职数申报');
    await unit.getByRole('button', { name: /新\s*增/ }).click();
    const dlg = unit.getByRole('dialog', { name: '新增职数申报' });
    await dlg.getByLabel('年度').fill(String(year));
    await pickOption(unit, field(dlg, '职称系列').locator('.ant-select'), '工程技术');
    await pickOption(unit, field(dlg, '职称级别').locator('.ant-select'), '副高级');
    await dlg.getByLabel('岗位总数').fill('20');
    await dlg.getByLabel('已聘数').fill('12');
    await dlg.getByLabel('申报职数').fill('9');
    await dlg.getByLabel('说明').fill('新增研发岗位');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dlg.getByText('申报职数不能超过空缺岗位数（8）')).toBeVisible();
    await dlg.getByLabel('申报职数').fill('5');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dlg).toBeHidden({ timeout: 30_000 });
    await searchYear(unit, year);
    const mine = unit.getByRole('row').filter({ hasText: String(year) });
    await expect(mine).toContainText('待审核');
    await expect(mine).toContainText('玄武区工业和信息化局');

    // 2. 职数审核 — 审核不通过 (return with a reason)
    const dept = await userPage(browser, 'xw_dept');
    await open(dept, '职数审核', '职数审核');
    await searchYear(dept, year);
    const waiting = dept.getByRole('row').filter({ hasText: UNIT }).filter({ hasText: String(year) });
    await expect(waiting).toBeVisible();
    await waiting.getByRole('button', { name: '审核' }).click();
    let audit = dept.getByRole('dialog', { name: `职数审核：${UNIT}` });
    await audit.getByRole('button', { name: '审核不通过' }).click();
    await expect(audit.getByText('请输入不通过原因')).toBeVisible();
    await audit.getByLabel(/审核意见/).fill('已聘数与人事台账不符，请核对');
    await audit.getByRole('button', { name: '审核不通过' }).click();
    await expect(audit).toBeHidden({ timeout: 30_000 });
    await expect(dept.getByRole('row').filter({ hasText: UNIT }).filter({ hasText: String(year) })).toHaveCount(0); // the list shows 待审核 only

    // 3. the unit corrects and resubmits
    await unit.reload();
    await searchYear(unit, year);
    await expect(mine).toContainText('审核不通过');
    await expect(mine).toContainText('已聘数与人事台账不符，请核对');
    await mine.getByRole('button', { name: '修改' }).click();
    const edit = unit.getByRole('dialog', { name: '修改职数申报（重新提交）' });
    await expect(edit.getByText('审核不通过：已聘数与人事台账不符，请核对')).toBeVisible();
    await edit.getByLabel('已聘数').fill('13');
    await edit.getByLabel('申报职数').fill('4');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await expect(edit).toBeHidden({ timeout: 30_000 });
    await expect(mine).toContainText('待审核');

    // 4. the department passes it
    await dept.reload();
    await searchYear(dept, year);
    await expect(waiting).toBeVisible();
    await waiting.getByRole('button', { name: '审核' }).click();
    audit = dept.getByRole('dialog', { name: `职数审核：${UNIT}` });
    await expect(audit).toContainText('13');
    await audit.getByLabel(/审核意见/).fill('同意');
    await audit.getByRole('button', { name: '审核通过' }).click();
    await expect(audit).toBeHidden({ timeout: 30_000 });

    // 5. A-19: the title office queries, reads the history and exports the query
    const office = await userPage(browser, 'admin', { admin: true });
    await open(office, '职数申报查询', '职数申报查询');
    await searchYear(office, year);
    const row = office.getByRole('row').filter({ hasText: UNIT }).filter({ hasText: String(year) });
    await expect(row).toContainText('审核通过');
    await expect(row).toContainText('玄武区工业和信息化局');
    await row.getByRole('button', { name: '详情' }).click();
    const drawer = office.getByRole('dialog', { name: '职数申报详情' });
    await expect(drawer).toContainText('提交职数申报');
    await expect(drawer).toContainText('审核不通过（退回）');
    await expect(drawer).toContainText('意见：已聘数与人事台账不符，请核对');
    await expect(drawer).toContainText('修改后重新提交');
    await expect(drawer).toContainText('意见：同意');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click();
    const downloading = office.waitForEvent('download', { timeout: 60_000 });
    await office.getByRole('button', { name: /导\s*出/ }).click();
    const rows = await readDownload(await downloading);
    expect(rows[0]).toEqual(expect.arrayContaining(['年度', '单位名称', '岗位总数', '已聘数', '申报职数', '审核状态']));
    expect(rows.slice(1)).toEqual([expect.arrayContaining([String(year), UNIT, '20', '13', '4', '审核通过'])]);
    for (const p of [unit, dept, office]) await p.context().close();
  });

  test('C-09 the committee submits its annual batch, the office returns it, the committee resubmits, the office approves (a draft 申报批次); C-08 expert records', async ({ browser }) => {
    const year = 2031 + Math.floor(Math.random() * 60);
    const name = `${year}年度工程技术高级职称评审`;
    const committee = await userPage(browser, 'committee_demo');

    // C-08: the committee's experts and their declared information
    await open(committee, '评委申报记录查询', '评委申报记录查询');
    const expert = committee.getByRole('row').filter({ hasText: '李评委' });
    await expect(expert).toBeVisible();
    await expert.getByRole('button', { name: /查\s*询/ }).click();
    const detail = committee.getByRole('dialog', { name: '评委申报详细信息' });
    await expect(detail).toContainText('评审参与记录');
    await expect(detail).toContainText('李评委');
    await detail.locator('.ant-drawer-close').click();

    // C-09: 新增
    await open(committee, '年度批次信息提交', '年度批次信息提交');
    await committee.getByRole('button', { name: /新\s*增/ }).click();
    const dlg = committee.getByRole('dialog', { name: '新增年度批次信息' });
    await dlg.getByLabel('年度').fill(String(year));
    await dlg.getByLabel('批次名称').fill(name);
    await pickOption(committee, field(dlg, '评审级别').locator('.ant-select'), '副高级');
    await dlg.getByText('新增年度批次信息').click(); // closes the dropdown (Escape would close the dialog)
    const start = dlg.getByPlaceholder('开始日期');
    await start.click();
    await start.fill(`${year}-03-01`);
    await start.press('Enter');
    const end = dlg.getByPlaceholder('结束日期');
    await end.fill(`${year}-04-30`);
    await end.press('Enter');
    await expect(end).toHaveValue(`${year}-04-30`);
    await dlg.getByLabel('计划评审人数').fill('300');
    await dlg.getByLabel('联系人').fill('王老师');
    await dlg.getByLabel('联系电话').fill('025-83270000');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dlg).toBeHidden({ timeout: 30_000 });
    const mine = committee.getByRole('row').filter({ hasText: name });
    await expect(mine).toContainText('待审核');

    // the office returns it with a reason
    const office = await userPage(browser, 'admin', { admin: true });
    await open(office, '年度批次审核', '年度批次审核');
    const row = office.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: '审核' }).click();
    let review = office.getByRole('dialog', { name: `审核年度批次信息：${name}` });
    await review.getByLabel(/审核意见/).fill('申报时间与全省安排不一致');
    await review.getByRole('button', { name: /退\s*回/ }).click();
    await expect(review).toBeHidden({ timeout: 30_000 });
    await expect(row).toContainText('已退回');

    // the committee corrects and resubmits
    await committee.reload();
    await expect(mine).toContainText('申报时间与全省安排不一致');
    await mine.getByRole('button', { name: '修改' }).click();
    const edit = committee.getByRole('dialog', { name: '修改年度批次信息（重新提交）' });
    await edit.getByLabel('计划评审人数').fill('320');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await expect(edit).toBeHidden({ timeout: 30_000 });
    await expect(mine).toContainText('待审核');

    // the office approves: a draft 申报批次 of the committee appears in 申报批次
    await office.reload();
    await row.getByRole('button', { name: '审核' }).click();
    review = office.getByRole('dialog', { name: `审核年度批次信息：${name}` });
    await review.getByRole('button', { name: '审核通过' }).click();
    await expect(review).toBeHidden({ timeout: 30_000 });
    await expect(row).toContainText('已通过');
    await open(office, '申报批次', '申报批次');
    await expect(office.getByRole('row').filter({ hasText: name })).toContainText('草稿');
    for (const p of [committee, office]) await p.context().close();
  });
});

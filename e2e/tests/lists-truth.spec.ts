import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, registerPersonViaApi, test, uniq, userPage } from './helpers.js';
import { apiJson, apiLogin, bearer, declareViaApi } from './declaration-helpers.js';

/**
 * Issue 15, "lists that tell the truth": what one operator does shows up in another operator's open list without a
 * reload, and an action never makes the page ask for a declaration that has just left the node.
 */

/** Every answer of the API with status 404 on the page (the console shows each as an error). */
function notFounds(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404 && r.url().includes('/api/')) seen.push(r.url());
  });
  return seen;
}

/** A submitted declaration taken through the unit (passed, publicised, reported up): it waits at 玄武区工业和信息化局. */
async function declarationAtDept(request: APIRequestContext, realName: string): Promise<{ id: string; applicant: string }> {
  const username = uniq('lists');
  await registerPersonViaApi(request, { username, password: DEMO_PASSWORD, email: `${username}@example.com`, realName });
  const applicant = await apiLogin(request, username);
  const id = await declareViaApi(request, applicant);
  const unit = bearer(await apiLogin(request, 'unit_demo'));
  const version = async () => (await apiJson<{ version: number }>(await request.get(`/api/audit/declarations/${id}`, { headers: unit }))).version;
  await apiJson(await request.post(`/api/audit/declarations/${id}/pass`, { headers: unit, data: { version: await version() } }));
  await apiJson(await request.put(`/api/audit/report-up/${id}`, { headers: unit, data: { version: await version(), entrusted: true, recommendationRank: 1 } }));
  // report-up waits for an ended unit publicity (人社部令第40号); the run's clock cannot move, so an earlier one stands in
  await apiJson(await request.post('/api/audit/publicity', { headers: unit, data: { title: uniq('已结束的单位公示'), startsOn: '2026-01-05', endsOn: '2026-01-09', declarationIds: [id] } }), 201);
  await apiJson(await request.post('/api/audit/report-up', { headers: unit, data: { items: [{ id, version: await version() }] } }));
  return { id, applicant };
}

async function searchByName(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: '数据审核' }).click();
  const bar = page.locator('.filter-bar');
  await bar.getByPlaceholder('申报人姓名').fill(name);
  await bar.getByRole('button', { name: /查\s*询/ }).click();
}

async function returnOnPage(page: Page, name: string, opinion: string): Promise<void> {
  await page.getByRole('row').filter({ hasText: name }).getByRole('link', { name: '审核' }).click();
  await expect(page.getByRole('heading', { name: `审核：${name}` })).toBeVisible();
  await page.getByRole('button', { name: '退回', exact: true }).click();
  const dlg = page.getByRole('dialog', { name: '退回' });
  await dlg.getByRole('textbox').fill(opinion);
  await dlg.getByRole('button', { name: '确认' }).click();
  await expect(page.getByText('已退回', { exact: true })).toBeVisible();
}

test.describe('Issue 15 列表如实反映', () => {
  test.setTimeout(240_000);

  test('the upper node returns a declaration: the lower node’s open list shows it on 查询 and on coming back to the tab, and no page asks for a declaration that left', async ({ browser, request }) => {
    const realName = `刷新${Date.now().toString(36).slice(-4)}`;
    const { id, applicant } = await declarationAtDept(request, realName);

    // the unit's 数据审核, filtered by the name, is open and empty: the declaration waits at the department
    const unit = await userPage(browser, 'unit_demo');
    const unit404 = notFounds(unit);
    await searchByName(unit, realName);
    await expect(unit.getByText('暂无待审核的申报')).toBeVisible();

    // the department returns it, in its own session
    const dept = await userPage(browser, 'xw_dept');
    const dept404 = notFounds(dept);
    await searchByName(dept, realName);
    await returnOnPage(dept, realName, '请补充单位推荐意见');
    await expect(dept).toHaveURL(/\/office\/audit(\?|$)/);
    await expect(dept.getByRole('row').filter({ hasText: realName })).toHaveCount(0);
    // the return did not make the page ask again for the declaration that had left the node (a 404 in the console)
    await dept.waitForLoadState('networkidle');
    expect(dept404).toEqual([]);

    // 查询 again with the same filters asks the server again: the returned declaration is there
    await unit.locator('.filter-bar').getByRole('button', { name: /查\s*询/ }).click();
    const row = unit.getByRole('row').filter({ hasText: realName });
    await expect(row).toBeVisible();
    await expect(row).toContainText('被上级退回');

    // the unit returns it to the applicant; the applicant resubmits (API)
    await returnOnPage(unit, realName, '请补充单位推荐意见后重新提交');
    await expect(unit.getByRole('row').filter({ hasText: realName })).toHaveCount(0);
    const mine = await apiJson<{ version: number }>(await request.get(`/api/declarations/${id}`, { headers: bearer(applicant) }));
    await apiJson(await request.post(`/api/declarations/${id}/resubmit`, { headers: bearer(applicant), data: { version: mine.version } }));

    // the node it came back to has its list open and untouched; the operator comes back to the browser tab
    const unitQueue = await apiJson<{ items: { id: string }[] }>(await request.get('/api/audit/queue', { headers: bearer(await apiLogin(request, 'unit_demo')), params: { keyword: realName } }));
    const back = unitQueue.items.some((i) => i.id === id) ? unit : dept;
    await expect(back.getByRole('row').filter({ hasText: realName })).toHaveCount(0);
    // what the browser fires when the operator comes back to the tab (it bubbles from the document to the window)
    await back.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await expect(back.getByRole('row').filter({ hasText: realName })).toBeVisible();

    // passing or returning never asked again for the declaration that had left the node
    expect(dept404).toEqual([]);
    expect(unit404).toEqual([]);
    await unit.context().close();
    await dept.context().close();
  });
});

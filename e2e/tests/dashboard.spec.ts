import type { Page } from '@playwright/test';
import { DEMO_TOTP_SECRET, expect, login, test } from './helpers.js';

/** Rebuilds the figures (立即刷新) so they describe the data as the earlier specs left it. */
async function refreshFigures(page: Page): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/dashboard/waiting/refresh') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /立即刷新/ }).click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByRole('button', { name: /立即刷新/ })).toBeEnabled();
}

/** Every node row of the figures: its node, state and count (the count is a link to the declarations behind it). */
async function nodeRows(page: Page): Promise<{ node: string; state: string; count: number }[]> {
  const rows = page.getByTestId('waiting-nodes').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const out: { node: string; state: string; count: number }[] = [];
  for (const row of await rows.all()) {
    const cells = row.locator('td');
    out.push({
      node: (await cells.nth(0).innerText()).trim(),
      state: (await cells.nth(1).innerText()).trim(),
      count: Number((await cells.nth(2).innerText()).trim()),
    });
  }
  return out;
}

test.describe('A-30 办件在哪儿 (issue 15)', () => {
  test('the title office sees where the demo declarations wait; each count drills down to exactly those declarations; the figures export', async ({
    page,
    context,
  }) => {
    await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
    const entry = page.getByRole('menuitem', { name: '办件在哪儿' }).getByRole('link');
    await expect(entry).toHaveAttribute('href', '/admin/dashboard');
    await entry.click();
    await expect(page.getByRole('heading', { name: '办件在哪儿' })).toBeVisible();
    await expect(page.locator('.console-breadcrumb')).toContainText('申报与审核');
    await refreshFigures(page);

    const rows = await nodeRows(page);
    expect(rows.length).toBeGreaterThan(0);
    const total = rows.reduce((s, r) => s + r.count, 0);
    await expect(page.locator('.ant-statistic', { hasText: '在途申报' })).toContainText(String(total));
    await expect(page.getByTestId('flow-chart').locator('canvas')).toBeVisible();

    // every node's count opens its declarations: as many as the count, each at that node in that state
    for (const r of rows) {
      const link = page.getByTestId('waiting-nodes').getByRole('link', { name: `${r.node} ${r.state} ${r.count} 件` });
      await link.click();
      await expect(page).toHaveURL(/[?&]node=/);
      const list = page.getByTestId('waiting-declarations');
      await expect(list.locator('.ant-pagination-total-text')).toHaveText(`共 ${r.count} 件`);
      const shown = list.locator('tbody tr.ant-table-row');
      await expect(shown).toHaveCount(Math.min(r.count, 20));
      for (const cell of await shown.locator('td:nth-child(4)').all()) await expect(cell).toHaveText(r.state);
      await expect(page.getByText(`在途申报明细：${r.node}`)).toBeVisible();
    }

    // the drill-down is an address: it opens as it is in a new tab
    const shared = await context.newPage();
    await shared.goto(page.url());
    await expect(shared.getByTestId('waiting-declarations').locator('.ant-pagination-total-text')).toHaveText(
      `共 ${rows.at(-1)!.count} 件`,
    );
    await shared.close();

    // back to the figures without the drill-down
    await page.getByRole('link', { name: '收起明细' }).click();
    await expect(page.getByTestId('waiting-declarations')).toHaveCount(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出Excel/ }).click();
    expect((await download).suggestedFilename()).toBe('办件在哪儿.xlsx');
  });

  test('the committee sees the declarations it reviews', async ({ page }) => {
    await login(page, 'committee_demo');
    await page.getByRole('menuitem', { name: '办件在哪儿' }).click();
    await expect(page.getByRole('heading', { name: '办件在哪儿' })).toBeVisible();
    await refreshFigures(page);
    const rows = await nodeRows(page);
    expect(rows.every((r) => r.count > 0)).toBe(true);
    const first = rows[0]!;
    await page.getByTestId('waiting-nodes').getByRole('link', { name: `${first.node} ${first.state} ${first.count} 件` }).click();
    await expect(page.getByTestId('waiting-declarations').locator('.ant-pagination-total-text')).toHaveText(`共 ${first.count} 件`);
  });

  test('a unit has no such page', async ({ page }) => {
    await login(page, 'unit_demo');
    await expect(page.getByRole('menuitem', { name: '办件在哪儿' })).toHaveCount(0);
  });
});

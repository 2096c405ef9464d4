import type { APIRequestContext } from '@playwright/test';
import { DEMO_TOTP_SECRET, expect, login, randomIdCard, registerPersonViaApi, test, uniq, userPage } from './helpers.js';
import {
  agreeToCommitment,
  apiJson,
  apiLogin,
  bearer,
  chooseRegion,
  chooseUnit,
  declareViaApi,
  demoReviewBatch,
  pickOrg,
  startViaApi,
  fillSelfCheck,
  fillText,
  item,
  newApplicant,
  openModule,
  pane,
  pickSelect,
  upload,
} from './declaration-helpers.js';

/**
 * Issue 16 on screen: H-14 the self-check before the commitment letter (40号令 refusals, qualifying years, only 破格
 * after a shortfall), the path before submitting, A-34 the one-time notice of a return, U-14 the diff the returning
 * auditor sees. Each test sets the demo batch's rules it needs through the API and puts the previous ones back.
 */

type Rules = { batchId: string; version: number } & Record<string, unknown>;

/** 副高级 工程技术: 本科 5 years since the current title, counted from its date to the end of the declaration year. */
const GC_RULE = {
  seriesCode: 'GC',
  titleLevel: 'vice_senior',
  countFrom: 'date',
  countTo: 'declaration_year_end',
  requirements: [
    { education: '本科', basis: 'current_title', years: 5 },
    { education: '硕士研究生', basis: 'current_title', years: 4 },
  ],
};

/** Runs `fn` with the demo batch's rules changed by `over`, restoring the previous rules afterwards. */
async function withBatchRules(request: APIRequestContext, batchId: string, over: Record<string, unknown>, fn: () => Promise<void>) {
  const admin = await apiLogin(request, 'admin');
  const { batchId: _b, version: _v, ...before } = await apiJson<Rules>(await request.get(`/api/batches/${batchId}/rules`, { headers: bearer(admin) }));
  await apiJson(await request.put(`/api/batches/${batchId}/rules`, { headers: bearer(admin), data: { ...before, ...over } }));
  try {
    await fn();
  } finally {
    await apiJson(await request.put(`/api/batches/${batchId}/rules`, { headers: bearer(admin), data: before }));
  }
}

test.describe('issue 16 declaration-side rules in the hall and on the audit page', () => {
  test.setTimeout(300_000);

  test('civil servants and retired people are refused at the self-check with the rule’s words', async ({ page }) => {
    await newApplicant(page);
    await page.getByRole('menuitem', { name: '职称评审申报' }).click();
    await fillSelfCheck(page, { status: '公务员' });
    await expect(page.getByTestId('eligibility-refusal')).toContainText('公务员和参照公务员法管理的单位工作人员不得申报参加专业技术人才职称评审');
    await expect(page.getByTestId('commitment-text')).toHaveCount(0);
    await page.getByTestId('eligibility-check').getByRole('radio', { name: '离退休人员', exact: true }).check();
    await page.getByRole('button', { name: '自检并继续' }).click();
    await expect(page.getByTestId('eligibility-refusal')).toContainText('离退休人员不得申报参加职称评审');
    await expect(page.getByTestId('commitment-text')).toHaveCount(0);
  });

  test('an applicant with too few years sees 不满足 and only 破格, starts with 破格 and sees the whole path before submitting', async ({ page, request }) => {
    const username = await newApplicant(page, '资历不足');
    const token = await apiLogin(request, username, 'Passw0rd!x');
    const batch = await demoReviewBatch(request, token);
    const answers = { personStatus: 'professional', education: '本科', graduationDate: '2012-07-01', currentTitleDate: '2024-03-15' };
    await withBatchRules(request, batch.id, { qualifyingRules: [GC_RULE] }, async () => {
      // what the API computes for these answers (the page must show the same)
      const check = await apiJson<{ result: { years: { text: string; requiredMonths: number; countedMonths: number } } }>(
        await request.post('/api/declarations/eligibility', { headers: bearer(token), data: { batchId: batch.id, seriesCode: 'GC', titleLevel: 'vice_senior', answers } }),
        201,
      );
      expect(check.result.years.text).toMatch(/^不满足，差 \d+ 个月$/);
      expect(check.result.years.requiredMonths).toBe(60);

      await page.getByRole('menuitem', { name: '职称评审申报' }).click();
      await fillSelfCheck(page, { education: '本科', graduationDate: '2012-07-01', currentTitleDate: '2024-03-15' });
      await agreeToCommitment(page);
      const form = page.locator('.start-form');
      await chooseRegion(page);
      await chooseUnit(page);
      await pickSelect(form, '申报级别', '副高级');
      await pickSelect(form, '职称系列', '工程技术');
      const years = page.getByTestId('years-check');
      await expect(page.getByTestId('years-result')).toHaveText(check.result.years.text);
      await expect(years).toContainText(`${check.result.years.countedMonths} 个月`);
      await expect(years).toContainText('只能选择“破格”');
      // only 破格 is open, and it is chosen
      await expect(item(form, '申报方式').locator('.ant-select')).toContainText('破格');
      await item(form, '申报方式').locator('.ant-select').click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await expect(options.filter({ hasText: /^破格$/ })).not.toHaveClass(/ant-select-item-option-disabled/);
      for (const m of ['正常晋升', '转评', '认定', '其他']) await expect(options.filter({ hasText: new RegExp(`^${m}$`) })).toHaveClass(/ant-select-item-option-disabled/);
      await page.keyboard.press('Escape');
      await pickSelect(form, '破格条件', '学历资历破格');
      await pickSelect(form, '申报职称', '高级工程师');
      await pickSelect(form, '申报专业', '电子信息');
      await pickSelect(form, '申报评委会', '江苏省工程技术研究系列高级职称评审委员会');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
      await expect(page).toHaveURL(/\/hall\/declarations\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop()!;
      const started = await apiJson<{ method: string; exceptionalCondition: string; eligibility: { result: { years: { text: string } } } }>(
        await request.get(`/api/declarations/${id}`, { headers: bearer(token) }),
      );
      expect(started).toMatchObject({ method: '破格', exceptionalCondition: '学历资历破格', eligibility: { result: { years: { text: check.result.years.text } } } });

      // the path before submitting, while filling in: every node with its organisation
      const preview = await apiJson<{ ok: boolean; stages: { label: string; orgName: string | null }[] }>(await request.get(`/api/declarations/${id}/path-preview`, { headers: bearer(token) }));
      expect(preview.ok).toBe(true);
      const path = pane(page).getByTestId('path-preview');
      await expect(path.locator('.ant-steps-item')).toHaveCount(preview.stages.length);
      await expect(path.locator('.ant-steps-item').first()).toContainText('南京示范科技有限公司');
      await expect(path).toContainText('玄武区工业和信息化局');
      await expect(path).toContainText('评前公示');
    });
  });

  test('a returned applicant sees every item and the deadline, fixes two and resubmits; the returning auditor sees exactly those two changes', async ({ page, request, browser }) => {
    const username = uniq('corr');
    const realName = '补正测试';
    await registerPersonViaApi(request, { username, password: 'Passw0rd!x', email: `${username}@example.com`, realName });
    const token = await apiLogin(request, username, 'Passw0rd!x');
    const batch = await demoReviewBatch(request, token);
    await withBatchRules(request, batch.id, { qualifyingRules: [GC_RULE], maxResubmissions: 2, resubmitMode: 'direct' }, async () => {
      const answers = { personStatus: 'professional', education: '本科', graduationDate: '2012-07-01', currentTitleDate: '2017-12-01' };
      const id = await declareViaApi(request, token, { eligibility: answers });
      // the unit passes it up after an (ended) unit publicity; 玄武区工业和信息化局 fails three items and returns it,
      // the unit passes the return on to the applicant
      const unit = await apiLogin(request, 'unit_demo');
      const dept = await apiLogin(request, 'xw_dept');
      const version = async (t: string) => (await apiJson<{ version: number }>(await request.get(`/api/audit/declarations/${id}`, { headers: bearer(t) }))).version;
      await apiJson(await request.post(`/api/audit/declarations/${id}/pass`, { headers: bearer(unit), data: { version: await version(unit) } }));
      await apiJson(await request.put(`/api/audit/report-up/${id}`, { headers: bearer(unit), data: { version: await version(unit), entrusted: true, recommendationRank: 1 } }));
      await apiJson(await request.post('/api/audit/publicity', { headers: bearer(unit), data: { title: '已结束的单位公示', startsOn: '2026-01-05', endsOn: '2026-01-09', declarationIds: [id] } }), 201);
      await apiJson(await request.post('/api/audit/report-up', { headers: bearer(unit), data: { items: [{ id, version: await version(unit) }] } }));
      await apiJson(
        await request.put(`/api/audit/declarations/${id}/judgement`, {
          headers: bearer(dept),
          data: { version: await version(dept), failures: { basic_info: { nation: '民族与身份证不符' }, current_title: { '_files.certificateFile': '证书扫描件不清晰' }, work_summary: { _: '工作总结过于简略' } } },
        }),
      );
      await apiJson(await request.post(`/api/audit/declarations/${id}/return`, { headers: bearer(dept), data: { version: await version(dept), opinion: '材料有误，请按退回事项一次性补正' } }));
      await apiJson(await request.post(`/api/audit/declarations/${id}/return`, { headers: bearer(unit), data: { version: await version(unit), opinion: '退回申报人修改' } }));
      const returned = await apiJson<{ status: string; correction: { deadline: string } }>(await request.get(`/api/declarations/${id}`, { headers: bearer(token) }));
      expect(returned.status).toBe('returned');
      expect(returned.correction.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // A-34 in the hall: every item at once, the deadline, the cap
      await page.clock.install();
      await login(page, username, 'Passw0rd!x');
      await expect(page).toHaveURL(/\/hall/);
      await page.goto(`/hall/declarations/${id}`);
      const notice = page.getByTestId('correction-notice');
      await expect(page.getByTestId('correction-deadline')).toHaveText(returned.correction.deadline);
      await expect(notice).toContainText('逾期未补正视为放弃申报');
      await expect(notice).toContainText('退回意见（玄武区工业和信息化局）：材料有误，请按退回事项一次性补正');
      const items = page.getByTestId('correction-items').locator('.ant-list-item');
      await expect(items).toHaveText(['1. 个人基本信息·民族：民族与身份证不符', '2. 现有职称资格·职称证书：证书扫描件不清晰', '3. 任现职以来工作总结·整个模块：工作总结过于简略']);
      await expect(notice).toContainText('本批次最多可重新提交2次，已重新提交0次');
      await expect(page.getByTestId('nav-basic_info')).toHaveAttribute('data-status', 'failed');

      // fix two of them: the 民族 field and the certificate's scan
      await openModule(page, 'basic_info');
      await fillText(pane(page), '民族', '回族');
      await openModule(page, 'current_title');
      const slot = pane(page).locator('[data-slot="certificateFile"]');
      await slot.getByRole('button', { name: '删除材料.pdf' }).click();
      await upload(pane(page), 'certificateFile', '清晰的职称证书');
      await page.getByRole('button', { name: '修改后重新提交' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
      await expect(page.getByTestId('declaration-status')).toHaveText('审核中');
      await page.reload();
      await expect(page.getByTestId('declaration-status')).toHaveText('审核中');
      await expect(page.getByTestId('correction-notice')).toHaveCount(0);

      // U-14: it went straight back to the department that returned it (the unit's audit is skipped), which sees
      // exactly the two changes, the failed items marked, both files openable
      const auditor = await userPage(browser, 'xw_dept');
      await auditor.goto(`/office/audit/${id}`);
      const diff = auditor.getByTestId('resubmission-diff');
      await expect(diff).toContainText('直达退回节点');
      await expect(diff.locator('.diff-module')).toHaveCount(2);
      const basic = diff.getByTestId('diff-basic_info');
      await expect(basic.locator('.ant-table-row')).toHaveCount(1);
      await expect(basic.locator('.ant-table-row')).toContainText('民族');
      await expect(basic.locator('.ant-table-row')).toContainText('汉族');
      await expect(basic.locator('.ant-table-row')).toContainText('回族');
      await expect(basic.locator('.ant-table-row')).toContainText('退回事项');
      const cert = diff.getByTestId('diff-current_title');
      await expect(cert.getByTestId('diff-file')).toHaveCount(1);
      await expect(cert.getByTestId('diff-file')).toContainText('职称证书');
      await expect(cert.getByTestId('diff-file')).toContainText('退回事项');
      for (const name of ['材料.pdf', '清晰的职称证书.pdf']) {
        const [popup] = await Promise.all([auditor.waitForEvent('popup'), cert.getByRole('button', { name }).click()]);
        await expect(popup).toHaveURL(/^blob:/);
        await popup.close();
      }
      await expect(diff.getByTestId('diff-work_summary')).toHaveCount(0);
      // the same self-check computation as the applicant's, and the timeline records which way it came back
      await expect(auditor.getByTestId('audit-eligibility').getByTestId('years-result')).toHaveText('满足');
      await expect(auditor.getByTestId('timeline-entry').filter({ hasText: '修改后重新提交（直达退回节点）' })).toContainText('跳过已审核通过的');
      await auditor.context().close();
    });
  });

  test('a unit records a sanction on 处分登记: the self-check refuses the person during its period, and lets them through once it is lifted', async ({ page, browser }) => {
    const idCard = randomIdCard().valid;
    await newApplicant(page, '处分测试', idCard);
    const unit = await userPage(browser, 'unit_demo');
    await unit.getByRole('menuitem', { name: '处分登记' }).click();
    await unit.getByRole('button', { name: '登记处分' }).click();
    const dlg = unit.getByRole('dialog', { name: '登记处分' });
    await fillText(dlg, '姓名', '处分测试');
    await fillText(dlg, '身份证号', idCard);
    await pickSelect(dlg, '处分类型', '记过');
    await fillText(dlg, '处分原因', '违反工作纪律');
    await dlg.getByRole('button', { name: /^登\s*记$/ }).click();
    await expect(dlg).toBeHidden();
    const row = unit.getByRole('row').filter({ hasText: '违反工作纪律' }).filter({ hasText: idCard.slice(0, 3) });
    await expect(row.first()).toContainText('处分期内');

    await page.getByRole('menuitem', { name: '职称评审申报' }).click();
    await fillSelfCheck(page);
    await expect(page.getByTestId('eligibility-refusal')).toContainText('记过处分（');
    await expect(page.getByTestId('eligibility-refusal')).toContainText('尚在处分期内');
    await expect(page.getByTestId('commitment-text')).toHaveCount(0);

    await row.first().getByRole('button', { name: /^解\s*除$/ }).click();
    const lift = unit.getByRole('dialog', { name: '解除处分：处分测试' });
    await fillText(lift, '解除原因', '处分决定已撤销');
    await lift.getByRole('button', { name: /^解\s*除$/ }).click();
    await expect(lift).toBeHidden();
    await expect(row.first()).toContainText('已解除');
    await unit.context().close();

    await page.getByRole('button', { name: '自检并继续' }).click();
    await expect(page.getByTestId('commitment-text')).toBeVisible();
  });

  test('the title office sets a batch’s rules on 申报规则 and they are kept', async ({ page, request }) => {
    const admin = await apiLogin(request, 'admin');
    const applicant = uniq('rulesapi');
    await registerPersonViaApi(request, { username: applicant, password: 'Passw0rd!x', email: `${applicant}@example.com` });
    const batch = await demoReviewBatch(request, await apiLogin(request, applicant, 'Passw0rd!x'));
    await withBatchRules(request, batch.id, {}, async () => {
      await login(page, 'admin', undefined, { totpSecret: DEMO_TOTP_SECRET });
      await page.getByRole('menuitem', { name: '申报批次' }).click();
      await page.getByRole('row').filter({ hasText: '2026年度江苏省工程技术高级职称评审' }).getByRole('button', { name: '申报规则' }).click();
      const dlg = page.getByRole('dialog', { name: /^申报规则/ });
      await item(dlg, '补正期限（工作日）').locator('input').fill('7');
      await item(dlg, '重新提交次数上限').locator('input').fill('3');
      await dlg.getByText('逐级审核').click();
      await dlg.getByRole('button', { name: '添加资历规则' }).click();
      const rule = dlg.getByTestId('rule-0');
      await pickSelect(rule, '职称系列', '工程技术');
      await rule.getByRole('button', { name: '添加学历要求' }).click();
      const education = rule.getByTestId('req-0-0').locator('.ant-select').first();
      // a pick that did not take (the dropdown closed on a re-render) is tried again
      await expect(async () => {
        await education.click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^本科$/ }).click({ timeout: 3000 });
        await expect(education).toContainText('本科', { timeout: 2000 });
      }).toPass({ timeout: 30_000 });
      await dlg.getByRole('button', { name: /^保\s*存$/ }).click();
      await expect(dlg).toBeHidden();

      const saved = await apiJson<Rules>(await request.get(`/api/batches/${batch.id}/rules`, { headers: bearer(admin) }));
      expect(saved).toMatchObject({
        correctionDays: 7,
        maxResubmissions: 3,
        resubmitMode: 'climb',
        qualifyingRules: [{ seriesCode: 'GC', titleLevel: 'vice_senior', countFrom: 'year_after', countTo: 'declaration_year_end', requirements: [{ education: '本科', basis: 'current_title', years: 5 }], allowExceptional: true }],
      });
      // reopened, the form shows what was saved
      await page.getByRole('row').filter({ hasText: '2026年度江苏省工程技术高级职称评审' }).getByRole('button', { name: '申报规则' }).click();
      await expect(item(dlg, '补正期限（工作日）').locator('input')).toHaveValue('7');
      await expect(dlg.getByTestId('rule-0')).toContainText('工程技术');
    });
  });

  test('a broken path names, before submitting, the node where it breaks and who must act', async ({ page, request }) => {
    const username = uniq('broken');
    await registerPersonViaApi(request, { username, password: 'Passw0rd!x', email: `${username}@example.com`, realName: '路径中断' });
    const token = await apiLogin(request, username, 'Passw0rd!x');
    // the demo's 南京市第一中学 reports to 南京市教育局, which has no upper node for 评审·GC·副高级
    const { id } = await startViaApi(request, token, {
      regionCode: '320100',
      unitNature: 'institution',
      supervisingDeptId: await pickOrg(request, token, 'dept', '320100', '南京市教育局'),
      unitOrgId: await pickOrg(request, token, 'unit', '320100', '南京市第一中学'),
    });
    await login(page, username, 'Passw0rd!x');
    await expect(page).toHaveURL(/\/hall/);
    await page.goto(`/hall/declarations/${id}`);
    const broken = pane(page).getByTestId('path-broken');
    await expect(broken).toContainText('审核路径在“南京市教育局”处中断，暂时无法提交');
    await expect(broken).toContainText('请“南京市教育局”在后台“审核路径申请”中向其上级主管部门提出申请');
    await expect(pane(page).getByTestId('path-preview').locator('.ant-steps-item').first()).toContainText('南京市第一中学');
  });
});

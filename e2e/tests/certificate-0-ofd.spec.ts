import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect as baseExpect, login, test } from './helpers.js';

/** Rendering a whole OFD in a page is slow on a shared 2-core machine: wait longer for each step. */
const expect = baseExpect.configure({ timeout: 30_000 });

const here = path.dirname(fileURLToPath(import.meta.url));
/** ofd.js (a maintained OFD viewer from the registry, not our code) and the CJK font a reader's machine would have. */
const OFD_JS = path.join(path.dirname(realpathSync(path.join(here, '..', 'node_modules', 'ofd.js', 'package.json'))), 'lib', 'ofd.umd.min.js');
const FONT = createRequire(path.join(here, '..', '..', 'apps', 'api', 'package.json')).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

test.describe('P-05 / H-15 OFD e-certificate, offline QR check, holder-controlled verification', () => {
  test('the holder downloads OFD and PDF; ofd.js renders it with the seal; a grant is verified, logged and revoked', async ({ page, browser, baseURL }, testInfo) => {
    // One long story on a shared 2-core machine: OFD rendering, offline checks and the grant round trip.
    test.setTimeout(240_000);
    await login(page, 'applicant');
    await page.getByRole('menuitem', { name: '我的证书' }).click();
    const card = page.getByTestId('my-certificate').filter({ hasText: '高级工程师（副高级）' }).first();
    const certificateNo = (await card.locator('.ant-descriptions-item').filter({ hasText: '证书编号' }).locator('.ant-descriptions-item-content').innerText()).trim();

    // OFD and PDF downloads.
    const ofdDownload = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载 OFD 电子证书' }).click();
    const ofd = await ofdDownload;
    expect(ofd.suggestedFilename()).toBe(`职称证书-${certificateNo}.ofd`);
    const ofdBytes = readFileSync((await ofd.path())!);
    expect(ofdBytes.subarray(0, 2).toString()).toBe('PK');
    const pdfDownload = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载电子证书（PDF）' }).click();
    expect((await pdfDownload).suggestedFilename()).toBe(`职称证书-${certificateNo}.pdf`);

    // ofd.js opens the OFD in headless Chromium: the certificate text and the seal picture from SignedValue.dat.
    const viewer = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const at = `${baseURL}/__ofd_viewer__`;
    await viewer.route(`${at}/**`, (route) => {
      const u = route.request().url();
      if (u.endsWith('/ofd.js')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(OFD_JS) });
      if (u.endsWith('/font.ttf')) return route.fulfill({ contentType: 'font/ttf', body: readFileSync(FONT) });
      if (u.endsWith('/cert.ofd')) return route.fulfill({ contentType: 'application/ofd', body: ofdBytes });
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8"><style>@font-face{font-family:'Noto Sans SC';src:url(${at}/font.ttf)}body{margin:0}</style>
          <script src="${at}/ofd.js"></script></head><body><div id="doc"></div></body></html>`,
      });
    });
    await viewer.goto(`${at}/index.html`);
    const rendered = await viewer.evaluate(async (url) => {
      const buf = await (await fetch(url)).arrayBuffer();
      await document.fonts.load("16px 'Noto Sans SC'", '张三');
      const w = window as unknown as { ofd: { parseOfdDocument(o: object): void; renderOfd(width: number, doc: unknown): HTMLElement[] } };
      return new Promise<string>((resolve) => {
        w.ofd.parseOfdDocument({
          ofd: buf,
          success(res: unknown[]) {
            const pages = w.ofd.renderOfd(1100, res[0]);
            for (const p of pages) document.getElementById('doc')!.appendChild(p);
            resolve(`pages:${pages.length}`);
          },
          fail(e: unknown) {
            resolve(`fail:${String(e)}`);
          },
        });
      });
    }, `${at}/cert.ofd`);
    expect(rendered).toBe('pages:1');
    const doc = viewer.locator('#doc');
    await expect(doc).toContainText('张');
    const text = (await doc.innerText()).replace(/\s/g, '');
    expect(text).toContain('张三');
    expect(text).toContain(certificateNo);
    expect(text).toContain('工程技术');
    // The seal: ofd.js draws the SES_Seal picture (PNG) at the stamp annotation.
    const sealImages = await viewer.evaluate(() =>
      [...document.querySelectorAll('#doc img, #doc image')].map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? '').filter((s) => s.startsWith('data:image/png')),
    );
    expect(sealImages.length).toBeGreaterThanOrEqual(1);
    const shot = await viewer.locator('#doc').screenshot({ path: testInfo.outputPath('ofd-certificate.png') });
    expect(shot.length).toBeGreaterThan(10_000);
    await viewer.close();

    // Offline QR check: the QR text shown to the holder; the visitor's page loads once, then the network goes away.
    await page.reload();
    const shown = (await card.getByTestId('qr-text').textContent()) ?? '';
    const qrText = /https?:\/\/\S+#zc1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(shown)?.[0] ?? '';
    expect(qrText).toContain(`/verify?code=`);
    const item = { qrText };
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto('/verify');
    await visitor.waitForFunction(() => !!localStorage.getItem('zc.cert.verify-keys'));
    await visitorContext.setOffline(true);
    await visitor.getByLabel('二维码内容').fill(item.qrText!);
    await visitor.getByRole('button', { name: '离线核验' }).click();
    const offline = visitor.getByTestId('offline-result');
    await expect(offline).toContainText('二维码签名有效');
    await expect(offline).toContainText('张三');
    // A changed field in the payload is caught offline too.
    const [head, payload, sig] = item.qrText!.split('#')[1]!.split('.');
    const forged = JSON.stringify((JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as string[]).map((v) => (v === '张三' ? '李四' : v)));
    await visitor.getByLabel('二维码内容').fill(`${item.qrText!.split('#')[0]}#${head}.${Buffer.from(forged).toString('base64url')}.${sig}`);
    await visitor.getByRole('button', { name: '离线核验' }).click();
    await expect(offline).toContainText('二维码签名无效');
    await visitorContext.setOffline(false);

    // H-15: the holder creates a grant at once.
    await card.getByRole('button', { name: '授权核验' }).click();
    const dialog = page.getByRole('dialog', { name: `授权核验：${certificateNo}` });
    await dialog.getByLabel('用途').fill('入职审核');
    const days = dialog.getByLabel('有效期（天）');
    await days.fill('');
    await days.pressSequentially('30');
    await days.press('Tab');
    await dialog.getByRole('button', { name: '生成核验码' }).click();
    await expect(dialog).toBeHidden();
    const grantRow = page.getByTestId('grant-list').getByRole('row').filter({ hasText: '入职审核' }).first();
    await expect(grantRow).toContainText('有效');
    await expect(grantRow.getByRole('img', { name: '核验授权二维码' })).toBeVisible();
    const code = (await grantRow.locator('code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-Z]{12}$/);

    // A visitor verifies with the grant code.
    await visitor.goto('/verify');
    await visitor.getByLabel('授权核验码').fill(code);
    await visitor.getByRole('button', { name: '核验', exact: true }).click();
    const grantResult = visitor.getByTestId('grant-result');
    await expect(grantResult).toContainText('授权有效');
    await expect(grantResult).toContainText('入职审核');
    await expect(grantResult).toContainText('张三');

    // The holder sees that verification in the log, then revokes the grant.
    await page.reload();
    const log = page.getByTestId('verification-log');
    await expect(log.getByRole('row').filter({ hasText: '授权核验码' }).filter({ hasText: '入职审核' }).first()).toBeVisible();
    const row = page.getByTestId('grant-list').getByRole('row').filter({ hasText: code });
    await row.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('button', { name: '撤销', exact: true }).last().click();
    await expect(page.getByTestId('grant-list').getByRole('row').filter({ hasText: code })).toContainText('已撤销');

    await visitor.getByRole('button', { name: '核验', exact: true }).click();
    await expect(grantResult).toContainText('该核验码已被持证人撤销');
    await expect(grantResult).not.toContainText('张三');
    await visitorContext.close();
  });
});


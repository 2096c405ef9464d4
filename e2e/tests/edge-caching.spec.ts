import type { CDPSession, Page } from '@playwright/test';
import { expect, login, test } from './helpers.js';

/**
 * Issue 12: the built-in single-port server (npm start) compresses and caches like nginx — the hall's first visit
 * receives its JavaScript and CSS compressed, and a reload downloads no hashed asset again (immutable for a year).
 * Watched through the DevTools protocol, which tells a download from a cache hit.
 */
interface Seen {
  url: string;
  status: number;
  encoding: string | null;
  cacheControl: string | null;
  fromCache: boolean;
}

async function watch(page: Page): Promise<{ cdp: CDPSession; assets: () => Seen[]; reset: () => void }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let seen = new Map<string, Seen>();
  const cached = new Set<string>();
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const url = new URL(e.response.url);
    if (!url.pathname.startsWith('/assets/')) return;
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    seen.set(e.requestId, {
      url: url.pathname,
      status: e.response.status,
      encoding: h['content-encoding'] ?? null,
      cacheControl: h['cache-control'] ?? null,
      fromCache: !!(e.response.fromDiskCache || e.response.fromPrefetchCache || (e.response as { fromMemoryCache?: boolean }).fromMemoryCache) || cached.has(e.requestId),
    });
  });
  return {
    cdp,
    assets: () => [...seen.entries()].map(([id, s]) => ({ ...s, fromCache: s.fromCache || cached.has(id) })),
    reset: () => {
      seen = new Map();
      cached.clear();
    },
  };
}

test.describe('issue 12 built-in server (npm start): compression and caching', () => {
  test("the hall's first visit gets compressed assets; a reload downloads no hashed asset", async ({ browser }) => {
    const context = await browser.newContext(); // an empty cache
    const page = await context.newPage();
    const w = await watch(page);

    await login(page, 'applicant');
    await expect(page).toHaveURL(/\/hall/);
    await expect(page.getByRole('menuitem', { name: '我的证书' })).toBeVisible();
    const first = w.assets();
    const scripts = first.filter((a) => /\.(js|css)$/.test(a.url));
    expect(scripts.length).toBeGreaterThan(0);
    for (const a of scripts) {
      expect.soft(a.fromCache, `${a.url} downloaded on the first visit`).toBe(false);
      expect.soft(['br', 'gzip'], `${a.url} compressed`).toContain(a.encoding);
      expect.soft(a.cacheControl, `${a.url} cache policy`).toBe('public, max-age=31536000, immutable');
    }
    expect(test.info().errors).toHaveLength(0);

    w.reset();
    await page.reload();
    await expect(page.getByRole('menuitem', { name: '我的证书' })).toBeVisible();
    const again = w.assets();
    expect(again.length).toBeGreaterThan(0);
    const downloaded = again.filter((a) => !a.fromCache || a.status === 304);
    expect(downloaded, 'hashed assets fetched again on reload').toEqual([]);
    // The page itself is revalidated on every load (no-cache), so a new release is picked up at once.
    const index = await page.request.get('/hall');
    expect(index.headers()['cache-control']).toBe('no-cache');
    // The build's manifest (read by the bundle budget) is not served: the SPA's page answers instead.
    const manifest = await page.request.get('/.vite/manifest.json');
    expect(manifest.headers()['content-type']).toContain('text/html');
    await context.close();
  });
});

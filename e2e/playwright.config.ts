import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const port = Number(process.env.E2E_PORT ?? 3180);
const baseURL = `http://127.0.0.1:${port}`;
// Under Debian's faketime (CI covering China's midnight at another hour, scripts/ci-at.sh) only the Node processes are
// shifted: the browser keeps the real clock and must take its dates from the server's business clock.
const browserEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME'))) as Record<string, string>;
// A fresh data folder per run (the config is loaded again in workers; the env keeps one folder).
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'zc-e2e-'));

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous bounds: a test waits on durable state, so a slow or shared machine makes it slower, not red.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: path.join(here, 'test-results', 'results.json') }]],
  outputDir: path.join(here, 'test-results', 'artifacts'),
  use: {
    baseURL,
    locale: 'zh-CN',
    // The browser runs in UTC (not China's zone) so that a date computed in the browser's zone shows up as a bug.
    timezoneId: process.env.E2E_TIMEZONE ?? 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', env: browserEnv },
  },
  webServer: {
    // The built API serving the built SPA on one port (build contracts, api and web first).
    // The API's log goes to the run's data folder, where the last spec greps it (issue 13: no personal data in logs).
    command: `node dist/main.js >> '${path.join(process.env.E2E_DATA_DIR, 'api.log')}' 2>&1`,
    cwd: path.join(root, 'apps', 'api'),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      SEED_DEMO: 'true',
      CAPTCHA_TEST_ANSWER: 'TEST',
      OUTBOX_DEV_SINK: 'true',
      WEB_DIST: path.join(root, 'apps', 'web', 'dist'),
      PUBLIC_BASE_URL: baseURL,
      RATE_LOGIN_PER_MIN: '1000',
      RATE_REGISTER_PER_MIN: '1000',
      RATE_PUBLIC_PER_MIN: '1000',
      // A loaded CI machine: wait longer for a connection or a lock than production's 5 s before answering 503.
      DB_POOL_WAIT_MS: '30000',
      DB_LOCK_TIMEOUT_MS: '30000',
    },
  },
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/**
 * The answer every captcha of the test server accepts: it runs with CAPTCHA_TEST_ANSWER (the image itself is drawn
 * as paths and cannot be read by a script, issue 13).
 */
export const CAPTCHA_TEST_ANSWER = 'TEST';

export const test = base;

/** A signed-in page in its own browser context (its own session), e.g. one auditor of a multi-user flow. */
export async function userPage(browser: Browser, username: string, opts: { admin?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, DEMO_PASSWORD, opts.admin ? { totpSecret: DEMO_TOTP_SECRET } : {});
  // signed in only once the console opened: a goto before the login's answer set the session cookie lands on /login
  await expect(page).toHaveURL(/\/(hall|office|admin)(\/|$)/);
  return page;
}
export { expect };

/** The answer to type for the captcha image on the page, once the image has loaded. */
export async function captchaAnswer(page: Page): Promise<string> {
  const img = page.getByRole('img', { name: '验证码', exact: true });
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute('src', /^data:image\/svg\+xml/);
  return CAPTCHA_TEST_ANSWER;
}

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret. */
/**
 * The last TOTP step used per account, kept in a file of the run's data folder (the config sets E2E_DATA_DIR for the
 * whole run): a worker restarted after a failed test still knows which codes the server has already accepted.
 */
const stepsFile = () => path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), 'totp-steps.json');
const lastStep = {
  get(username: string): number | undefined {
    try {
      return (JSON.parse(fs.readFileSync(stepsFile(), 'utf8')) as Record<string, number>)[username];
    } catch {
      return undefined;
    }
  },
  set(username: string, step: number): void {
    let all: Record<string, number> = {};
    try {
      all = JSON.parse(fs.readFileSync(stepsFile(), 'utf8')) as Record<string, number>;
    } catch {
      // first use in this run
    }
    all[username] = step;
    fs.writeFileSync(stepsFile(), JSON.stringify(all));
  },
};

/**
 * A TOTP code the server has not accepted yet for this account (a code is accepted once, issue 13): the current
 * step's, or the next step's (one step of drift is accepted) when the current one was used, or — after two sign-ins
 * within one step — the next step's after waiting for it. Tests run in one worker at a time; the steps used are kept in a file, so a restarted worker sees every use.
 */
export async function freshTotp(secretBase32: string, username: string): Promise<string> {
  const current = Math.floor(Date.now() / 30000);
  const step = Math.max(current, (lastStep.get(username) ?? -1) + 1);
  if (step > current + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30000 - Date.now() + 50));
  lastStep.set(username, step);
  return totp(secretBase32, step * 30000);
}

export function totp(secretBase32: string, time = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const offset = h[h.length - 1]! & 0xf;
  const code = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** A random, valid ID card number (Nanjing Xuanwu, born 1985–1999), and the same with a wrong check digit. */
export function randomIdCard(): { valid: string; wrongCheck: string } {
  const year = 1985 + Math.floor(Math.random() * 15);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `320102${year}${month}${day}${seq}`;
  const check = idCheckChar(first17);
  const wrong = ID_CHECK[(ID_CHECK.indexOf(check) + 1) % 11]!;
  return { valid: first17 + check, wrongCheck: first17 + wrong };
}

/** Something unique per run, for user names and e-mails (the database may outlive a run). */
export function uniq(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** Signs in through the login page; for admins also enters the TOTP code. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD, opts: { totpSecret?: string } = {}): Promise<void> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByPlaceholder('验证码').fill(await captchaAnswer(page));
  await page.locator('form').getByRole('button', { name: '登录', exact: true }).click();
  if (opts.totpSecret) {
    await expect(page.getByRole('heading', { name: '动态口令验证' })).toBeVisible();
    await page.getByLabel('动态口令').fill(await freshTotp(opts.totpSecret, username));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
}

/**
 * Issue 13: an account an administrator created is sent to 修改密码 at its first sign-in; it sets its own password and
 * signs in again with it.
 */
export async function replaceInitialPassword(page: Page, username: string, initial: string, chosen: string, console = '/office'): Promise<void> {
  await login(page, username, initial);
  await expect(page).toHaveURL(new RegExp(`${console}/password$`));
  await expect(page.getByText('首次登录，请先修改初始密码')).toBeVisible();
  await page.getByLabel('原密码').fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill(chosen);
  await page.getByLabel('确认新密码').fill(chosen);
  await page.getByRole('button', { name: '确认修改' }).click();
  await expect(page).toHaveURL(/\/login/);
  await login(page, username, chosen);
}

/** Registers a person through the API (for tests whose subject is something else). */
export async function registerPersonViaApi(request: APIRequestContext, data: { username: string; password: string; email: string; realName?: string; idCard?: string }) {
  const c = (await (await request.get('/api/auth/captcha')).json()) as { captchaId: string };
  const res = await request.post('/api/auth/register', {
    data: {
      realName: data.realName ?? '测试用户',
      idCard: data.idCard ?? randomIdCard().valid,
      username: data.username,
      password: data.password,
      email: data.email,
      mobile: '139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0'),
      captchaId: c.captchaId,
      captchaCode: CAPTCHA_TEST_ANSWER,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

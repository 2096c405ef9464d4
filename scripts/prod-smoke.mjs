// The checks of scripts/prod-smoke.sh (started by it, with the addresses of nginx and the two API processes).
// Everything a user does goes through nginx; only the "straight to the API" spoofing check and the set-up of many
// sessions talk to the API processes directly, from other loopback addresses (127.0.0.x), as other machines would.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = path.join(root, 'apps/api');
const pg = createRequire(path.join(api, 'package.json'))('pg');
const { totpAt } = await import(path.join(api, 'dist/modules/accounts/totp.js'));
const { idCardCheckChar } = await import(path.join(root, 'packages/contracts/dist/index.js'));

const E = process.env;
const EDGE = new URL(E.SMOKE_URL);
const API_A = new URL(E.SMOKE_API_A);
const API_B = new URL(E.SMOKE_API_B);
let checks = 0;
const started = Date.now();

function ok(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
  checks++;
  console.log(`  ✓ ${what}`);
}

/** One HTTP request; `from` binds the client to a local (loopback) address. Bodies are not decoded. */
function request(base, method, url, { headers = {}, body, from } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method,
        path: url,
        localAddress: from,
        headers: { ...(data !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...headers },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          let json = null;
          if (!res.headers['content-encoding'] && /json/.test(res.headers['content-type'] ?? '')) json = JSON.parse(raw.toString('utf8'));
          resolve({ status: res.statusCode, headers: res.headers, raw, json, text: res.headers['content-encoding'] ? '' : raw.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

const cookieOf = (res) => (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('zc_rt=') && c.length > 6);

/**
 * The captcha draws its characters as paths: no script reads it off the image, and production has no test answer.
 * The smoke owns the database, so it does what only the database's owner can: finds the 4-character answer whose
 * hash is stored for the challenge (31^4 tries, about a second).
 */
const CAPTCHA_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
async function captcha(base, from) {
  const res = await request(base, 'GET', '/api/auth/captcha', { from });
  if (res.status !== 200) throw new Error(`captcha: ${res.status} ${res.text}`);
  if (/<text/i.test(res.json.svg)) throw new Error('captcha: the image carries its characters as text');
  const { answer_hash: hash } = (await db.query(`SELECT answer_hash FROM captchas WHERE id = $1`, [res.json.captchaId])).rows[0];
  const a = CAPTCHA_ALPHABET;
  for (const c0 of a) for (const c1 of a) for (const c2 of a) for (const c3 of a) {
    const code = c0 + c1 + c2 + c3;
    if (createHash('sha256').update(code).digest('hex') === hash) return { captchaId: res.json.captchaId, captchaCode: code };
  }
  throw new Error('captcha: no answer matches the stored hash');
}

async function login(base, username, password, { from, secret } = {}) {
  const res = await request(base, 'POST', '/api/auth/login', { body: { username, password, ...(await captcha(base, from)) }, from });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  if (!res.json.mfaRequired) return { res, access: res.json.accessToken, cookie: cookieOf(res) };
  const key = secret ?? res.json.mfaSetup?.secret;
  const mfa = await request(base, 'POST', '/api/auth/mfa', { body: { mfaToken: res.json.mfaToken, code: totpAt(key, Date.now()) }, from });
  if (mfa.status !== 200) throw new Error(`mfa ${username}: ${mfa.status} ${mfa.text}`);
  return { res: mfa, access: mfa.json.accessToken, cookie: cookieOf(mfa), secret: key };
}

/** Which API process served a request: its X-Request-Id appears in that process's JSON log. */
function servedBy(res) {
  const id = res.headers['x-request-id'];
  if (!id) throw new Error('answer without X-Request-Id');
  const inLog = (file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .some((l) => {
        try {
          return JSON.parse(l).reqId === id;
        } catch {
          return false;
        }
      });
  return inLog(E.SMOKE_LOG_A) ? 'A' : inLog(E.SMOKE_LOG_B) ? 'B' : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function servedByEventually(res) {
  for (let i = 0; i < 20; i++) {
    const who = servedBy(res);
    if (who) return who;
    await sleep(100); // the access-log line is written at the end of the event-loop turn
  }
  return null;
}

const db = new pg.Client({ connectionString: E.SMOKE_DB_URL });
await db.connect();
const count = async (sql, params = []) => Number((await db.query(sql, params)).rows[0].n);

try {
  console.log('SPA through nginx');
  const index = await request(EDGE, 'GET', '/');
  ok(index.status === 200 && /<div id="root">/.test(index.text), 'GET / answers the SPA');
  ok(index.headers['cache-control'] === 'no-cache', 'index.html is no-cache');
  ok(index.headers['x-content-type-options'] === 'nosniff' && /default-src 'self'/.test(index.headers['content-security-policy'] ?? '') && index.headers['x-frame-options'] === 'SAMEORIGIN', 'security headers');
  const deep = await request(EDGE, 'GET', '/login');
  ok(deep.status === 200 && /<div id="root">/.test(deep.text), 'a client-side route answers index.html');
  const script = index.text.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1];
  ok(!!script, `index.html names a hashed script (${script})`);
  const asset = await request(EDGE, 'GET', script, { headers: { 'accept-encoding': 'br, gzip' } });
  const expected = E.SMOKE_BROTLI === '1' ? 'br' : 'gzip';
  ok(asset.status === 200 && asset.headers['content-encoding'] === expected, `hashed script sent compressed (${asset.headers['content-encoding']}, ${asset.raw.length} bytes)`);
  ok(/immutable/.test(asset.headers['cache-control'] ?? '') && /max-age=31536000/.test(asset.headers['cache-control'] ?? ''), 'hashed script immutable for a year');
  const gz = await request(EDGE, 'GET', script, { headers: { 'accept-encoding': 'gzip' } });
  ok(gz.headers['content-encoding'] === 'gzip', 'gzip for a client without brotli');
  const missing = await request(EDGE, 'GET', '/assets/missing-0123456789.js');
  ok(missing.status === 404, 'a missing asset is 404, not index.html');

  console.log('production start without demo data');
  ok((await count(`SELECT count(*) AS n FROM users`)) === 0, 'no accounts after the first start');
  ok((await count(`SELECT count(*) AS n FROM organisations`)) === 0, 'no organisations after the first start');
  ok((await count(`SELECT count(*) AS n FROM declarations`)) === 0, 'no declarations after the first start');
  const demo = await request(EDGE, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'Demo@2026', ...(await captcha(EDGE)) } });
  ok(demo.status === 401, 'the demo administrator does not exist');
  const live = await request(EDGE, 'GET', '/api/health/live');
  const ready = await request(EDGE, 'GET', '/api/health/ready');
  ok(live.status === 200 && ready.status === 200 && ready.json.migrations === 'applied', 'liveness and readiness (migrations applied) through nginx');

  console.log('administrator by the documented command');
  const env = Object.fromEntries(
    readFileSync(E.SMOKE_ENV_FILE, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z]/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const password = 'Smoke#Admin2026';
  const out = execFileSync(process.execPath, ['dist/database/cli.js', 'create-admin', 'province_admin', '--name', '省职称办管理员', '--org', '江苏省职称管理部门', '--region', '320000'], {
    cwd: api,
    env: { ...process.env, ...env, NODE_ENV: 'production', DATABASE_URL: E.SMOKE_DB_URL, ADMIN_PASSWORD: password },
    encoding: 'utf8',
  });
  ok(/已创建管理员 province_admin/.test(out), 'cli.js create-admin province_admin');

  console.log('a session made on one process is used on the other');
  const admin = await login(EDGE, 'province_admin', password);
  ok(!!admin.access && !!admin.cookie, 'login with the second factor enrolled at the first sign-in');
  const loginBy = await servedByEventually(admin.res);
  ok(loginBy === 'A' || loginBy === 'B', `login served by process ${loginBy}`);
  let other = null;
  for (let i = 0; i < 8 && !other; i++) {
    const me = await request(EDGE, 'GET', '/api/me', { headers: { authorization: `Bearer ${admin.access}` } });
    if (me.status !== 200) throw new Error(`me: ${me.status} ${me.text}`);
    const by = await servedByEventually(me);
    if (by && by !== loginBy) other = { me, by };
  }
  ok(!!other && other.me.json.username === 'province_admin', `the access token works on process ${other?.by}`);
  let cookie = admin.cookie;
  const refreshedBy = new Set();
  for (let i = 0; i < 4; i++) {
    const r = await request(EDGE, 'POST', '/api/auth/refresh', { headers: { cookie } });
    if (r.status !== 200) throw new Error(`refresh: ${r.status} ${r.text}`);
    cookie = cookieOf(r);
    refreshedBy.add(await servedByEventually(r));
  }
  ok(refreshedBy.has('A') && refreshedBy.has('B'), 'the refresh token rotates on both processes');

  console.log('API documentation in production (issue 13)');
  const ui = await request(EDGE, 'GET', '/api/docs');
  const uiJson = await request(EDGE, 'GET', '/api/docs/openapi.json');
  ok(ui.status === 404 && uiJson.status === 404, `no public Swagger UI or document (${ui.status}, ${uiJson.status})`);
  const anonymous = await request(EDGE, 'GET', '/api/admin/openapi.json');
  ok(anonymous.status === 401, `the document without a token: ${anonymous.status}`);
  const business = await request(EDGE, 'GET', '/api/admin/openapi.json', { headers: { authorization: `Bearer ${admin.access}` } });
  ok(business.status === 403, `the business administrator is refused the document (三员分立: ${business.status})`);
  // the system administrator exists only through the command line
  const sysOut = execFileSync(process.execPath, ['dist/database/cli.js', 'create-admin', 'province_sys', '--role', 'system_admin', '--name', '省系统管理员', '--org', '江苏省职称管理部门', '--region', '320000'], {
    cwd: api,
    env: { ...process.env, ...env, NODE_ENV: 'production', DATABASE_URL: E.SMOKE_DB_URL, ADMIN_PASSWORD: 'Smoke#System2026' },
    encoding: 'utf8',
  });
  ok(/已创建管理员 province_sys（江苏省职称管理部门，系统管理员）/.test(sysOut), 'cli.js create-admin province_sys --role system_admin');
  const sys = await login(EDGE, 'province_sys', 'Smoke#System2026');
  const doc = await request(EDGE, 'GET', '/api/admin/openapi.json', { headers: { authorization: `Bearer ${sys.access}` } });
  ok(doc.status === 200 && !!doc.json?.paths?.['/api/auth/login'], `the system administrator reads the document (${doc.status}, ${Object.keys(doc.json?.paths ?? {}).length} paths)`);

  console.log('certificate verification');
  const keyA = await request(API_A, 'GET', '/api/public/certificates/public-key');
  const keyB = await request(EDGE, 'GET', '/api/public/certificates/public-key');
  const expectedKey = createPublicKey(readFileSync(E.SMOKE_SIGNING_KEY)).export({ type: 'spki', format: 'pem' }).toString();
  ok(keyA.json.publicKeyPem.trim() === expectedKey.trim() && keyB.json.publicKeyPem.trim() === expectedKey.trim(), 'both processes sign with CERT_SIGNING_KEY (public key published)');
  const v = await request(EDGE, 'GET', '/api/public/certificates/verify/ZZ000000000000');
  ok(v.status === 200 && Array.isArray(v.json.items) && v.json.items.length === 0, 'verification by code answers (no such certificate)');
  const v2 = await request(EDGE, 'POST', '/api/public/certificates/verify', { body: { name: '张三', idCard: '11010119900307001' + idCardCheckChar('11010119900307001') } });
  ok(v2.status === 200 && Array.isArray(v2.json.items) && v2.json.items.length === 0, 'verification by name and ID number answers (no such certificate)');

  console.log('spoofed X-Forwarded-For');
  // 45 logins in a row (the limit is 20 a minute per address): whichever way a minute boundary splits them, one
  // window sees more than 20. Each claims another address.
  const spoof = async (base, from) => {
    const statuses = [];
    for (let i = 0; i < 45; i++) {
      const r = await request(base, 'POST', '/api/auth/login', {
        from,
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` },
        body: { username: 'province_admin', password: 'wrong', captchaId: '00000000-0000-0000-0000-000000000000', captchaCode: 'AAAA' },
      });
      statuses.push(r.status);
    }
    return statuses;
  };
  const viaEdge = await spoof(EDGE, '127.0.0.1');
  ok(viaEdge.filter((s) => s === 429).length >= 20, `through nginx: ${viaEdge.filter((s) => s === 429).length} of 45 refused with 429`);
  const direct = await spoof(API_B, '127.0.0.3');
  ok(direct.filter((s) => s === 429).length >= 20, `straight to the API: ${direct.filter((s) => s === 429).length} of 45 refused with 429`);
  ok((await count(`SELECT count(*) AS n FROM rate_limits WHERE key LIKE '%203.0.113.%'`)) === 0, 'no invented address reached the rate limits');
  ok((await count(`SELECT count(*) AS n FROM rate_limits WHERE key = 'login:127.0.0.3'`)) > 0, 'the direct client was counted under its own address');

  console.log('100 refreshes a minute from one address, different sessions');
  const orgId = (await db.query(`SELECT organisation_id FROM users WHERE username = 'province_admin'`)).rows[0].organisation_id;
  const staff = await request(EDGE, 'POST', '/api/users', {
    headers: { authorization: `Bearer ${sys.access}` },
    body: { username: 'office_clerk', realName: '职称办经办人', role: 'dept_operator', organisationId: orgId, mobile: '13900000001', password: 'Clerk#2026ok' },
  });
  ok(staff.status === 201, `the system administrator creates a staff account (${staff.status})`);
  // A few sessions signed in for real (from other machines: loopback addresses), the rest of the 100 made the way a
  // login makes them (a new refresh-token family each) without spending 100 password hashes of the smoke's time.
  const sessions = [];
  for (let m = 0; m < 4; m++) sessions.push((await login(m % 2 ? API_A : API_B, 'office_clerk', 'Clerk#2026ok', { from: `127.0.1.${m + 1}` })).cookie);
  const clerk = (await db.query(`SELECT id FROM users WHERE username = 'office_clerk'`)).rows[0].id;
  while (sessions.length < 100) {
    const token = randomBytes(32).toString('base64url');
    // A sign-in is a session row (the token family, with its absolute end) and the family's first refresh token.
    // Dated by this process's clock, which is the API's (scripts/ci-at.sh shifts both; the database keeps its own).
    const now = Date.now();
    const sid = (await db.query(
      `INSERT INTO sessions (id, user_id, created_at, refreshed_at, expires_at) VALUES (gen_random_uuid(), $1, $2, $2, $3) RETURNING id`,
      [clerk, new Date(now), new Date(now + 12 * 3600_000)],
    )).rows[0].id;
    await db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [clerk, sid, createHash('sha256').update(token).digest('hex'), new Date(now + 30 * 60_000)],
    );
    sessions.push(`zc_rt=${token}`);
  }
  const t0 = Date.now();
  const statuses = [];
  for (let i = 0; i < sessions.length; i++) {
    const r = await request(EDGE, 'POST', '/api/auth/refresh', { headers: { cookie: sessions[i] } });
    statuses.push(r.status);
    if (r.status === 200) sessions[i] = cookieOf(r);
  }
  const secs = (Date.now() - t0) / 1000;
  ok(statuses.every((s) => s === 200), `100 refreshes through nginx from one address in ${secs.toFixed(1)} s: ${statuses.filter((s) => s === 200).length} answered 200`);

  console.log('request ids and logs');
  const traced = await request(EDGE, 'GET', '/api/health');
  ok(/^[0-9a-f]{32}$/.test(traced.headers['x-request-id'] ?? ''), "the answer carries nginx's request id");
  const lines = readFileSync(E.SMOKE_LOG_A, 'utf8').split('\n').filter(Boolean);
  ok(lines.length > 0 && lines.every((l) => { try { JSON.parse(l); return true; } catch { return false; } }), `every line of an API process's log is JSON (${lines.length} lines)`);

  console.log('graceful stop');
  // A request in flight when process B is told to stop still gets its answer; then B exits and nginx sends the rest to A.
  const slow = new Promise((resolve, reject) => {
    const req = http.request({ host: API_B.hostname, port: API_B.port, method: 'POST', path: '/api/auth/refresh', headers: { 'content-type': 'application/json', 'content-length': 2, cookie: sessions[0] } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.write('{');
    setTimeout(() => {
      process.kill(Number(E.SMOKE_API_PID_B), 'SIGTERM');
      setTimeout(() => req.end('}'), 700);
    }, 200);
  });
  const slowStatus = await slow;
  ok(slowStatus === 200, `the request in flight at SIGTERM was answered (${slowStatus})`);
  let exited = false;
  for (let i = 0; i < 50 && !exited; i++) {
    try {
      process.kill(Number(E.SMOKE_API_PID_B), 0);
      await sleep(200);
    } catch {
      exited = true;
    }
  }
  ok(exited, 'process B exited within 10 s');
  const after = await request(EDGE, 'GET', '/api/health/ready');
  ok(after.status === 200, 'nginx serves on with process A');
} finally {
  await db.end();
}
console.log(`prod-smoke: ${checks} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

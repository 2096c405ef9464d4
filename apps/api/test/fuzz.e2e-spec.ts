import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { roleHasPermission, type Permission, type Role } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { collectRoutes, type RouteInfo } from './routes.js';

/**
 * Malformed input across every route that takes a body or a query, sent as an attacker would: control characters
 * in every field and parameter, wrong types, huge and deeply nested values, broken JSON and multipart, odd URLs.
 * Whatever comes back must be an answer, not a failure: never 5xx, every error in Chinese, and a fault in a named
 * field reported under `fields`.
 */

const CJK = /[\u4e00-\u9fff]/;
const UUID = '7b0c6f6e-3c1a-4d7e-9a55-2f0e8f1c0a11';
const NUL = '\u0000';

interface Case {
  route: RouteInfo;
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** A field the answer must name under `fields` (the fault is in it). */
  field?: string;
}

const ROLE_USERS: Record<string, string> = {
  office_admin: 'admin',
  applicant: 'applicant',
  unit_operator: 'unit_demo',
  dept_operator: 'nj_dept',
  committee_operator: 'committee_demo',
  acceptance_operator: 'acceptance_demo',
  expert: 'expert_demo',
};

function fillPath(path: string, value: string): string {
  return path.replace(/:([A-Za-z]+)/g, () => value);
}

function deepJson(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

function buildCases(routes: RouteInfo[]): Case[] {
  const cases: Case[] = [];
  for (const route of routes) {
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    const hasQuery = route.queryFields !== null || route.method === 'GET';
    if (!hasBody && !hasQuery) continue;
    const url = fillPath(route.path, UUID);
    const json = { 'content-type': 'application/json' };
    const add = (c: Omit<Case, 'route' | 'method'> & { method?: string }) => cases.push({ route, method: route.method, ...c });

    // Query strings: control characters, broken escapes, repeated and oversized parameters.
    const qFields = route.queryFields && route.queryFields.length ? route.queryFields : ['keyword', 'page'];
    for (const f of qFields) {
      add({ label: `query ${f} NUL`, url: `${url}?${f}=a%00b`, field: f });
      add({ label: `query ${f} ESC`, url: `${url}?${f}=%1B%5B2J`, field: f });
      add({ label: `query ${f} long`, url: `${url}?${f}=${encodeURIComponent('长'.repeat(1000))}` });
    }
    add({ label: 'query too long for the parser', url: `${url}?keyword=${'x'.repeat(20_000)}` });
    add({ label: 'query bad escape', url: `${url}?keyword=%E0%A4%A` });
    add({ label: 'query overlong utf8', url: `${url}?keyword=%C0%AF` });
    add({ label: 'query key NUL', url: `${url}?a%00b=1`, field: 'a\u0000b' });
    add({ label: 'query page negative', url: `${url}?page=-1&pageSize=0` });
    add({ label: 'query repeated', url: `${url}?${qFields[0]}=1&${qFields[0]}=2&page=1&page=2` });
    add({ label: 'query quote', url: `${url}?${qFields[0]}=${encodeURIComponent(`'";--\\%_`)}` });
    add({ label: 'query page huge', url: `${url}?page=99999999999999999999&pageSize=1e3` });
    if (route.path.includes(':')) {
      add({ label: 'path NUL', url: fillPath(route.path, 'a%00b') });
      add({ label: 'path long', url: fillPath(route.path, 'x'.repeat(300)) });
      add({ label: 'path dots', url: fillPath(route.path, '..%2F..%2Fetc%2Fpasswd') });
      add({ label: 'path number', url: fillPath(route.path, '99999999999999999999') });
    }

    if (!hasBody) continue;
    const fields = route.bodyFields && route.bodyFields.length ? route.bodyFields : ['name'];
    for (const f of fields) {
      add({ label: `body ${f} NUL`, url, headers: json, payload: JSON.stringify({ [f]: `x${NUL}y` }), field: f });
      add({ label: `body ${f} nested NUL`, url, headers: json, payload: JSON.stringify({ [f]: [{ a: NUL }] }), field: `${f}.0.a` });
      add({ label: `body ${f} object`, url, headers: json, payload: JSON.stringify({ [f]: { $gt: '' } }) });
      add({ label: `body ${f} huge`, url, headers: json, payload: JSON.stringify({ [f]: '字'.repeat(20_000) }) });
    }
    add({ label: 'body numbers', url, headers: json, payload: JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, i % 2 ? -1e308 : 1.5]))) });
    add({ label: 'body bool and null', url, headers: json, payload: JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, i % 2 ? null : true]))) });
    add({ label: 'body arrays', url, headers: json, payload: JSON.stringify(Object.fromEntries(fields.map((f) => [f, [[[[1]]], [[]]]]))) });
    add({ label: 'body deep 5000', url, headers: json, payload: deepJson(5000) });
    add({ label: 'body deep 40', url, headers: json, payload: deepJson(40) });
    add({ label: 'body deep arrays', url, headers: json, payload: JSON.stringify({ [fields[0]!]: '['.repeat(3000) + ']'.repeat(3000) }).replace(/"\[+\]+"/, '['.repeat(3000) + ']'.repeat(3000)) });
    add({ label: 'body broken', url, headers: json, payload: '{"a":' });
    add({ label: 'body null', url, headers: json, payload: 'null' });
    add({ label: 'body array', url, headers: json, payload: '[1,2,3]' });
    add({ label: 'body string', url, headers: json, payload: '"x"' });
    add({ label: 'body proto', url, headers: json, payload: '{"__proto__":{"isAdmin":true}}' });
    add({ label: 'body constructor', url, headers: json, payload: '{"constructor":{"prototype":{"x":1}}}' });
    add({ label: 'body too large', url, headers: json, payload: JSON.stringify({ [fields[0]!]: 'a'.repeat(1024 * 1024 + 10) }) });
    add({ label: 'body text/plain', url, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    add({ label: 'body xml', url, headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    add({ label: 'body urlencoded NUL', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `${fields[0]}=a%00b` });
    add({ label: 'body bad charset', url, headers: { 'content-type': 'application/json; charset=utf-7' }, payload: '{}' });
    add({
      label: 'multipart no boundary',
      url,
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\nabc',
    });
    add({
      label: 'multipart truncated',
      url,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: '--XYZ\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4 trunc',
    });
    add({
      label: 'multipart garbage',
      url,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x2d, 0x2d]),
    });
  }
  return cases;
}

describe('fuzz: malformed requests on every route', () => {
  let t: TestContext;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestContext();
    for (const [role, user] of Object.entries(ROLE_USERS)) tokens.set(role, await t.login(user));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  function tokenFor(route: RouteInfo): string | null {
    if (route.access === 'public') return null;
    const roles = Object.keys(ROLE_USERS) as Role[];
    const role = roles.find((r) => roleHasPermission(r, route.access as Permission));
    return role ? tokens.get(role)! : null;
  }

  it('answers ≥ 5,000 malformed requests without a 5xx, in Chinese, naming the field at fault', async () => {
    const routes = collectRoutes(t).filter((r) => !/\/auth\/logout$|\/sessions/.test(r.path));
    const cases = buildCases(routes);
    expect(cases.length).toBeGreaterThanOrEqual(5000);
    const server = t.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const sendOnce = (c: Case, headers: Record<string, string>, viaAgent: http.Agent | false) =>
      new Promise<{ statusCode: number; body: string }>((resolve) => {
        const body = c.payload === undefined ? undefined : Buffer.isBuffer(c.payload) ? c.payload : Buffer.from(c.payload);
        const req = http.request(
          { host: '127.0.0.1', port, method: c.method, path: c.url, agent: viaAgent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', () => resolve({ statusCode: 599, body: 'response cut' }));
          },
        );
        req.on('error', (e) => resolve({ statusCode: 598, body: `connection error ${e.message}` }));
        req.end(body);
      });
    // A kept-alive socket the server closed after an earlier answer may be handed out once more: one retry on a
    // fresh connection; a connection cut twice is a failure.
    const send = async (c: Case, headers: Record<string, string>) => {
      const first = await sendOnce(c, headers, agent);
      return first.statusCode === 598 ? sendOnce(c, headers, false) : first;
    };
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const token = tokenFor(c.route);
        const res = await send(c, { ...(c.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const where = `${c.method} ${c.route.path} [${c.label}] → ${res.statusCode}`;
        if (res.statusCode >= 500) {
          failures.push(`${where} ${res.body.slice(0, 200)}`);
          continue;
        }
        if (res.statusCode >= 400) {
          let body: { message?: string; fields?: Record<string, string> };
          try {
            body = JSON.parse(res.body);
          } catch {
            failures.push(`${where} not JSON: ${res.body.slice(0, 100)}`);
            continue;
          }
          if (!CJK.test(body.message ?? '')) failures.push(`${where} not Chinese: ${body.message}`);
          if (c.field) {
            if (res.statusCode !== 400 || !body.fields || !(c.field in body.fields)) {
              failures.push(`${where} field ${JSON.stringify(c.field)} not named: ${res.body.slice(0, 200)}`);
            }
          }
        } else if (c.field) {
          failures.push(`${where} accepted a control character in ${JSON.stringify(c.field)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    agent.destroy();
    expect(failures.slice(0, 40)).toEqual([]);
    // The cases reach the handlers' checks: most are refused as bad requests, not stopped at the door.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(cases.length / 2);
    console.log(`fuzz: ${cases.length} requests, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 120_000);
});

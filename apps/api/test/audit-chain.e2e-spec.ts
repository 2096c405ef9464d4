import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

// Issue 13, X-02: the audit log as an intruder with database access would try it.
describe('audit log: append-only in the database, SM3 chain checked by the admin API and the CLI (issue 13)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('refuses UPDATE, DELETE and TRUNCATE on the table', async () => {
    await t.login('applicant');
    const [{ id }] = await t.ds.query(`SELECT id FROM audit_logs ORDER BY id DESC LIMIT 1`);
    await expect(t.ds.query(`UPDATE audit_logs SET action = 'nothing' WHERE id = $1`, [id])).rejects.toThrow(/审计日志只能追加/);
    await expect(t.ds.query(`DELETE FROM audit_logs WHERE id = $1`, [id])).rejects.toThrow(/审计日志只能追加/);
    await expect(t.ds.query(`TRUNCATE audit_logs`)).rejects.toThrow(/审计日志只能追加/);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE id = $1 AND action <> 'nothing'`, [id]);
    expect(n).toBe(1);
  });

  it('an intact chain verifies; a row changed behind the trigger is named by the API and the CLI', async () => {
    const admin = await t.login('audit_admin');
    const unit = await t.login('unit_demo');
    expect((await t.http().get('/api/audit-logs/verify').set(auth(unit))).status).toBe(403);
    const ok = await t.http().get('/api/audit-logs/verify').set(auth(admin)).expect(200);
    expect(ok.body).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(ok.body.checked).toBeGreaterThanOrEqual(3);

    // an owner of the database switches the trigger off, edits one sealed row, and switches it on again
    const [victim] = await t.ds.query(`SELECT id FROM audit_logs WHERE chain_seq IS NOT NULL ORDER BY chain_seq LIMIT 1 OFFSET 1`);
    await t.ds.query(`ALTER TABLE audit_logs DISABLE TRIGGER trg_audit_logs_append_only`);
    await t.ds.query(`UPDATE audit_logs SET ip = '10.0.0.1' WHERE id = $1`, [victim.id]);
    await t.ds.query(`ALTER TABLE audit_logs ENABLE TRIGGER trg_audit_logs_append_only`);
    const bad = await t.http().get('/api/audit-logs/verify').set(auth(admin)).expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.firstBroken).toMatchObject({ id: String(victim.id) });
    expect(bad.body.firstBroken.reason).toMatch(/被修改/);
    expect(bad.body.checked).toBe(1);

    const cli = path.resolve(here, '../dist/database/cli.js');
    const res = await run(process.execPath, [cli, 'audit-verify'], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.databaseUrl, DATA_DIR: t.config.dataDir, JWT_SECRET: 'test-secret-test-secret-test-secret-0123', DATA_KEY: '00112233445566778899aabbccddeeff', INDEX_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`id ${victim.id}`);
  });
});

describe('audit log list: applicants’ own actions are visible to the region’s office, with the actor named (issue 13)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const logins = async (token: string) =>
    (await t.http().get('/api/audit-logs?action=auth.login&pageSize=100').set(auth(token)).expect(200)).body.items as { actorUsername: string; actorName: string; actionLabel: string; organisationName: string | null }[];

  it('the province office sees every applicant; a city office those whose declaration is with a unit of its city', async () => {
    await t.login('applicant');
    const reg = await t.http().post('/api/auth/register').send({ realName: '赵新人', idCard: demoIdCard('11010519800101001'), password: 'Kite#Lantern9', email: 'zxr@example.com', mobile: '13700009999', username: 'fresh_person', ...(await t.captcha()) });
    expect(reg.status).toBe(201);
    await t.login('fresh_person', 'Kite#Lantern9');
    // an applicant of the demo data whose latest declaration is with a unit in 南京 (3201…)
    const [nanjing] = await t.ds.query(
      `SELECT u.username, u.real_name FROM users u
        JOIN LATERAL (SELECT d.unit_org_id FROM declarations d WHERE d.applicant_user_id = u.id ORDER BY d.created_at DESC LIMIT 1) d ON true
        JOIN organisations o ON o.id = d.unit_org_id
       WHERE u.role = 'applicant' AND o.region_code LIKE '3201%' AND u.username <> 'applicant' LIMIT 1`,
    );
    expect(nanjing).toBeDefined();
    await t.login(nanjing.username);
    const province = await logins(await t.login('audit_admin'));
    const applicantRow = province.find((r) => r.actorUsername === 'applicant');
    expect(applicantRow).toMatchObject({ actorName: '张三', actionLabel: '登录' });
    expect(province.some((r) => r.actorUsername === 'fresh_person')).toBe(true);

    const city = await logins(await t.login('nj_audit_admin'));
    expect(city.some((r) => r.actorUsername === nanjing.username)).toBe(true);
    expect(province.some((r) => r.actorUsername === nanjing.username)).toBe(true);
    expect(city.some((r) => r.actorUsername === 'fresh_person')).toBe(false);
    // the city's own sign-ins are there, under its organisation
    expect(city.find((r) => r.actorUsername === 'nj_audit_admin')?.organisationName).toBe('南京市职称办');
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestContext, type TestContext } from './context.js';

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
    const admin = await t.login('admin');
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

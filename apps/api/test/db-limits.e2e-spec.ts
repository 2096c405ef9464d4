import pg from 'pg';
import { DataSource } from 'typeorm';
import { readInfo } from './db.js';
import { createTestContext, type TestContext } from './context.js';

/**
 * Issue 12: a held row lock or an exhausted pool answers a clear 503 within the configured wait, never a hang
 * (before: one held lock and 12 requests exhausted the pool and /api/health took 23.5 s). PostgreSQL server only:
 * the embedded database has no lock waits to time out.
 */
describe('database waits are bounded', () => {
  let t: TestContext;
  const server = readInfo().mode === 'server';
  beforeAll(async () => {
    t = await createTestContext({ env: { DB_LOCK_TIMEOUT_MS: '300', DB_POOL_WAIT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '5000' } });
  });
  afterAll(() => t.close());

  it('a request waiting on a held row lock answers 503 系统繁忙 after DB_LOCK_TIMEOUT_MS', async () => {
    const token = await t.login('applicant');
    if (!server) {
      // Embedded: one session serialises everything; the same request simply succeeds.
      expect((await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ contactPerson: '张三' })).status).toBe(200);
      return;
    }
    const url = (t.ds.options as { url: string }).url;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM users WHERE username = 'applicant' FOR UPDATE`);
      const started = Date.now();
      const res = await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ contactPerson: '张三' });
      const ms = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('系统繁忙') });
      expect(res.headers['retry-after']).toBe('5');
      expect(ms).toBeLessThan(5000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // The lock gone, the same request goes through.
    expect((await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ contactPerson: '张三' })).status).toBe(200);
  });

  it('with every pool connection taken, requests answer 503 after DB_POOL_WAIT_MS and readiness says so', async () => {
    const ds = t.app.get(DataSource);
    const held = [];
    // The test app's pool has 4 connections: take them all.
    for (let i = 0; i < 4; i++) {
      const qr = ds.createQueryRunner();
      await qr.connect();
      held.push(qr);
    }
    try {
      const started = Date.now();
      const ready = await t.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toBe('数据库不可用');
      const token = await t.login('applicant').catch((e: Error) => e.message);
      expect(token).toMatch(/503/);
      expect(Date.now() - started).toBeLessThan(15000);
      // Liveness does not need the database.
      expect((await t.http().get('/api/health/live')).status).toBe(200);
    } finally {
      for (const qr of held) await qr.release();
    }
    expect((await t.http().get('/api/health/ready')).status).toBe(200);
  });
});

import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { AuditLogService } from '../src/modules/audit-log/audit-log.service.js';
import request from 'supertest';
import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { DEMO_FILING_DOC_NO } from '../src/database/seeds/certificate.seed.js';
import { CryptoService } from '../src/common/crypto/crypto.service.js';
import { CertificateIssuer } from '../src/modules/certificate/certificate-issuer.service.js';
import { DevMinistryGateway } from '../src/modules/certificate/ministry-report.service.js';
import type { DataSource } from 'typeorm';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inserts `n` applicants with a filed 2026 副高级 GC declaration each (review passed unless told otherwise). */
async function filedDeclarations(ds: DataSource, crypto: CryptoService, tag: string, n: number, opts: { filingDocNo?: string; passed?: boolean | null; seed: number }) {
  const [batch] = await ds.query(`SELECT b.id FROM batches b JOIN organisations o ON o.id = b.committee_id WHERE o.name = '江苏省工程技术研究系列高级职称评审委员会' AND b.year = 2026 AND b.kind = 'review'`);
  const [title] = await ds.query(`SELECT id, committee_id FROM titles, (SELECT id AS committee_id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会') c WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
  const ids: string[] = [];
  const idCards: string[] = [];
  for (let i = 0; i < n; i++) {
    const idCard = demoIdCard(`44010619800101${String(opts.seed + i).padStart(3, '0')}`);
    const [u] = await ds.query(
      `INSERT INTO users (username, role, real_name, id_card_enc, id_card_hash, password_hash, version) VALUES ($1, 'applicant', $2, $3, $4, 'x', 1) RETURNING id`,
      [`${tag}_${i}`, `${tag}${i}`, crypto.encrypt(idCard), crypto.blindIndex(idCard)],
    );
    const [d] = await ds.query(
      `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_nature, region_code, method,
                                 status, review_passed, filing_doc_no, filed_on, version)
       VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, 'enterprise', '320102', 'unit', 'filed', $5, $6, '2026-07-01', 1) RETURNING id`,
      [u.id, batch.id, title.id, title.committee_id, opts.passed === undefined ? true : opts.passed, opts.filingDocNo ?? `苏职称备〔2026〕${tag}号`],
    );
    ids.push(d.id);
    idCards.push(idCard);
  }
  return { ids, idCards };
}

async function waitBatch(t: { http: () => ReturnType<typeof request> }, token: string, id: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/api/certificates/issue-batches/${id}`).set(auth(token));
    expect(res.status).toBe(200);
    if (res.body.status === 'done') return res.body;
    if (Date.now() > until) throw new Error(`batch ${id} not done: ${JSON.stringify(res.body)}`);
    await sleep(100);
  }
}

describe('certificate issuance sources and batches (A-13, A-17)', () => {
  let t: TestContext;
  let admin: string;
  let issuerOrgId: string;
  let crypto: CryptoService;
  beforeAll(async () => {
    t = await createTestContext({ env: { CERT_WORKER_POLL_MS: '200' } });
    admin = await t.login('admin');
    crypto = t.app.get(CryptoService);
    issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('A-13 by filing document number: the demo filed declarations are listed, issued once with progress, and a re-run issues nothing', async () => {
    const list = await t.http().get('/api/certificates/issuable-declarations').query({ filingDocNo: DEMO_FILING_DOC_NO, issued: 'no' }).set(auth(admin));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((i: { applicantName: string }) => i.applicantName).sort()).toEqual(['李明', '王芳', '陈刚'].sort());
    expect(list.body.items[0].idCard).toMatch(/^320\*{11}\d{3}[\dX]$/);
    const res = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: DEMO_FILING_DOC_NO, issuerOrgId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 3, source: 'filing_doc', description: `备案文号：${DEMO_FILING_DOC_NO}` });
    const done = await waitBatch(t, admin, res.body.id);
    expect(done).toMatchObject({ total: 3, done: 3, issued: 3, existing: 0, failed: 0, percent: 100 });
    const certs = await t.ds.query(`SELECT approval_doc_no, qualification_date::text AS q FROM certificates WHERE source_declaration_id IN (SELECT id FROM declarations WHERE filing_doc_no = $1)`, [DEMO_FILING_DOC_NO]);
    expect(certs).toHaveLength(3);
    // Without an explicit 批准文号 / 取得资格时间, the filing document number and date are used.
    expect(certs[0]).toMatchObject({ approval_doc_no: DEMO_FILING_DOC_NO, q: '2026-06-30' });
    const items = await t.http().get(`/api/certificates/issue-batches/${res.body.id}/items`).set(auth(admin));
    expect(items.body.items.every((i: { status: string; certificateNo: string }) => i.status === 'issued' && /^32002026/.test(i.certificateNo))).toBe(true);
    const again = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: DEMO_FILING_DOC_NO, issuerOrgId });
    expect(await waitBatch(t, admin, again.body.id)).toMatchObject({ issued: 0, existing: 3, failed: 0 });
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM certificates c JOIN declarations d ON d.id = c.source_declaration_id WHERE d.filing_doc_no = $1`, [DEMO_FILING_DOC_NO]))[0].n).toBe(3);
    const batches = await t.http().get('/api/certificates/issue-batches').set(auth(admin));
    expect(batches.body.total).toBe(2);
    expect(batches.body.items[0]).toMatchObject({ sourceLabel: '按备案文号发证', status: 'done', statusLabel: '已完成', done: 3, total: 3 });
    const log = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'certificate.batch.create'`);
    expect(log[0].n).toBe(2);
    const xlsx = await t.http().get(`/api/certificates/issue-batches/${res.body.id}/export`).set(auth(admin));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');
  });

  it('A-13 only filed declarations whose review passed are offered and issued; others are refused with a clear message', async () => {
    const failed = await filedDeclarations(t.ds, crypto, 'nopass', 1, { passed: false, seed: 100 });
    const unknown = await filedDeclarations(t.ds, crypto, 'noresult', 1, { passed: null, seed: 110 });
    const listed = await t.http().get('/api/certificates/issuable-declarations').query({ name: 'nopass' }).set(auth(admin));
    expect(listed.body.total).toBe(0);
    const sel = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'selection', declarationIds: [...failed.ids, ...unknown.ids], issuerOrgId });
    expect(sel.status).toBe(400);
    expect(sel.body.fields.declarationIds).toMatch(/不是本地区已备案且评审通过的申报/);
    // The issuance core refuses them too, whoever calls it.
    const out = await t.app.get(CertificateIssuer).issueForDeclarations(null, [failed.ids[0]!, unknown.ids[0]!], { issuerOrgId });
    expect(out.failed.map((f) => f.message)).toEqual(['评审未通过或未登记评审结果，不能发证', '评审未通过或未登记评审结果，不能发证']);
    const committee = await t.login('committee_demo');
    expect((await t.http().post('/api/certificates/issue-batches').set(auth(committee)).send({ source: 'filing_doc', filingDocNo: DEMO_FILING_DOC_NO, issuerOrgId })).status).toBe(403);
    const county = await t.login('xw_admin');
    expect((await t.http().post('/api/certificates/issue-batches').set(auth(county)).send({ source: 'filing_doc', filingDocNo: DEMO_FILING_DOC_NO, issuerOrgId })).status).toBe(403);
    const none = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: '不存在的文号', issuerOrgId });
    expect(none.status).toBe(400);
    expect(none.body.fields.filingDocNo).toBe('没有找到该备案文号下已备案且评审通过的申报');
    const bad = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'everything', issuerOrgId });
    expect(bad.status).toBe(400);
  });

  it('A-13 by query condition: all matching across pages, only after the count is confirmed', async () => {
    await filedDeclarations(t.ds, crypto, 'query', 45, { filingDocNo: '苏职称备〔2026〕7号', seed: 200 });
    const filters = { year: 2026, seriesCode: 'GC', titleLevel: 'vice_senior', filingDocNo: '苏职称备〔2026〕7号', issued: 'no' as const };
    const page1 = await t.http().get('/api/certificates/issuable-declarations').query({ ...filters, pageSize: 20 }).set(auth(admin));
    expect(page1.body.total).toBe(45);
    expect(page1.body.items).toHaveLength(20);
    const unconfirmed = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'query', filters, issuerOrgId });
    expect(unconfirmed.status).toBe(400);
    const stale = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'query', filters, expectedCount: 44, issuerOrgId });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/现为 45 人/);
    const res = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'query', filters, expectedCount: 45, issuerOrgId, approvalDocNo: '苏人社职〔2026〕12号', issueDate: '2026-08-01' });
    expect(res.status).toBe(201);
    const done = await waitBatch(t, admin, res.body.id);
    expect(done).toMatchObject({ total: 45, issued: 45, failed: 0 });
    // Issue 14: the series by its name in the batch's label, not its code.
    expect(done.description).toContain('系列 工程技术');
    expect(done.description).not.toContain('GC');
    const after = await t.http().get('/api/certificates/issuable-declarations').query({ ...filters }).set(auth(admin));
    expect(after.body.total).toBe(0);
    const certs = await t.ds.query(`SELECT DISTINCT approval_doc_no, issue_date::text AS d FROM certificates WHERE holder_name LIKE 'query%'`);
    expect(certs).toEqual([{ approval_doc_no: '苏人社职〔2026〕12号', d: '2026-08-01' }]);
  });

  it('A-17 by Excel import: template, row-by-row validation with Chinese reasons, then a batch of the good rows (once)', async () => {
    const people = await filedDeclarations(t.ds, crypto, 'excel', 3, { filingDocNo: '苏职称备〔2026〕8号', seed: 300 });
    const tpl = await t.http().get('/api/certificates/issue-import/template').set(auth(admin));
    expect(tpl.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('证书发放');
    ws.addRow(['姓名', '身份证号', '备案文号']);
    ws.addRow(['excel0', people.idCards[0], '苏职称备〔2026〕8号']);
    ws.addRow(['excel1', people.idCards[1], '']);
    ws.addRow(['别人', people.idCards[2], '']);
    ws.addRow(['excel2', '123456', '']);
    ws.addRow(['某人', demoIdCard('11010519491231002'), '']);
    ws.addRow(['excel0', people.idCards[0], '']);
    ws.addRow(['excel2', people.idCards[2], '苏职称备〔2026〕99号']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await t.http().post('/api/certificates/issue-import').set(auth(admin)).attach('file', file, { filename: '发证.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ total: 7, succeeded: 2, failed: 5 });
    const reasons = Object.fromEntries(preview.body.failures.map((f: { rowNo: number; error: string }) => [f.rowNo, f.error]));
    expect(reasons).toEqual({
      4: '姓名与身份证号不一致',
      5: '身份证号应为18位，前17位为数字，最后一位为数字或X',
      6: '系统中没有该身份证号的人员',
      7: '与第 2 行重复',
      8: '该人员在此备案文号下没有已备案且评审通过的申报',
    });
    const failures = await t.http().get(`/api/certificates/issue-import/${preview.body.jobId}/failures`).set(auth(admin));
    expect(failures.body.total).toBe(5);
    const batch = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'import', importJobId: preview.body.jobId, issuerOrgId });
    expect(batch.status).toBe(201);
    expect(await waitBatch(t, admin, batch.body.id)).toMatchObject({ total: 2, issued: 2 });
    const items = await t.http().get(`/api/certificates/issue-batches/${batch.body.id}/items`).set(auth(admin));
    expect(items.body.items.map((i: { rowNo: number }) => i.rowNo)).toEqual([2, 3]);
    const twice = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'import', importJobId: preview.body.jobId, issuerOrgId });
    expect(twice.status).toBe(409);
    // The generic import commit does not bypass the issuing screen.
    expect((await t.http().post(`/api/imports/jobs/${preview.body.jobId}/commit`).set(auth(admin))).status).not.toBe(201);
  });

  it('fault: a crash between the import claim and the batch insert leaves the import previewed, and resubmitting works', async () => {
    const people = await filedDeclarations(t.ds, crypto, 'excrash', 2, { filingDocNo: '苏职称备〔2026〕18号', seed: 320 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('证书发放');
    ws.addRow(['姓名', '身份证号', '备案文号']);
    ws.addRow(['excrash0', people.idCards[0], '']);
    ws.addRow(['excrash1', people.idCards[1], '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await t.http().post('/api/certificates/issue-import').set(auth(admin)).attach('file', file, { filename: '发证.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(preview.body).toMatchObject({ succeeded: 2 });
    // The process "dies" after the claim, while the batch is written (the audit row of the batch fails).
    const audit = t.app.get(AuditLogService);
    const spy = jest.spyOn(audit, 'record').mockImplementationOnce(async () => {
      throw new Error('simulated crash between claim and batch insert');
    });
    const crashed = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'import', importJobId: preview.body.jobId, issuerOrgId });
    spy.mockRestore();
    expect(crashed.status).toBe(500);
    expect((await t.ds.query(`SELECT status FROM import_jobs WHERE id = $1`, [preview.body.jobId]))[0].status).toBe('previewed');
    const again = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'import', importJobId: preview.body.jobId, issuerOrgId });
    expect(again.status).toBe(201);
    expect(await waitBatch(t, admin, again.body.id)).toMatchObject({ total: 2, issued: 2, failed: 0 });
  });

  it('fault: a transient database error is retried, not a failed item with a raw PostgreSQL message', async () => {
    const { ids } = await filedDeclarations(t.ds, crypto, 'transient', 3, { filingDocNo: '苏职称备〔2026〕19号', seed: 340 });
    const issuer = t.app.get(CertificateIssuer) as unknown as { issueOne: (...a: unknown[]) => Promise<unknown> };
    const real = issuer.issueOne.bind(issuer);
    let calls = 0;
    const spy = jest.spyOn(issuer, 'issueOne').mockImplementation(async (...a: unknown[]) => {
      // The first two attempts meet a real PostgreSQL error of a transient class (57014, statement timeout).
      if (++calls <= 2) await t.ds.transaction(async (m) => { await m.query(`SET LOCAL statement_timeout = '20ms'`); await m.query('SELECT pg_sleep(1)'); });
      return real(...a);
    });
    try {
      const created = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: '苏职称备〔2026〕19号', issuerOrgId });
      expect(created.status).toBe(201);
      const done = await waitBatch(t, admin, created.body.id);
      expect(done).toMatchObject({ total: 3, issued: 3, failed: 0 });
      const errs = await t.ds.query(`SELECT error FROM certificate_issue_batch_items WHERE batch_id = $1 AND error IS NOT NULL`, [created.body.id]);
      expect(errs).toEqual([]);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM certificates WHERE source_declaration_id = ANY($1::uuid[])`, [ids]))[0].n).toBe(3);
      expect(calls).toBeGreaterThan(3);
    } finally {
      spy.mockRestore();
    }
  });

  it('fault: a failure that is not transient shows a Chinese reason, never the database message', async () => {
    await filedDeclarations(t.ds, crypto, 'hardfail', 1, { filingDocNo: '苏职称备〔2026〕20号', seed: 360 });
    const issuer = t.app.get(CertificateIssuer) as unknown as { issueOne: (...a: unknown[]) => Promise<unknown> };
    const spy = jest.spyOn(issuer, 'issueOne').mockImplementation(async () => t.ds.query('SELECT 1/0'));
    try {
      const created = await t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'filing_doc', filingDocNo: '苏职称备〔2026〕20号', issuerOrgId });
      const done = await waitBatch(t, admin, created.body.id);
      expect(done).toMatchObject({ total: 1, failed: 1 });
      const [item] = await t.ds.query(`SELECT error FROM certificate_issue_batch_items WHERE batch_id = $1`, [created.body.id]);
      expect(item.error).toBe('发证时发生系统内部错误，请联系系统管理员');
    } finally {
      spy.mockRestore();
    }
  });

  it('A-13 50 parallel batch requests for overlapping selections give one certificate per declaration and no duplicate number', async () => {
    const { ids } = await filedDeclarations(t.ds, crypto, 'par', 30, { seed: 400 });
    const send = (r: number) => {
      const sel = Array.from({ length: 8 }, (_, k) => ids[(r * 5 + k) % ids.length]!);
      return t.http().post('/api/certificates/issue-batches').set(auth(admin)).send({ source: 'selection', declarationIds: sel, issuerOrgId });
    };
    const wave = process.env.DATABASE_URL ? 50 : 2;
    const answers = [];
    for (let r = 0; r < 50; r += wave) answers.push(...(await Promise.all(Array.from({ length: Math.min(wave, 50 - r) }, (_, i) => send(r + i)))));
    for (const a of answers) expect(a.status).toBe(201);
    const results = [];
    for (const a of answers) results.push(await waitBatch(t, admin, a.body.id));
    expect(results.reduce((n, b) => n + b.issued, 0)).toBe(30);
    expect(results.reduce((n, b) => n + b.failed, 0)).toBe(0);
    const rows = await t.ds.query(`SELECT certificate_no FROM certificates WHERE source_declaration_id = ANY($1::uuid[])`, [ids]);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r: { certificate_no: string }) => r.certificate_no)).size).toBe(30);
  }, 180_000);

  it('A-14 ministry report: selected or all unreported through the outbox, status per certificate, failures with reason, retry, export', async () => {
    const gateway = t.app.get(DevMinistryGateway);
    const waitNoPending = async () => {
      for (let i = 0; i < 600; i++) {
        const s = await t.http().get('/api/certificates/ministry-report/summary').set(auth(admin));
        if (s.body.pending === 0) return s.body;
        await sleep(100);
      }
      throw new Error('ministry report still pending');
    };
    const before = await t.http().get('/api/certificates/ministry-report/summary').set(auth(admin));
    expect(before.body.unreported).toBeGreaterThan(50);
    const two = (await t.http().get('/api/certificates').query({ reportedStatus: 'unreported', pageSize: 2 }).set(auth(admin))).body.items;
    const sel = await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: two.map((c: { id: string }) => c.id) });
    expect(sel.status).toBe(200);
    expect(sel.body).toEqual({ queued: 2, skipped: 0 });
    await waitNoPending();
    for (const c of two) {
      const one = await t.http().get(`/api/certificates/${c.id}`).set(auth(admin));
      expect(one.body).toMatchObject({ reportedStatus: 'reported', reportedStatusLabel: '已上报', reportAttempts: 1, reportError: null, version: c.version });
    }
    expect(gateway.received.map((r) => r.certificateNo)).toEqual(expect.arrayContaining(two.map((c: { certificateNo: string }) => c.certificateNo)));
    const again = await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: [two[0].id] });
    expect(again.status).toBe(409);

    // 全部上报 with the ministry refusing the "query" people.
    gateway.reject = (r) => (r.holderName.startsWith('query') ? '部级证书库：该证书的专业代码未备案' : null);
    const all = await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ all: true });
    expect(all.status).toBe(200);
    expect(all.body.queued).toBe(before.body.unreported - 2);
    const s1 = await waitNoPending();
    expect(s1).toMatchObject({ unreported: 0, failed: 45 });
    const failed = await t.http().get('/api/certificates').query({ reportedStatus: 'failed', pageSize: 100 }).set(auth(admin));
    expect(failed.body.total).toBe(45);
    expect(failed.body.items[0]).toMatchObject({ reportedStatusLabel: '上报失败', reportError: '部级证书库：该证书的专业代码未备案', reportAttempts: 1 });
    const msgs = await t.ds.query(`SELECT status, count(*)::int AS n FROM outbox_messages WHERE channel = 'ministry' GROUP BY status ORDER BY status`);
    expect(msgs).toEqual([{ status: 'failed', n: 45 }, { status: 'sent', n: before.body.unreported - 45 }]);

    gateway.reject = null;
    const retryOne = await t.http().post('/api/certificates/ministry-report/retry').set(auth(admin)).send({ certificateIds: [failed.body.items[0].id] });
    expect(retryOne.body).toEqual({ queued: 1, skipped: 0 });
    await waitNoPending();
    expect((await t.http().get(`/api/certificates/${failed.body.items[0].id}`).set(auth(admin))).body).toMatchObject({ reportedStatus: 'reported', reportAttempts: 2, reportError: null });
    const retryAll = await t.http().post('/api/certificates/ministry-report/retry').set(auth(admin)).send({ all: true });
    expect(retryAll.body.queued).toBe(44);
    expect(await waitNoPending()).toMatchObject({ failed: 0, unreported: 0, pending: 0 });

    const xlsx = await t.http().get('/api/certificates/ministry-report/export').query({ reportedStatus: 'reported' }).set(auth(admin)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['证书编号', '上报状态', '上报时间', '上报次数', '失败原因']));
    expect(sheet.rowCount - 1).toBe(before.body.unreported);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('已上报');
    const committee = await t.login('committee_demo');
    expect((await t.http().post('/api/certificates/ministry-report').set(auth(committee)).send({ all: true })).status).toBe(403);
    const logs = await t.ds.query(`SELECT action, count(*)::int AS n FROM audit_logs WHERE action LIKE 'certificate.ministry_report%' GROUP BY action ORDER BY action`);
    expect(logs.map((l: { action: string }) => l.action)).toEqual(['certificate.ministry_report', 'certificate.ministry_report.result', 'certificate.ministry_report.retry']);
  });

  it('A-14 (issue 15) a certificate revoked before it was reported is not offered or counted as 未上报; a reported one is re-reported as revoked', async () => {
    const gateway = t.app.get(DevMinistryGateway);
    gateway.reject = null;
    const summary = async () => (await t.http().get('/api/certificates/ministry-report/summary').set(auth(admin))).body as Record<string, number>;
    const unreportedIds = async () =>
      ((await t.http().get('/api/certificates').query({ reportedStatus: 'unreported', pageSize: 100 }).set(auth(admin))).body.items as { id: string }[]).map((c) => c.id);
    const waitReported = async (id: string) => {
      for (let i = 0; i < 600; i++) {
        const one = await t.http().get(`/api/certificates/${id}`).set(auth(admin));
        if (one.body.reportedStatus === 'reported') return one.body as { version: number };
        await sleep(100);
      }
      throw new Error('not reported');
    };
    const before = await summary();
    const res = await t.http().post('/api/certificates/issue').set(auth(admin)).send({
      items: [0, 1].map((i) => ({
        issueKey: `revoked-report:${i}`, holderName: `撤销上报${i}`, holderIdCard: demoIdCard(`1101051982030${String(5000 + i).slice(-4)}`), titleName: '工程师',
        seriesCode: 'GC', professionName: '电子信息', titleLevel: 'intermediate', qualificationDate: '2026-06-30', approvalDocNo: '苏职称〔2026〕9号',
        committeeName: '江苏省工程技术研究系列高级职称评审委员会', issuerOrgId,
      })),
    });
    expect(res.body.failed).toEqual([]);
    const [never, reported] = res.body.certificates as { id: string; certificateNo: string; version: number }[];
    expect((await summary()).unreported).toBe(before.unreported + 2);
    // Revoked before it reached the ministry: not 未上报, not counted, not reportable by selection or by 全部上报.
    const v = (await t.http().get(`/api/certificates/${never!.id}`).set(auth(admin))).body.version;
    expect((await t.http().post(`/api/certificates/${never!.id}/revoke`).set(auth(admin)).send({ version: v, reason: '上报前撤销' })).status).toBe(200);
    expect((await summary()).unreported).toBe(before.unreported + 1);
    expect(await unreportedIds()).not.toContain(never!.id);
    expect(await unreportedIds()).toContain(reported!.id);
    const sel = await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: [never!.id] });
    expect(sel.status).toBe(409);
    expect(sel.body.message).toBe('所选证书均已上报、正在上报或在上报前已撤销');
    const all = await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ all: true });
    expect(all.body).toEqual({ queued: before.unreported + 1, skipped: 0 });
    const sent = await waitReported(reported!.id);
    expect(gateway.received.some((r) => r.certificateNo === never!.certificateNo)).toBe(false);
    expect((await t.http().get(`/api/certificates/${never!.id}`).set(auth(admin))).body.reportedStatus).toBe('unreported');
    // Reported, then revoked: offered again as 未上报 and sent with status revoked.
    expect((await t.http().post(`/api/certificates/${reported!.id}/revoke`).set(auth(admin)).send({ version: sent.version, reason: '上报后撤销' })).status).toBe(200);
    expect(await unreportedIds()).toContain(reported!.id);
    expect((await summary()).unreported).toBe(1);
    expect((await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: [reported!.id] })).body).toEqual({ queued: 1, skipped: 0 });
    await waitReported(reported!.id);
    expect(gateway.received.filter((r) => r.certificateNo === reported!.certificateNo).map((r) => r.status)).toEqual(['valid', 'revoked']);
  });
});

describe('P-01 public verification rate limit (batched counters)', () => {
  it('refuses an address over its limit at once and writes the counts to the shared table within the sync interval', async () => {
    const t = await createTestContext({ env: { RATE_PUBLIC_PER_MIN: '5' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await t.http().get('/api/public/certificates/verify/NOPE2345NOPE')).status);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
      let count = 0;
      for (let i = 0; i < 50 && count < 7; i++) {
        await sleep(100);
        count = (await t.ds.query(`SELECT coalesce(sum(count), 0)::int AS n FROM rate_limits WHERE key LIKE 'public:%'`))[0].n;
      }
      expect(count).toBe(7);
    } finally {
      await t.close();
    }
  });
});

import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { pdfText } from './support/pdf-text.js';
import { CryptoService } from '../src/common/crypto/crypto.service.js';

describe('certificates (A-12, A-13, A-15, A-16, C-12, H-12, P-01)', () => {
  let t: TestContext;
  let admin: string;
  let applicant: string;
  let issuerOrgId: string;
  let committeeOrgId: string;
  const applicantId = demoIdCard('32010219900307123');
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    applicant = await t.login('applicant');
    issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
    committeeOrgId = (await t.ds.query(`SELECT id FROM organisations WHERE name = '江苏省工程技术研究系列高级职称评审委员会'`))[0].id;
  });
  afterAll(async () => {
    await t.close();
  });
  const person = (i: number) => ({
    issueKey: `test:${i}`,
    holderName: `测试${i}`,
    holderIdCard: demoIdCard(`1101051980010${String(1000 + i).slice(-4)}`),
    titleName: '工程师',
    seriesCode: 'GC',
    professionName: '电子信息',
    titleLevel: 'intermediate',
    qualificationDate: '2026-06-30',
    approvalDocNo: '苏职称〔2026〕1号',
    committeeName: '江苏省工程技术研究系列高级职称评审委员会',
    committeeOrgId,
    issuerOrgId,
  });

  it('A-12/A-13 50 parallel issuance requests for overlapping sets give no duplicate number and no double issue', async () => {
    const send = (r: number) => {
      const items = Array.from({ length: 6 }, (_, k) => person((r * 3 + k) % 40));
      return t.http().post('/api/certificates/issue').set(auth(admin)).send({ items });
    };
    // All 50 at once on PostgreSQL (CI); the embedded PGlite's wire server cannot multiplex concurrent
    // extended-protocol queries ("unnamed prepared statement does not exist"), so there they go in small waves.
    const wave = process.env.DATABASE_URL ? 50 : 2;
    const answers = [];
    for (let r = 0; r < 50; r += wave) answers.push(...(await Promise.all(Array.from({ length: Math.min(wave, 50 - r) }, (_, i) => send(r + i)))));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.failed).toEqual([]);
    }
    const issued = answers.reduce((n, a) => n + a.body.issued, 0);
    expect(issued).toBe(40);
    const rows = await t.ds.query(`SELECT certificate_no, issue_key FROM certificates WHERE issue_key LIKE 'test:%'`);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r: { certificate_no: string }) => r.certificate_no)).size).toBe(40);
    for (const r of rows) expect(r.certificate_no).toMatch(/^320020263\d{6}$/);
    // Re-running a batch issues nothing new.
    const again = await t.http().post('/api/certificates/issue').set(auth(admin)).send({ items: [person(1), person(2)] });
    expect(again.body).toMatchObject({ issued: 0, existing: 2 });
  });

  it('A-13 issues for filed declarations by selection, once per declaration even under parallel requests', async () => {
    const [batch] = await t.ds.query(`SELECT id FROM batches ORDER BY year DESC LIMIT 1`);
    const [title] = await t.ds.query(`SELECT id FROM titles WHERE series_code = 'GC' AND level = 'vice_senior' LIMIT 1`);
    const crypto = t.app.get(CryptoService);
    const ids: string[] = [];
    for (const [n, status] of ['filed', 'filed', 'in_review'].entries()) {
      const idCard = demoIdCard(`4401061985060${700 + n}`);
      const [user] = await t.ds.query(
        `INSERT INTO users (username, role, real_name, id_card_enc, id_card_hash, password_hash, version) VALUES ($1, 'applicant', $2, $3, $4, 'x', 1) RETURNING id`,
        [`decl_cert_${n}`, `申报人${n}`, crypto.encrypt(idCard), crypto.blindIndex(idCard)],
      );
      const [d] = await t.ds.query(
        `INSERT INTO declarations (applicant_user_id, batch_id, year, kind, title_level, series_code, title_id, profession_code, committee_id, unit_nature, region_code, method, status, review_passed, version)
         VALUES ($1, $2, 2026, 'review', 'vice_senior', 'GC', $3, 'GC01', $4, 'enterprise', '320102', 'unit', $5, $6, 1) RETURNING id`,
        [user.id, batch.id, title.id, committeeOrgId, status, status === 'filed' ? true : null],
      );
      ids.push(d.id);
    }
    const body = { declarationIds: ids, approvalDocNo: '苏职称〔2026〕9号', issuerOrgId, qualificationDate: '2026-10-01' };
    const answers = await Promise.all(Array.from({ length: process.env.DATABASE_URL ? 10 : 1 }, () => t.http().post('/api/certificates/issue-declarations').set(auth(admin)).send(body)));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.failed).toEqual([{ issueKey: `decl:${ids[2]}`, message: '申报尚未备案，不能发证' }]);
    }
    expect(answers.reduce((n, a) => n + a.body.issued, 0)).toBe(2);
    const rows = await t.ds.query(`SELECT source_declaration_id, kind, committee_org_id, title_name FROM certificates WHERE source_declaration_id = ANY($1::uuid[])`, [ids]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'review', committee_org_id: committeeOrgId });
    const again = await t.http().post('/api/certificates/issue-declarations').set(auth(admin)).send(body);
    expect(again.body).toMatchObject({ issued: 0, existing: 2 });
  });

  it('A-12 extends an exhausted number pool automatically', async () => {
    await t.ds.query(`UPDATE certificate_number_pools SET end_seq = next_seq WHERE issuer_code = '3200' AND year = 2026`);
    const res = await t.http().post('/api/certificates/issue').set(auth(admin)).send({ items: [person(100), person(101)] });
    expect(res.body.issued).toBe(2);
    const pool = await t.ds.query(`SELECT next_seq, end_seq FROM certificate_number_pools WHERE issuer_code = '3200' AND year = 2026`);
    expect(Number(pool[0].end_seq)).toBeGreaterThanOrEqual(Number(pool[0].next_seq));
  });

  it('refuses issuance by a committee operator and bad input with clear messages', async () => {
    const committee = await t.login('committee_demo');
    const res = await t.http().post('/api/certificates/issue').set(auth(committee)).send({ items: [person(200)] });
    expect(res.status).toBe(403);
    const bad = await t.http().post('/api/certificates/issue').set(auth(admin)).send({ items: [{ ...person(201), holderIdCard: '123' }] });
    expect(bad.status).toBe(400);
  });

  it('P-01 verifies by name and ID with the minimum, and answers the same for a wrong name and a wrong ID', async () => {
    const ok = await t.http().post('/api/public/certificates/verify').send({ name: '张三', idCard: applicantId });
    expect(ok.status).toBe(200);
    expect(ok.body.items).toHaveLength(1);
    const item = ok.body.items[0];
    expect(item.holderIdCard).toBe('320***********' + applicantId.slice(-4));
    expect(item.status).toBe('valid');
    expect(item.signatureValid).toBe(true);
    expect(JSON.stringify(ok.body)).not.toMatch(/mobile|phone|1380013|holderUserId|"id"|verificationCode/);
    const wrongName = await t.http().post('/api/public/certificates/verify').send({ name: '李四', idCard: applicantId });
    const wrongId = await t.http().post('/api/public/certificates/verify').send({ name: '张三', idCard: demoIdCard('11010519491231002') });
    expect(wrongName.status).toBe(200);
    expect(wrongId.status).toBe(200);
    expect(wrongName.body).toEqual({ items: [] });
    expect(wrongId.body).toEqual(wrongName.body);
    const one = await t.http().post('/api/public/certificates/verify').send({ name: '张三', idCard: applicantId, certificateNo: item.certificateNo });
    expect(one.body.items).toHaveLength(1);
    const otherNo = await t.http().post('/api/public/certificates/verify').send({ name: '张三', idCard: applicantId, certificateNo: '000' });
    expect(otherNo.body).toEqual({ items: [] });
  });

  it('P-01 the QR link code finds one certificate; the public key is published', async () => {
    const [row] = await t.ds.query(`SELECT verification_code FROM certificates WHERE issue_key = 'demo:applicant'`);
    expect(row.verification_code).toMatch(/^[2-9A-Z]{12}$/);
    const res = await t.http().get(`/api/public/certificates/verify/${row.verification_code}`);
    expect(res.body.items).toHaveLength(1);
    expect((await t.http().get('/api/public/certificates/verify/NOPE2345NOPE')).body).toEqual({ items: [] });
    const key = await t.http().get('/api/public/certificates/public-key');
    expect(key.body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('a tampered certificate fails the signature check', async () => {
    const [row] = await t.ds.query(`SELECT id, verification_code FROM certificates WHERE issue_key = 'test:5'`);
    await t.ds.query(`UPDATE certificates SET title_name = '正高级工程师' WHERE id = $1`, [row.id]);
    const res = await t.http().get(`/api/public/certificates/verify/${row.verification_code}`);
    expect(res.body.items[0]).toMatchObject({ signatureValid: false, signatureLabel: '证书数据校验失败' });
  });

  it('H-12 the applicant lists and downloads the e-certificate PDF with its Chinese fields and QR link', async () => {
    const list = await t.http().get('/api/me/certificates').set(auth(applicant));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const c = list.body.items[0];
    const pdf = await t.http().get(`/api/me/certificates/${c.id}/pdf?download=1`).set(auth(applicant)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('attachment');
    const text = await pdfText(pdf.body as Buffer);
    for (const s of ['专业技术职称证书', '张三', '高级工程师', '电子信息', '副高级', c.certificateNo, c.verificationCode, '江苏省人力资源和社会保障厅', '苏职称〔2025〕88号']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('320***********');
    expect(text).not.toContain(applicantId);
    // Someone else's certificate is not the applicant's.
    const [other] = await t.ds.query(`SELECT id FROM certificates WHERE issue_key = 'test:1'`);
    expect((await t.http().get(`/api/me/certificates/${other.id}/pdf`).set(auth(applicant))).status).toBe(404);
  });

  it('A-16 filters and exports; C-12 the committee sees its certificates; A-15 revoke shows revoked in verification', async () => {
    const list = await t.http().get('/api/certificates').query({ name: '测试1', status: 'valid', issuedFrom: '2026-01-01' }).set(auth(admin));
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    for (const i of list.body.items) expect(i.holderName).toContain('测试1');
    const committee = await t.login('committee_demo');
    const mine = await t.http().get('/api/certificates').set(auth(committee));
    expect(mine.body.total).toBeGreaterThanOrEqual(45);
    const county = await t.login('xw_admin');
    expect((await t.http().get('/api/certificates').set(auth(county))).body.total).toBe(0);
    const xlsx = await t.http().get('/api/certificates/export').query({ name: '测试1' }).set(auth(admin));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');

    const c = (await t.http().get('/api/me/certificates').set(auth(applicant))).body.items[0];
    expect((await t.http().post(`/api/certificates/${c.id}/revoke`).set(auth(committee)).send({ version: c.version, reason: '弄虚作假' })).status).toBe(403);
    expect((await t.http().post(`/api/certificates/${c.id}/revoke`).set(auth(admin)).send({ version: c.version })).status).toBe(400);
    const rev = await t.http().post(`/api/certificates/${c.id}/revoke`).set(auth(admin)).send({ version: c.version, reason: '弄虚作假取得' });
    expect(rev.status).toBe(200);
    expect(rev.body.status).toBe('revoked');
    const v = await t.http().get(`/api/public/certificates/verify/${c.verificationCode}`);
    expect(v.body.items[0]).toMatchObject({ status: 'revoked', statusLabel: '已撤销', signatureValid: true });
    const log = await t.ds.query(`SELECT after FROM audit_logs WHERE action = 'certificate.revoke'`);
    expect(log[0].after.reason).toBe('弄虚作假取得');
  });
});

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestContext, type TestContext } from './context.js';

async function makePdf(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(label, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

describe('certificate applications (H-10, H-11, A-26)', () => {
  let t: TestContext;
  let admin: string;
  let applicant: string;
  let issuerOrgId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    applicant = await t.login('applicant');
    issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
  });
  afterAll(async () => {
    await t.close();
  });
  const upload = async (label: string) => {
    const res = await t.http().post('/api/files').set(auth(applicant)).field('purpose', 'certificate-application').field('sizeClass', 'ordinary').attach('file', await makePdf(label), { filename: `${label}.pdf`, contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const base = {
    titleName: '工程师',
    seriesCode: 'GC',
    professionName: '机械工程',
    titleLevel: 'intermediate',
    qualificationDate: '2015-12-01',
    approvalDocNo: '苏职称〔2015〕12号',
    committeeName: '江苏省工程技术研究系列中级职称评审委员会',
  };

  it('H-10 needs at least two PDFs; the office approves and a historical record without e-certificate appears', async () => {
    const one = await upload('paper-certificate');
    const few = await t.http().post('/api/me/certificate-applications').set(auth(applicant)).send({ ...base, kind: 'historical', issuerOrgId, originalCertificateNo: 'JS2015000123', fileIds: [one] });
    expect(few.status).toBe(400);
    expect(few.body.fields.fileIds).toBe('请至少上传2个PDF证明材料');
    const two = await upload('approval-document');
    const app = await t.http().post('/api/me/certificate-applications').set(auth(applicant)).send({ ...base, kind: 'historical', issuerOrgId, originalCertificateNo: 'JS2015000123', fileIds: [one, two] });
    expect(app.status).toBe(201);
    expect(app.body.status).toBe('submitted');
    // The office can read the proof files.
    expect((await t.http().get(`/api/files/${one}`).set(auth(admin))).status).toBe(200);
    const list = await t.http().get('/api/certificate-applications').query({ status: 'submitted' }).set(auth(admin));
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(app.body.id);
    const rejectNoComment = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'reject' });
    expect(rejectNoComment.status).toBe(400);
    const ok = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'approve', comment: '材料齐全' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const again = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: ok.body.version, decision: 'approve' });
    expect(again.status).toBe(409);
    const mine = await t.http().get('/api/me/certificates').set(auth(applicant));
    const hist = mine.body.items.find((c: { certificateNo: string }) => c.certificateNo === 'JS2015000123');
    expect(hist).toMatchObject({ kind: 'historical', hasECertificate: false, status: 'valid', signatureValid: true });
    expect((await t.http().get(`/api/me/certificates/${hist.id}/pdf`).set(auth(applicant))).status).toBe(409);
  });

  it('H-11 reissue needs three PDFs and a reason; approval issues a new e-certificate and voids the old one', async () => {
    const old = (await t.http().get('/api/me/certificates').set(auth(applicant))).body.items.find((c: { kind: string }) => c.kind === 'review');
    const files = [await upload('a'), await upload('b')];
    const body = { ...base, titleName: old.titleName, titleLevel: old.titleLevel, kind: 'reissue', issuerOrgId, originalCertificateNo: old.certificateNo, reason: '遗失补发' };
    expect((await t.http().post('/api/me/certificate-applications').set(auth(applicant)).send({ ...body, fileIds: files })).status).toBe(400);
    files.push(await upload('c'));
    const app = await t.http().post('/api/me/certificate-applications').set(auth(applicant)).send({ ...body, fileIds: files });
    expect(app.status).toBe(201);
    const ok = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'approve' });
    expect(ok.status).toBe(200);
    const mine = (await t.http().get('/api/me/certificates').set(auth(applicant))).body.items;
    const fresh = mine.find((c: { id: string }) => c.id === ok.body.certificateId);
    expect(fresh).toMatchObject({ kind: 'reissue', hasECertificate: true, status: 'valid' });
    expect(fresh.certificateNo).not.toBe(old.certificateNo);
    expect(mine.find((c: { id: string }) => c.id === old.id)).toMatchObject({ status: 'revoked' });
  });

  it('A-26 a rejected application creates nothing', async () => {
    const files = [await upload('x'), await upload('y')];
    const app = await t.http().post('/api/me/certificate-applications').set(auth(applicant)).send({ ...base, kind: 'historical', issuerOrgId, originalCertificateNo: 'JS2010000999', fileIds: files });
    const no = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'reject', comment: '证书扫描件不清晰' });
    expect(no.body).toMatchObject({ status: 'rejected', certificateId: null, reviewComment: '证书扫描件不清晰' });
    expect(await t.ds.query(`SELECT 1 FROM certificates WHERE certificate_no = 'JS2010000999'`)).toHaveLength(0);
  });
});

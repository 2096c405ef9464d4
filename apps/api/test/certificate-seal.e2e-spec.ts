import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { base64UrlDecode, base64UrlEncode, splitQrText } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { pdfText } from './support/pdf-text.js';
import { CertificateSealService } from '../src/modules/certificate/seal/certificate-seal.service.js';
import { sm2Verify } from '../src/common/crypto/sm2.js';
import { binary } from './support/binary.js';

describe('P-05 OFD e-certificates with an SM2 seal, QR codes that verify offline', () => {
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

  const issueOne = async (i: number) => {
    const res = await t.http().post('/api/certificates/issue').set(auth(admin)).send({
      items: [{
        issueKey: `seal:${i}`, holderName: `封印${i}`, holderIdCard: demoIdCard(`1101051981020${String(1000 + i).slice(-4)}`), titleName: '工程师',
        seriesCode: 'GC', professionName: '电子信息', titleLevel: 'intermediate', qualificationDate: '2026-06-30', approvalDocNo: '苏职称〔2026〕5号',
        committeeName: '江苏省工程技术研究系列高级职称评审委员会', issuerOrgId,
      }],
    });
    expect(res.body.failed).toEqual([]);
    return res.body.certificates[0] as { id: string; certificateNo: string };
  };
  const getOfd = async (id: string) => {
    const res = await t.http().get(`/api/certificates/${id}/ofd`).set(auth(admin)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/ofd');
    return res.body as Buffer;
  };
  const verifyOfd = (bytes: Buffer) => t.http().post('/api/public/certificates/verify-ofd').send({ ofd: bytes.toString('base64') });

  it('seals at issuing: the OFD verifies online, names the certificate, and a changed byte is detected', async () => {
    const c = await issueOne(1);
    const row = (await t.ds.query('SELECT seal_signature, seal_key_id, qr_payload FROM certificates WHERE id = $1', [c.id]))[0];
    expect(row.seal_signature).toBeTruthy();
    expect(row.qr_payload).toContain(c.certificateNo);
    const ofd = await getOfd(c.id);
    expect((await getOfd(c.id)).equals(ofd)).toBe(true);
    const ok = await verifyOfd(ofd);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ sealValid: true, valid: true, status: 'valid', certificateNo: c.certificateNo, holderName: '封印1', problems: [] });
    expect(ok.body.sealName).toBe('江苏省人力资源和社会保障厅职称证书专用章');
    const files = unzipSync(ofd);
    const content = 'Doc_0/Pages/Page_0/Content.xml';
    const changed = Buffer.from(zipSync({ ...files, [content]: strToU8(strFromU8(files[content]!).replace('工程技术', '工程技朮')) }));
    const bad = await verifyOfd(changed);
    expect(bad.body).toMatchObject({ sealValid: false, valid: false });
    expect(bad.body.problems).toContain(`文件 ${content} 已被修改（SM3 杂凑值不符）`);
    // The series prints as its name, not its code.
    expect(strFromU8(files[content]!)).toContain('>工程技术<');
    const garbage = await verifyOfd(Buffer.from('not an ofd'));
    expect(garbage.status).toBe(200);
    expect(garbage.body.problems).toEqual(['文件不是有效的 OFD 包（ZIP 结构损坏）']);
    expect((await t.http().post('/api/public/certificates/verify-ofd').send({ ofd: '' })).status).toBe(400);
  });

  it('the QR payload verifies with the published SM2 key; a changed field or a revoked certificate is detected', async () => {
    const c = await issueOne(2);
    const pdf = await t.http().get(`/api/certificates/${c.id}/pdf`).set(auth(admin)).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(await pdfText(pdf.body as Buffer)).toContain('工程技术');
    const qr = t.app.get(CertificateSealService).qrTextOf((await t.ds.query('SELECT verification_code AS "verificationCode", qr_payload AS "qrPayload", qr_signature AS "qrSignature" FROM certificates WHERE id = $1', [c.id]))[0])!;
    const parts = splitQrText(qr)!;
    // Offline: the published key alone verifies it.
    const keys = (await t.http().get('/api/public/certificates/public-key')).body.sm2;
    expect(keys[0]).toMatchObject({ current: true });
    expect(keys[0].publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(sm2Verify(parts.payloadBytes, parts.signature, keys[0].publicKeyHex)).toBe(true);
    const ok = await t.http().post('/api/public/certificates/verify-qr').send({ text: qr });
    expect(ok.body).toMatchObject({ signatureValid: true, valid: true, status: 'valid', problem: null });
    expect(ok.body.data).toMatchObject({ certificateNo: c.certificateNo, holderName: '封印2', titleName: '工程师', levelLabel: '中级' });
    // A changed field (the name) keeps the format but breaks the signature, offline and online.
    const forged = JSON.stringify(JSON.parse(parts.payloadJson).map((v: string) => (v === '封印2' ? '封印9' : v)));
    const forgedText = qr.replace(/#zc1\.[^.]+\./, `#zc1.${base64UrlEncode(new TextEncoder().encode(forged))}.`);
    expect(sm2Verify(splitQrText(forgedText)!.payloadBytes, parts.signature, keys[0].publicKeyHex)).toBe(false);
    const bad = await t.http().post('/api/public/certificates/verify-qr').send({ text: forgedText });
    expect(bad.body).toMatchObject({ signatureValid: false, valid: false, problem: '二维码数据签名验证失败，内容可能被篡改' });
    expect((await t.http().post('/api/public/certificates/verify-qr').send({ text: 'hello' })).body.problem).toBe('二维码内容不是本平台的电子证书数据');
    expect((await t.http().post('/api/public/certificates/verify-qr').send({})).status).toBe(400);
    expect(base64UrlDecode('!!')).toBeNull();
    // Revoked: the live status says so (the signed data itself stays valid).
    const v = (await t.http().get(`/api/certificates/${c.id}`).set(auth(admin))).body.version;
    expect((await t.http().post(`/api/certificates/${c.id}/revoke`).set(auth(admin)).send({ version: v, reason: '测试撤销' })).status).toBe(200);
    const revoked = await t.http().post('/api/public/certificates/verify-qr').send({ text: qr });
    expect(revoked.body).toMatchObject({ signatureValid: true, valid: false, status: 'revoked', statusLabel: '已撤销' });
    const revokedOfd = await verifyOfd(await getOfd(c.id));
    expect(revokedOfd.body).toMatchObject({ sealValid: true, valid: false, status: 'revoked' });
  });

  it('a certificate issued before sealing keeps its Ed25519 check and is re-sealed into OFD on demand by its holder', async () => {
    const [legacy] = await t.ds.query(`SELECT id, seal_signature FROM certificates WHERE holder_name = '张三'`);
    expect(legacy.seal_signature).toBeNull();
    const mine = await t.http().get('/api/me/certificates').set(auth(applicant));
    const item = mine.body.items.find((x: { id: string }) => x.id === legacy.id);
    expect(item).toMatchObject({ signatureValid: true, sealed: false });
    const ofd = await t.http().get(`/api/me/certificates/${legacy.id}/ofd`).set(auth(applicant)).buffer(true).parse(binary);
    expect(ofd.status).toBe(200);
    expect((await verifyOfd(ofd.body as Buffer)).body).toMatchObject({ sealValid: true, holderName: '张三' });
    const after = await t.http().get('/api/me/certificates').set(auth(applicant));
    expect(after.body.items.find((x: { id: string }) => x.id === legacy.id)).toMatchObject({ signatureValid: true, sealed: true });
    // The second download is the same document.
    const again = await t.http().get(`/api/me/certificates/${legacy.id}/ofd`).set(auth(applicant)).buffer(true).parse(binary);
    expect((again.body as Buffer).equals(ofd.body as Buffer)).toBe(true);
    // Another holder cannot download it.
    const other = await t.login('admin');
    expect((await t.http().get(`/api/me/certificates/${legacy.id}/ofd`).set(auth(other))).status).toBe(404);
  });
});

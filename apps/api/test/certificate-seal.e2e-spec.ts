import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { base64UrlDecode, base64UrlEncode, splitQrText } from '@zhicheng/contracts';
import { createTestContext, type TestContext } from './context.js';
import { demoIdCard } from '../src/database/seeds/demo.seed.js';
import { pdfText } from './support/pdf-text.js';
import { CertificateSealService } from '../src/modules/certificate/seal/certificate-seal.service.js';
import { DevMinistryGateway } from '../src/modules/certificate/ministry-report.service.js';
import { sm2Verify } from '../src/common/crypto/sm2.js';

const CLI = join(process.cwd(), 'dist/bin/certificate-verify.js');
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (d: Buffer) => chunks.push(d));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

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
    // Offline: the documented command with the saved public keys, no server.
    const dir = mkdtempSync(join(tmpdir(), `ofd-cli-${process.env.ZC_TEST_RUN ?? 'x'}-`));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify((await t.http().get('/api/public/certificates/public-key')).body));
    writeFileSync(join(dir, 'good.ofd'), ofd);
    writeFileSync(join(dir, 'bad.ofd'), changed);
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, '--keys', join(dir, 'keys.json'), ...args], { encoding: 'utf8' });
    const good = cli(join(dir, 'good.ofd'));
    expect(good.status).toBe(0);
    expect(good.stdout).toContain(`电子印章有效：江苏省人力资源和社会保障厅职称证书专用章，证书编号 ${c.certificateNo}`);
    const tampered = cli(join(dir, 'bad.ofd'));
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('已被修改（SM3 杂凑值不符）');
    rmSync(dir, { recursive: true, force: true });
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
    const dir = mkdtempSync(join(tmpdir(), `qr-cli-${process.env.ZC_TEST_RUN ?? 'x'}-`));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify((await t.http().get('/api/public/certificates/public-key')).body));
    const cli = (text: string) => spawnSync(process.execPath, [CLI, '--keys', join(dir, 'keys.json'), '--qr', text], { encoding: 'utf8' });
    expect(cli(qr).status).toBe(0);
    expect(cli(forgedText).status).toBe(1);
    rmSync(dir, { recursive: true, force: true });
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
    // Offline verifiers detect it with the signed revocation list they saved.
    const rl = (await t.http().get('/api/public/certificates/revocations')).body;
    expect(sm2Verify(Buffer.from(rl.signed, 'utf8'), Buffer.from(rl.signature, 'base64'), keys[0].publicKeyHex)).toBe(true);
    expect(JSON.parse(rl.signed).items).toContain(c.certificateNo);
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

  it('H-15 the holder grants verification (≤ 90 days, ≤ 3 valid), sees every verification, and revokes a grant', async () => {
    const [cert] = await t.ds.query(`SELECT id, verification_code FROM certificates WHERE holder_name = '张三'`);
    const grant = (purpose: string, validDays: number) => t.http().post(`/api/me/certificates/${cert.id}/grants`).set(auth(applicant)).send({ purpose, validDays });
    const tooLong = await grant('入职审核', 91);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('有效期最长 90 天');
    expect((await grant('', 30)).status).toBe(400);
    const made = [];
    for (const p of ['入职审核', '项目申报', '人才认定']) {
      const r = await grant(p, 30);
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    expect(made[0]).toMatchObject({ purpose: '入职审核', state: 'valid', stateLabel: '有效' });
    expect(made[0].code).toMatch(/^[0-9A-Z]{12}$/);
    expect(made[0].qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const fourth = await grant('第四个', 10);
    expect(fourth.status).toBe(409);
    expect(fourth.body.message).toContain('最多同时有 3 个有效的核验授权');
    // A third party verifies with the code (and sees the public minimum); the holder sees it in the log.
    const v = await t.http().post('/api/public/certificates/verify-grant').set('x-forwarded-for', '203.0.113.77').send({ code: made[0].code.toLowerCase() });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ state: 'valid', purpose: '入职审核', certificate: { holderName: '张三', status: 'valid' } });
    expect(JSON.stringify(v.body)).not.toMatch(/verificationCode|"id"/);
    await t.http().get(`/api/public/certificates/verify/${cert.verification_code}`);
    const log = await t.http().get('/api/me/certificate-verifications').set(auth(applicant));
    expect(log.status).toBe(200);
    const channels = log.body.items.map((i: { channel: string }) => i.channel);
    expect(channels).toEqual(expect.arrayContaining(['grant', 'qr']));
    const g = log.body.items.find((i: { channel: string }) => i.channel === 'grant');
    expect(g).toMatchObject({ channelLabel: '授权核验码', grantPurpose: '入职审核' });
    expect(g.requester).toMatch(/\*/);
    // Others cannot see or revoke the holder's grants.
    const admin2 = await t.login('admin');
    expect((await t.http().post(`/api/me/certificate-grants/${made[0].id}/revoke`).set(auth(admin2))).status).toBe(404);
    expect((await t.http().get('/api/me/certificate-grants').set(auth(admin2))).body.items).toEqual([]);
    // Revoked: the code answers revoked, and a new grant can be made again.
    const rv = await t.http().post(`/api/me/certificate-grants/${made[0].id}/revoke`).set(auth(applicant));
    expect(rv.body).toMatchObject({ state: 'revoked', qrDataUrl: null });
    const after = await t.http().post('/api/public/certificates/verify-grant').send({ code: made[0].code });
    expect(after.body).toMatchObject({ state: 'revoked', message: '该核验码已被持证人撤销', certificate: null });
    expect((await t.http().post('/api/public/certificates/verify-grant').send({ code: 'ZZZZZZZZZZZZ' })).body.state).toBe('unknown');
    expect((await grant('第四个', 10)).status).toBe(201);
    const list = await t.http().get('/api/me/certificate-grants').set(auth(applicant));
    expect(list.body.items.filter((i: { state: string }) => i.state === 'valid')).toHaveLength(3);
    const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action IN ('certificate.grant.create', 'certificate.grant.revoke')`);
    expect(audit[0].n).toBeGreaterThanOrEqual(5);
  });

  it('A-14 the ministry report carries the 电子证照 metadata and the daily reconciliation lists what did not reach it', async () => {
    const day = '2026-03-03';
    const res = await t.http().post('/api/certificates/issue').set(auth(admin)).send({
      items: [{
        issueKey: 'seal:recon', holderName: '对账甲', holderIdCard: demoIdCard('11010519810203777'), titleName: '工程师', seriesCode: 'GC',
        professionName: '电子信息', titleLevel: 'intermediate', qualificationDate: '2026-03-01', approvalDocNo: '苏职称〔2026〕7号',
        committeeName: '江苏省工程技术研究系列高级职称评审委员会', issuerOrgId, issueDate: day,
      }],
    });
    const c = res.body.certificates[0] as { id: string; certificateNo: string };
    const recon = () => t.http().get('/api/certificates/ministry-report/reconciliation').query({ date: day }).set(auth(admin));
    const before = await recon();
    expect(before.status).toBe(200);
    expect(before.body.mismatches).toContainEqual({ certificateNo: c.certificateNo, holderName: '对账甲', event: '发证', reason: '未上报' });
    expect((await t.http().get('/api/certificates/ministry-report/reconciliation').query({ date: '2026-13-01' }).set(auth(admin))).status).toBe(400);
    expect((await t.http().get('/api/certificates/ministry-report/reconciliation').set(auth(applicant))).status).toBe(403);
    const waitReported = async () => {
      for (let i = 0; i < 600; i++) {
        const one = await t.http().get(`/api/certificates/${c.id}`).set(auth(admin));
        if (one.body.reportedStatus === 'reported') return one.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('not reported');
    };
    expect((await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: [c.id] })).status).toBe(200);
    const reported = await waitReported();
    const gateway = t.app.get(DevMinistryGateway);
    const record = gateway.received.find((r) => r.certificateNo === c.certificateNo)!;
    expect(record.licenceIdentifier).toBe(`${record.licenceTypeCode}.3200.2026.${c.certificateNo}`);
    expect((await recon()).body.mismatches.filter((m: { certificateNo: string }) => m.certificateNo === c.certificateNo)).toEqual([]);
    // Revoked today: listed until the revocation has been reported again.
    expect((await t.http().post(`/api/certificates/${c.id}/revoke`).set(auth(admin)).send({ version: reported.version, reason: '对账测试' })).status).toBe(200);
    const today = (await t.ds.query(`SELECT to_char(revoked_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM certificates WHERE id = $1`, [c.id]))[0].d;
    const reconToday = () => t.http().get('/api/certificates/ministry-report/reconciliation').query({ date: today }).set(auth(admin));
    expect((await reconToday()).body.mismatches).toContainEqual({ certificateNo: c.certificateNo, holderName: '对账甲', event: '撤销', reason: '撤销后尚未重新上报' });
    expect((await t.http().post('/api/certificates/ministry-report').set(auth(admin)).send({ certificateIds: [c.id] })).status).toBe(200);
    await waitReported();
    expect((await reconToday()).body.mismatches.filter((m: { certificateNo: string }) => m.certificateNo === c.certificateNo)).toEqual([]);
    expect(gateway.received.filter((r) => r.certificateNo === c.certificateNo).map((r) => r.status)).toEqual(['valid', 'revoked']);
  });
});

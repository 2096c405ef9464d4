import { createTestContext, type TestContext } from './context.js';
import type { NewApplicant } from './support/builders.js';

describe('certificate applications (H-10, H-11, A-26)', () => {
  let t: TestContext;
  let admin: string;
  let issuerOrgId: string;
  const regionCode = '320000';
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    t = await createTestContext();
    admin = await t.login('admin');
    issuerOrgId = (await t.ds.query(`SELECT organisation_id AS id FROM issuers WHERE issuer_code = '3200'`))[0].id;
  });
  afterAll(async () => {
    await t.close();
  });
  const upload = async (a: NewApplicant, label: string) => t.upload(a.token, { purpose: 'certificate-application', data: await t.pdf(label) });
  const apply = (a: NewApplicant, body: Record<string, unknown>) => t.http().post('/api/me/certificate-applications').set(auth(a.token)).send(body);
  const approve = async (app: { id: string; version: number }) => {
    const res = await t.http().post(`/api/certificate-applications/${app.id}/review`).set(auth(admin)).send({ version: app.version, decision: 'approve', comment: '材料齐全' });
    expect(res.status).toBe(200);
    return res.body as { certificateId: string; version: number; status: string };
  };
  const mine = async (a: NewApplicant) => (await t.http().get('/api/me/certificates').set(auth(a.token))).body.items as { id: string; certificateNo: string; status: string; kind: string; seriesCode: string; titleName: string; titleLevel: string; hasECertificate: boolean; revokeReason: string | null }[];
  /** The old certificate of seed 002 第四章, as printed: 会计 series, so nothing defaults to 工程技术. */
  const oldCertificate = (certificateNo: string) => ({
    kind: 'historical',
    certificateNo,
    seriesCode: 'KJ',
    titleName: '会计师',
    titleLevel: 'intermediate',
    professionName: '会计',
    qualificationDate: '2015-12-01',
    approvalDocNo: '苏职称〔2015〕12号',
    committeeName: '江苏省会计系列中级职称评审委员会',
    regionCode,
    issuerOrgId,
  });
  /** An applicant holding an approved historical registration (a certificate record without e-certificate). */
  const holderOfHistorical = async () => {
    const a = await t.newApplicant();
    const no = `JS${Date.now().toString().slice(-10)}`;
    const app = await apply(a, { ...oldCertificate(no), documents: { oldCertificate: await upload(a, 'old'), approvalDocument: await upload(a, 'approval') } });
    expect(app.status).toBe(201);
    await approve(app.body);
    const cert = (await mine(a)).find((c) => c.certificateNo === no)!;
    return { a, cert };
  };
  const reissueDocs = async (a: NewApplicant) => ({
    originalDocuments: await upload(a, 'original'),
    voidNotice: await upload(a, 'void-notice'),
    applicationForm: await upload(a, 'form'),
  });

  it('H-10 keeps the series and the old certificate\'s fields; named documents, at least two, never one file twice', async () => {
    const a = await t.newApplicant();
    const one = await upload(a, 'paper-certificate');
    const base = oldCertificate('JS2015000123');
    const noSeries = await apply(a, { ...base, seriesCode: undefined, documents: { oldCertificate: one } });
    expect(noSeries.status).toBe(400);
    expect(noSeries.body.fields.seriesCode).toBe('此项为必填项');
    const unknownSeries = await apply(a, { ...base, seriesCode: 'XX', documents: { oldCertificate: one, approvalDocument: await upload(a, 'a2') } });
    expect(unknownSeries.status).toBe(400);
    expect(unknownSeries.body.fields.seriesCode).toBe('请选择系列');
    const noNumber = await apply(a, { ...base, certificateNo: '', documents: { oldCertificate: one } });
    expect(noNumber.body.fields.certificateNo).toBeDefined();
    const few = await apply(a, { ...base, documents: { oldCertificate: one } });
    expect(few.status).toBe(400);
    expect(few.body.fields.documents).toBe('申报表、老证书、批文至少上传2项（PDF）');
    const twice = await apply(a, { ...base, documents: { oldCertificate: one, approvalDocument: one } });
    expect(twice.status).toBe(400);
    expect(twice.body.fields['documents.approvalDocument']).toBe('批文与老证书是同一文件，请分别上传');
    const two = await upload(a, 'approval-document');
    const app = await apply(a, { ...base, documents: { oldCertificate: one, approvalDocument: two } });
    expect(app.status).toBe(201);
    expect(app.body).toMatchObject({ status: 'submitted', seriesCode: 'KJ', kindLabel: '历史职称数据登记', originalCertificateNo: 'JS2015000123', regionCode });
    expect(app.body.documents).toEqual([{ slot: 'oldCertificate', label: '老证书', fileId: one }, { slot: 'approvalDocument', label: '批文', fileId: two }]);
    // The office can read the proof files.
    expect((await t.http().get(`/api/files/${one}`).set(auth(admin))).status).toBe(200);
    const list = await t.http().get('/api/certificate-applications').query({ status: 'submitted' }).set(auth(admin));
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(app.body.id);
    const rejectNoComment = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'reject' });
    expect(rejectNoComment.status).toBe(400);
    const ok = await approve(app.body);
    expect(ok.status).toBe('approved');
    const again = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: ok.version, decision: 'approve' });
    expect(again.status).toBe(409);
    const hist = (await mine(a)).find((c) => c.certificateNo === 'JS2015000123')!;
    expect(hist).toMatchObject({ kind: 'historical', hasECertificate: false, status: 'valid', seriesCode: 'KJ', titleName: '会计师' });
    expect((await t.http().get(`/api/me/certificates/${hist.id}/pdf`).set(auth(a.token))).status).toBe(409);
  });

  it('H-10 / H-11 the 申报点 must belong to the chosen region', async () => {
    const a = await t.newApplicant();
    const res = await apply(a, { ...oldCertificate('JS2016000001'), regionCode: '320100', documents: { oldCertificate: await upload(a, 'x1'), approvalDocument: await upload(a, 'x2') } });
    expect(res.status).toBe(400);
    expect(res.body.fields.issuerOrgId).toBe('申报点不属于所选行政区划');
    const issuers = await t.http().get('/api/certificate-issuers').set(auth(a.token));
    expect(issuers.body.items).toContainEqual(expect.objectContaining({ id: issuerOrgId, regionCode, regionName: '江苏省' }));
  });

  it('H-11 refuses a certificate that is not the caller\'s or does not exist, and missing or repeated documents', async () => {
    const { cert } = await holderOfHistorical();
    const other = await t.newApplicant();
    const body = { kind: 'reissue', declareType: 'review', businessType: 'reissue', regionCode, issuerOrgId };
    const notMine = await apply(other, { ...body, sourceCertificateId: cert.id, documents: await reissueDocs(other) });
    expect(notMine.status).toBe(400);
    expect(notMine.body.fields.sourceCertificateId).toBe('未查询到您名下的该证书，请先在“历史职称数据登记”中登记');
    const madeUp = await apply(other, { ...body, sourceCertificateId: '00000000-0000-4000-8000-000000000000', documents: await reissueDocs(other) });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.fields.sourceCertificateId).toBeDefined();
    const noSource = await apply(other, { ...body, originalCertificateNo: 'MADE-UP-1', documents: await reissueDocs(other) });
    expect(noSource.status).toBe(400);
    // The defect as met: the same PDF uploaded three times.
    const same = await t.pdf('same scan');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await t.upload(other.token, { purpose: 'certificate-application', data: same }));
    const { a, cert: own } = await holderOfHistorical();
    const sameIds: string[] = [];
    for (let i = 0; i < 3; i++) sameIds.push(await t.upload(a.token, { purpose: 'certificate-application', data: same }));
    const thrice = await apply(a, { ...body, sourceCertificateId: own.id, documents: { originalDocuments: sameIds[0], voidNotice: sameIds[1], applicationForm: sameIds[2] } });
    expect(thrice.status).toBe(400);
    expect(thrice.body.fields['documents.voidNotice']).toBe('证书作废登报声明与原申报表/老证书/批文是同一文件，请分别上传');
    expect(thrice.body.fields['documents.applicationForm']).toBe('证书补办（换发）申请表与原申报表/老证书/批文是同一文件，请分别上传');
    const missing = await apply(a, { ...body, sourceCertificateId: own.id, documents: { originalDocuments: await upload(a, 'only-one') } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toMatchObject({ 'documents.voidNotice': '请上传证书作废登报声明（PDF）', 'documents.applicationForm': '请上传证书补办（换发）申请表（PDF）' });
    const othersFile = await apply(a, { ...body, sourceCertificateId: own.id, documents: { ...(await reissueDocs(a)), voidNotice: ids[0] } });
    expect(othersFile.status).toBe(400);
    expect(othersFile.body.fields['documents.voidNotice']).toBe('证书作废登报声明文件不存在，请重新上传');
    const noChoice = await apply(a, { kind: 'reissue', sourceCertificateId: own.id, regionCode, issuerOrgId, documents: await reissueDocs(a) });
    expect(noChoice.status).toBe(400);
    expect(noChoice.body.fields).toMatchObject({ declareType: '此项为必填项', businessType: '此项为必填项' });
    const badChoice = await apply(a, { kind: 'reissue', sourceCertificateId: own.id, declareType: 'x', businessType: 'y', regionCode, issuerOrgId, documents: await reissueDocs(a) });
    expect(badChoice.body.fields).toMatchObject({ declareType: '请选择申报类型（评审或初定）', businessType: '请选择业务类别（补办或换发）' });
  });

  it('H-11 / A-26 reissue of an approved historical record: title data from it, one pending at a time; approval issues a new e-certificate and voids the old one', async () => {
    const { a, cert } = await holderOfHistorical();
    const body = { kind: 'reissue', sourceCertificateId: cert.id, declareType: 'review', businessType: 'replace', regionCode, issuerOrgId };
    const app = await apply(a, { ...body, documents: await reissueDocs(a) });
    expect(app.status).toBe(201);
    expect(app.body).toMatchObject({
      kindLabel: '证书补办/换发', sourceCertificateId: cert.id, originalCertificateNo: cert.certificateNo, seriesCode: 'KJ', titleName: '会计师',
      declareTypeLabel: '评审', businessTypeLabel: '换发',
    });
    expect(app.body.documents.map((d: { label: string }) => d.label)).toEqual(['原申报表/老证书/批文', '证书作废登报声明', '证书补办（换发）申请表']);
    const second = await apply(a, { ...body, documents: await reissueDocs(a) });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('该证书已有待审核的补办/换发申请，请等待审核结果');
    const ok = await approve(app.body);
    const certs = await mine(a);
    const fresh = certs.find((c) => c.id === ok.certificateId)!;
    expect(fresh).toMatchObject({ kind: 'reissue', hasECertificate: true, status: 'valid', seriesCode: 'KJ', titleName: '会计师', titleLevel: 'intermediate' });
    expect(fresh.certificateNo).not.toBe(cert.certificateNo);
    expect(certs.find((c) => c.id === cert.id)).toMatchObject({ status: 'revoked', revokeReason: '已换发，原证书作废' });
    // The voided certificate cannot be reissued again.
    const revoked = await apply(a, { ...body, documents: await reissueDocs(a) });
    expect(revoked.status).toBe(400);
    expect(revoked.body.fields.sourceCertificateId).toBe('该证书已撤销或作废，不能补办/换发');
  });

  it('A-26 a rejected application creates nothing, and a rejected reissue frees its certificate for a new one', async () => {
    const a = await t.newApplicant();
    const app = await apply(a, { ...oldCertificate('JS2010000999'), documents: { declarationForm: await upload(a, 'x'), oldCertificate: await upload(a, 'y') } });
    const no = await t.http().post(`/api/certificate-applications/${app.body.id}/review`).set(auth(admin)).send({ version: app.body.version, decision: 'reject', comment: '证书扫描件不清晰' });
    expect(no.body).toMatchObject({ status: 'rejected', certificateId: null, reviewComment: '证书扫描件不清晰' });
    expect(await t.ds.query(`SELECT 1 FROM certificates WHERE certificate_no = 'JS2010000999'`)).toHaveLength(0);

    const h = await holderOfHistorical();
    const body = { kind: 'reissue', sourceCertificateId: h.cert.id, declareType: 'initial', businessType: 'reissue', regionCode, issuerOrgId };
    const first = await apply(h.a, { ...body, documents: await reissueDocs(h.a) });
    await t.http().post(`/api/certificate-applications/${first.body.id}/review`).set(auth(admin)).send({ version: first.body.version, decision: 'reject', comment: '登报声明不清晰' });
    expect((await apply(h.a, { ...body, documents: await reissueDocs(h.a) })).status).toBe(201);
  });
});

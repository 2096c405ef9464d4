import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { parseSesSignature, firstElementBytes } from './ses.js';
import { SoftwareSealSigner, loadSealBundle, rotateSealBundle } from './signer.js';
import { assembleOfd, prepareSeal, verifyOfd, SIGNATURE_XML, SIGNED_VALUE, type OfdCertificateData } from './ofd.js';

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] }).toString();

const data: OfdCertificateData = {
  certificateNo: '320020265000123', verificationCode: 'ABCDEFGH2345', holderName: '张晓明', maskedIdCard: '3201**********1234',
  titleName: '高级工程师', seriesLabel: '工程技术', professionName: '电气工程', levelLabel: '副高级', qualificationDate: '2026-06-30',
  approvalDocNo: '苏职称〔2026〕12号', committeeName: '江苏省工程技术高级职称评审委员会', issuerName: '江苏省人力资源和社会保障厅',
  issueDate: '2026-07-01', qrText: 'http://localhost/verify?code=ABCDEFGH2345#q=test',
  metadata: [['证照类型代码', '11100000000013338W001'], ['证照编号', '320020265000123'], ['持证主体', '张晓明']],
};

describe('OFD e-certificate with an SM2 electronic seal', () => {
  let dir: string;
  let signer: SoftwareSealSigner;
  let seal: Buffer;
  const sealedAt = new Date('2026-07-01T02:03:04Z');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `ofd-${process.env.ZC_TEST_RUN ?? 'x'}-`));
    signer = new SoftwareSealSigner(loadSealBundle(join(dir, 'bundle.json')));
    seal = signer.makeSeal('江苏省人力资源和社会保障厅', 'ES-3200');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = () => {
    const prep = prepareSeal(data, seal, sealedAt);
    return assembleOfd(prep, signer.current.certificateDer, signer.sign(prep.tbs), sealedAt);
  };

  it('is rebuilt byte for byte from the same data, seal, time and signature', () => {
    const prep = prepareSeal(data, seal, sealedAt);
    const sig = signer.sign(prep.tbs);
    const a = assembleOfd(prep, signer.current.certificateDer, sig, sealedAt);
    const b = assembleOfd(prepareSeal(data, seal, sealedAt), signer.current.certificateDer, sig, sealedAt);
    expect(a.equals(b)).toBe(true);
    const v = verifyOfd(a, signer.keys());
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, certificateNo: '320020265000123', holderName: '张晓明', keyId: signer.current.keyId });
  });

  it('OpenSSL 3 verifies the SM2 signature over TBS_Sign and the SM3 digests extracted from the package', () => {
    const files = unzipSync(build());
    // GB/T 33190 layout
    expect(strFromU8(files['OFD.xml']!)).toContain('<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>');
    expect(strFromU8(files['Doc_0/Signs/Signatures.xml']!)).toContain('BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"');
    const sigXml = strFromU8(files[SIGNATURE_XML]!);
    // Every CheckValue is the SM3 of its file, computed by OpenSSL.
    const refs = [...sigXml.matchAll(/FileRef="\/([^"]+)"><ofd:CheckValue>([^<]+)</g)];
    expect(refs.map((r) => r[1]).sort()).toEqual(["Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/PublicRes.xml", "Doc_0/Res/font_2.ttf", "Doc_0/Res/font_3.ttf", "OFD.xml"]);
    for (const [, p, v] of refs) {
      writeFileSync(join(dir, 'f.bin'), files[p!]!);
      const hex = openssl(['dgst', '-sm3', '-r', join(dir, 'f.bin')]).split(' ')[0]!;
      expect(Buffer.from(hex, 'hex').toString('base64')).toBe(v);
    }
    const sv = files[SIGNED_VALUE]!;
    const ses = parseSesSignature(sv);
    // dataHash = SM3(Signature.xml), by OpenSSL
    writeFileSync(join(dir, 'sig.xml'), files[SIGNATURE_XML]!);
    expect(Buffer.from(ses.toSign.dataHash).toString('hex')).toBe(openssl(['dgst', '-sm3', '-r', join(dir, 'sig.xml')]).split(' ')[0]);
    // The SM2 signature over the DER of TBS_Sign, with the signer certificate's key, by OpenSSL.
    writeFileSync(join(dir, 'cert.der'), Buffer.from(ses.cert));
    writeFileSync(join(dir, 'pub.pem'), openssl(['x509', '-inform', 'DER', '-in', join(dir, 'cert.der'), '-pubkey', '-noout']));
    writeFileSync(join(dir, 'tbs.der'), firstElementBytes(sv));
    writeFileSync(join(dir, 'sig.der'), Buffer.from(ses.signature));
    const verify = () => openssl(['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-digest', 'sm3',
      '-pkeyopt', 'distid:1234567812345678', '-in', join(dir, 'tbs.der'), '-sigfile', join(dir, 'sig.der')]);
    expect(verify()).toMatch(/Signature Verified Successfully/);
    const tbs = firstElementBytes(sv);
    tbs[tbs.length - 3] ^= 1;
    writeFileSync(join(dir, 'tbs.der'), tbs);
    expect(verify).toThrow();
    // The certificates parse as X.509 SM2 certificates and the signer's is issued by the development CA.
    expect(openssl(['x509', '-inform', 'DER', '-in', join(dir, 'cert.der'), '-noout', '-text'])).toMatch(/SM2|sm2/);
    writeFileSync(join(dir, 'ca.der'), signer.current.caCertificateDer);
    writeFileSync(join(dir, 'ca.pem'), openssl(['x509', '-inform', 'DER', '-in', join(dir, 'ca.der')]));
    writeFileSync(join(dir, 'cert.pem'), openssl(['x509', '-inform', 'DER', '-in', join(dir, 'cert.der')]));
    expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), '-vfyopt', 'distid:1234567812345678', join(dir, 'cert.pem')])).toMatch(/OK/);
    // The seal carries a PNG picture and the authority's name.
    expect(ses.toSign.eseal.eSealInfo.property.name).toBe('江苏省人力资源和社会保障厅职称证书专用章');
    expect(Buffer.from(ses.toSign.eseal.eSealInfo.picture.data).subarray(1, 4).toString()).toBe('PNG');
  });

  it('detects a changed byte in any file, a replaced file, an added file and a foreign key', () => {
    const ofd = build();
    const files = unzipSync(ofd);
    const repack = (f: Record<string, Uint8Array>) => Buffer.from(zipSync(f));
    const content = 'Doc_0/Pages/Page_0/Content.xml';
    const changed = { ...files, [content]: Buffer.from(strFromU8(files[content]!).replace('张晓明', '李晓明')) };
    expect(verifyOfd(repack(changed), signer.keys()).problems).toContain(`文件 ${content} 已被修改（SM3 杂凑值不符）`);
    const font = Buffer.from(files['Doc_0/Res/font_3.ttf']!);
    font[10] ^= 1;
    expect(verifyOfd(repack({ ...files, 'Doc_0/Res/font_3.ttf': font }), signer.keys()).ok).toBe(false);
    expect(verifyOfd(repack({ ...files, 'Doc_0/Res/extra.xml': Buffer.from('<x/>') }), signer.keys()).problems).toContain('文件 Doc_0/Res/extra.xml 不在签章保护范围内');
    // A changed byte in the Signature.xml (even with its references fixed up) breaks dataHash.
    const sx = Buffer.from(files[SIGNATURE_XML]!);
    sx[sx.indexOf('StampAnnot') + 30] ^= 1;
    expect(verifyOfd(repack({ ...files, [SIGNATURE_XML]: sx }), signer.keys()).problems).toContain('签名描述文件 Signature.xml 已被修改');
    // A changed byte in the raw package: either the ZIP or a digest fails.
    const raw = Buffer.from(ofd);
    raw[Math.floor(raw.length / 3)] ^= 0x20;
    expect(verifyOfd(raw, signer.keys()).ok).toBe(false);
    // Signed by a key the platform did not publish.
    const other = new SoftwareSealSigner(loadSealBundle(join(dir, 'other.json')));
    expect(verifyOfd(ofd, other.keys()).problems).toContain('签章证书不是本平台公布的签章证书');
  });

  it('keeps old seals verifying after key rotation', () => {
    const file = join(dir, 'rot.json');
    const before = new SoftwareSealSigner(loadSealBundle(file));
    const s = before.makeSeal('某市人社局', 'ES-1');
    const prep = prepareSeal(data, s, sealedAt);
    const ofd = assembleOfd(prep, before.current.certificateDer, before.sign(prep.tbs), sealedAt);
    const after = new SoftwareSealSigner(rotateSealBundle(file));
    expect(after.current.keyId).not.toBe(before.current.keyId);
    expect(verifyOfd(ofd, after.keys())).toMatchObject({ ok: true, keyId: before.current.keyId });
    expect(createHash('sm3').update('x').digest().length).toBe(32);
  });
});

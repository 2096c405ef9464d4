/**
 * Who signs e-certificate seals (P-05).
 *
 * `SealSigner` is the plug point: issuance and verification only use this interface. Two parts are behind it:
 *   1. the signer's SM2 key and X.509 certificate (签章者证书): `sign()` returns an SM2 signature (DER, GB/T 32918,
 *      signer ID 1234567812345678) over the bytes it is given;
 *   2. the seal maker (制章者) that makes an SES_Seal per issuing authority (`makeSeal`).
 *
 * Development and tests use `SoftwareSealSigner`: a software SM2 key and a self-issued development CA that acts as
 * the seal maker (keys in a JSON bundle, `CERT_SEAL_BUNDLE` or `<DATA_DIR>/dev-seal-bundle.json`). A legally valid
 * seal needs a certified signing device (签章服务器 / 密码机, GM/T 0031) or signing service: implement `SealSigner`
 * by calling it (its `sign` may be asynchronous), and provide it in `CertificateModule` as `SEAL_SIGNER`.
 * Old keys stay in the bundle's `previous` list (public parts only), so rotation keeps old certificates verifiable.
 */
import { AsnParser, AsnSerializer, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, BasicConstraints, Certificate as X509, Extension, Extensions,
  KeyUsage, KeyUsageFlags, Name, RelativeDistinguishedName, SubjectPublicKeyInfo, TBSCertificate, Validity, Version,
  id_ce_basicConstraints, id_ce_keyUsage,
} from '@peculiar/asn1-x509';
import { Resvg } from '@resvg/resvg-js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSm2KeyPair, sm2PublicKeyFromSpki, sm2PublicKeySpki, sm2Sign, sm2Verify, sm3 } from '../../../common/crypto/sm2.js';
import { CJK_FONT_BOLD } from '../../../common/pdf/pdf.service.js';
import { CertInfoList, OID_SM2_WITH_SM3, SesHeader, SesPictureInfo, SesPropertyInfo, SesSeal, SesSealInfo, ab, der } from './ses.js';

export const SEAL_SIGNER = Symbol('SEAL_SIGNER');

/** The public half of a signing key: what a verifier needs (published at /api/public/certificates/public-key). */
export interface SealPublicKey {
  keyId: string;
  publicKeyHex: string;
  /** Signer's X.509 certificate (DER). */
  certificateDer: Buffer;
  /** The development CA / seal maker certificate (DER). */
  caCertificateDer: Buffer;
}

export interface SealSigner {
  /** The key in use for new signatures. */
  readonly current: SealPublicKey;
  /** Every key whose signatures still verify (current first), by keyId. */
  keys(): SealPublicKey[];
  key(keyId: string): SealPublicKey | undefined;
  /** SM2 signature (DER) with the current key over `data`. */
  sign(data: Uint8Array): Buffer | Promise<Buffer>;
  /** A new SES_Seal (DER) of the issuing authority `name`, bound to the current signer certificate. */
  makeSeal(name: string, esId: string): Buffer | Promise<Buffer>;
}

interface BundleKey {
  keyId: string;
  signerPrivateKeyHex?: string;
  caPrivateKeyHex?: string;
  publicKeyHex: string;
  certificateDer: string;
  caCertificateDer: string;
}
export interface SealBundle {
  current: BundleKey;
  previous: BundleKey[];
}

const name = (cn: string, o: string) =>
  new Name([
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.6', value: new AttributeValue({ printableString: 'CN' }) })]),
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.10', value: new AttributeValue({ utf8String: o }) })]),
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: cn }) })]),
  ]);

/** An X.509 v3 certificate signed with SM2-with-SM3 (GM/T 0015 profile, enough for development). */
function x509(opts: { subject: Name; issuer: Name; publicKeyHex: string; signKeyHex: string; signPubHex: string; ca: boolean; years: number }): Buffer {
  const now = new Date();
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: ab(serial),
    signature: new AlgorithmIdentifier({ algorithm: OID_SM2_WITH_SM3 }),
    issuer: opts.issuer,
    validity: new Validity({ notBefore: new Date(now.getTime() - 86400_000), notAfter: new Date(now.getTime() + opts.years * 365 * 86400_000) }),
    subject: opts.subject,
    subjectPublicKeyInfo: AsnParser.parse(sm2PublicKeySpki(opts.publicKeyHex), SubjectPublicKeyInfo),
    extensions: new Extensions([
      new Extension({ extnID: id_ce_basicConstraints, critical: true, extnValue: new OctetString(AsnSerializer.serialize(new BasicConstraints({ cA: opts.ca }))) }),
      new Extension({
        extnID: id_ce_keyUsage, critical: true,
        extnValue: new OctetString(AsnSerializer.serialize(new KeyUsage(opts.ca ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign : KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation))),
      }),
    ]),
  });
  const tbsDer = der(tbs);
  const sig = sm2Sign(tbsDer, opts.signKeyHex, { publicKeyHex: opts.signPubHex });
  const cert = new X509({ tbsCertificate: tbs, signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_SM2_WITH_SM3 }), signatureValue: ab(sig) });
  return der(cert);
}

/** The public key (04||X||Y) in an X.509 certificate. */
export function certificatePublicKeyHex(certDer: Uint8Array): string {
  const c = AsnParser.parse(certDer, X509);
  return sm2PublicKeyFromSpki(Buffer.from(AsnSerializer.serialize(c.tbsCertificate.subjectPublicKeyInfo)));
}

/** A fresh development key: CA (seal maker) and signer certificate issued by it. */
export function newDevBundleKey(label = '开发环境'): BundleKey {
  const ca = generateSm2KeyPair();
  const signer = generateSm2KeyPair();
  const caName = name(`职称申报评审平台${label}电子印章测试CA（非正式）`, '职称申报评审平台');
  const caCert = x509({ subject: caName, issuer: caName, publicKeyHex: ca.publicKeyHex, signKeyHex: ca.privateKeyHex, signPubHex: ca.publicKeyHex, ca: true, years: 20 });
  const signerCert = x509({
    subject: name(`职称证书签章（${label}，非正式）`, '职称申报评审平台'), issuer: caName, publicKeyHex: signer.publicKeyHex,
    signKeyHex: ca.privateKeyHex, signPubHex: ca.publicKeyHex, ca: false, years: 10,
  });
  return {
    keyId: `sm2-${sm3(Buffer.from(signer.publicKeyHex, 'hex')).subarray(0, 6).toString('hex')}`,
    signerPrivateKeyHex: signer.privateKeyHex,
    caPrivateKeyHex: ca.privateKeyHex,
    publicKeyHex: signer.publicKeyHex,
    certificateDer: signerCert.toString('base64'),
    caCertificateDer: caCert.toString('base64'),
  };
}

/** Reads the seal key bundle, creating a development one on first use (atomically, so processes agree). */
export function loadSealBundle(file: string): SealBundle {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ current: newDevBundleKey(), previous: [] }, null, 2), { mode: 0o600 });
    // A concurrent process may have won: keep the first file.
    if (!existsSync(file)) renameSync(tmp, file);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SealBundle;
}

/** Key rotation: the current key moves to `previous` (private parts dropped), a new key becomes current. */
export function rotateSealBundle(file: string): SealBundle {
  const b = loadSealBundle(file);
  const { signerPrivateKeyHex: _s, caPrivateKeyHex: _c, ...pub } = b.current;
  const next: SealBundle = { current: newDevBundleKey(), previous: [pub, ...b.previous] };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
  return next;
}

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The seal picture: a red round seal with the authority's name on the arc, a star and 职称证书专用章 (PNG). */
export function sealPicturePng(authority: string): Buffer {
  const size = 400;
  const chars = [...authority];
  // The name runs along the upper arc, centred on the top.
  const span = Math.min(230, Math.max(120, chars.length * 20));
  const start = -90 - span / 2;
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const r = 150;
  const letters = chars.map((ch, i) => {
    const a = ((start + i * step) * Math.PI) / 180;
    const x = 200 + r * Math.cos(a);
    const y = 200 + r * Math.sin(a);
    const rot = start + i * step + 90;
    return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="38" text-anchor="middle" dominant-baseline="central" transform="rotate(${rot.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${esc(ch)}</text>`;
  });
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = (-90 + i * 36) * (Math.PI / 180);
    const rr = i % 2 ? 22 : 56;
    return `${(200 + rr * Math.cos(a)).toFixed(1)},${(200 + rr * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 400 400">
<g fill="#d40000" stroke="none" font-family="Noto Sans SC" font-weight="700">
<circle cx="200" cy="200" r="190" fill="none" stroke="#d40000" stroke-width="12"/>
<polygon points="${star}"/>
${letters.join('\n')}
<text x="200" y="292" font-size="30" text-anchor="middle">职称证书专用章</text>
</g></svg>`;
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false, fontFiles: [CJK_FONT_BOLD], defaultFontFamily: 'Noto Sans SC' }, background: 'rgba(0,0,0,0)' }).render().asPng();
  return Buffer.from(png);
}

const toPublic = (k: BundleKey): SealPublicKey => ({
  keyId: k.keyId,
  publicKeyHex: k.publicKeyHex,
  certificateDer: Buffer.from(k.certificateDer, 'base64'),
  caCertificateDer: Buffer.from(k.caCertificateDer, 'base64'),
});

/** Development signer: software SM2 keys from the bundle. Not a legally valid seal (see the file comment). */
export class SoftwareSealSigner implements SealSigner {
  readonly current: SealPublicKey;
  private readonly all: SealPublicKey[];
  private readonly signerKey: string;
  private readonly caKey: string;
  private readonly caPub: string;

  constructor(bundle: SealBundle) {
    if (!bundle.current.signerPrivateKeyHex || !bundle.current.caPrivateKeyHex) throw new Error('seal bundle has no private key');
    this.current = toPublic(bundle.current);
    this.all = [this.current, ...bundle.previous.map(toPublic)];
    this.signerKey = bundle.current.signerPrivateKeyHex;
    this.caKey = bundle.current.caPrivateKeyHex;
    this.caPub = certificatePublicKeyHex(this.current.caCertificateDer);
  }

  keys(): SealPublicKey[] {
    return this.all;
  }

  key(keyId: string): SealPublicKey | undefined {
    return this.all.find((k) => k.keyId === keyId);
  }

  sign(data: Uint8Array): Buffer {
    return sm2Sign(data, this.signerKey, { publicKeyHex: this.current.publicKeyHex });
  }

  makeSeal(authority: string, esId: string): Buffer {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const info = new SesSealInfo({
      header: new SesHeader({ id: 'ES', version: 4, vid: 'zhicheng' }),
      esID: esId,
      property: new SesPropertyInfo({
        type: 1, name: `${authority}职称证书专用章`, certListType: 1,
        certList: new CertInfoList([ab(this.current.certificateDer)]),
        createDate: now, validStart: now, validEnd: new Date(now.getTime() + 10 * 365 * 86400_000),
      }),
      picture: new SesPictureInfo({ type: 'PNG', data: ab(sealPicturePng(authority)), width: 40, height: 40 }),
    });
    const signed = sm2Sign(der(info), this.caKey, { publicKeyHex: this.caPub });
    return der(new SesSeal({ eSealInfo: info, cert: ab(this.current.caCertificateDer), signAlgID: OID_SM2_WITH_SM3, signedValue: ab(signed) }));
  }
}

/** Checks the seal maker's signature inside an SES_Seal. */
export function verifySealMaker(seal: SesSeal): boolean {
  try {
    return sm2Verify(der(seal.eSealInfo), new Uint8Array(seal.signedValue), certificatePublicKeyHex(new Uint8Array(seal.cert)));
  } catch {
    return false;
  }
}


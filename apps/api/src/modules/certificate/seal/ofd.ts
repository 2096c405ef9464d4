/**
 * The e-certificate as an OFD package (GB/T 33190-2016) carrying an electronic seal (GB/T 38540-2020), P-05.
 *
 * Built from maintained pieces: fflate (ZIP container), xmlbuilder2 (XML), fontkit (the subsetter the PDFs use; two
 * embedded TrueType subsets: the certificate's fixed and shared text, cached per process, and the holder's name),
 * qrcode (the QR matrix, drawn as a vector path), sm-crypto-v2 (SM2/SM3) and @peculiar/asn1-schema (ses.ts). Only the
 * OFD structures are written here:
 *
 *   OFD.xml                         DocBody: DocInfo (with the 电子证照 catalogue metadata as CustomData),
 *                                   DocRoot, Signatures
 *   Doc_0/Document.xml              CommonData (page area, PublicRes, DocumentRes), Pages
 *   Doc_0/PublicRes.xml             Fonts (FontFile in Doc_0/Res/)
 *   Doc_0/Pages/Page_0/Content.xml  one Body layer: borders, text (with CGTransform glyph indices), the QR path
 *   Doc_0/Signs/Signatures.xml      the signature list
 *   Doc_0/Signs/Sign_0/Signature.xml  SignedInfo: References (SM3 CheckValue of every other file), StampAnnot
 *   Doc_0/Signs/Sign_0/SignedValue.dat  SES_Signature (DER): TBS_Sign.dataHash = SM3(Signature.xml)
 *
 * Everything is deterministic for the same data, seal and time, so the certificate row stores only the two SM2
 * signatures, the seal reference and the sealing time, and the package is rebuilt byte for byte on download.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { sm2Verify } from '../../../common/crypto/sm2.js';
import { loadCjkFonts } from '../../../common/pdf/pdf.service.js';
import { OID_SM2_WITH_SM3, OID_SM3, SesSeal, SesSignature, TbsSign, ab, der, firstElementBytes, parseSesSignature } from './ses.js';
import { certificatePublicKeyHex, verifySealMaker, type SealPublicKey } from './signer.js';
import { AsnParser } from '@peculiar/asn1-schema';

const NS = 'http://www.ofdspec.org/2016';
export const SIGNATURE_XML = 'Doc_0/Signs/Sign_0/Signature.xml';
export const SIGNED_VALUE = 'Doc_0/Signs/Sign_0/SignedValue.dat';
const SIGNATURES_XML = 'Doc_0/Signs/Signatures.xml';
/** Where the seal is stamped on the page (mm, page coordinates): over the issuer line, as on paper. */
export const STAMP_BOUNDARY = { x: 138, y: 128, w: 40, h: 40 };

/** What the certificate shows (already formatted for display) plus its QR text and catalogue metadata. */
export interface OfdCertificateData {
  certificateNo: string;
  verificationCode: string;
  holderName: string;
  maskedIdCard: string;
  titleName: string;
  seriesLabel: string;
  professionName: string;
  levelLabel: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  issuerName: string;
  issueDate: string;
  qrText: string;
  /** GB/T 36902/36903 metadata (name → value), written as DocInfo CustomData. */
  metadata: [string, string][];
}

const sm3b64 = (b: Uint8Array) => createHash('sm3').update(b).digest('base64');

// ---------- fonts ----------

type Glyph = { id: number; advanceWidth: number };
type Font = { glyphForCodePoint(cp: number): Glyph; unitsPerEm: number; createSubset(): { includeGlyph(g: number | Glyph): number; encode(): Uint8Array } };

interface Subset { file: Uint8Array; gid: Map<string, number>; adv: Map<string, number> }

function subset(font: Font, chars: Iterable<string>): Subset {
  const s = font.createSubset();
  const gid = new Map<string, number>();
  const adv = new Map<string, number>();
  for (const ch of [...new Set(chars)].sort()) {
    const g = font.glyphForCodePoint(ch.codePointAt(0)!);
    gid.set(ch, s.includeGlyph(g.id));
    adv.set(ch, g.advanceWidth / font.unitsPerEm);
  }
  return { file: s.encode(), gid, adv };
}

/** Subsets of the shared text, by character set (the same few titles, committees and issuers recur). */
const sharedSubsets = new Map<string, Subset>();
const SHARED_SUBSETS_MAX = 256;
function sharedSubset(chars: Set<string>): Subset {
  const key = [...chars].sort().join('');
  let s = sharedSubsets.get(key);
  if (!s) {
    s = subset(loadCjkFonts().regular as unknown as Font, chars);
    if (sharedSubsets.size >= SHARED_SUBSETS_MAX) sharedSubsets.delete(sharedSubsets.keys().next().value!);
    sharedSubsets.set(key, s);
  }
  return s;
}

// ---------- page ----------

const ROW_LABELS = ['姓名', '身份证号', '职称名称', '系列', '专业', '级别', '取得资格时间', '批准文号', '评审委员会', '发证单位', '发证日期', '证书编号', '验证码'];
/** Printable ASCII is always in the shared font: numbers, codes and dates then never change its character set. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const FIXED_TEXT = [ASCII, '专业技术职称证书', '（电子证书）', '扫码核验证书真伪', '本证书为 OFD 电子证书，加盖 SM2 电子印章（GB/T 38540），可扫码离线核验', ...ROW_LABELS].join('');

const n = (v: number) => (Math.round(v * 100) / 100).toString();

function rows(d: OfdCertificateData): [string, string][] {
  return [
    ['姓名', d.holderName], ['身份证号', d.maskedIdCard], ['职称名称', d.titleName], ['系列', d.seriesLabel], ['专业', d.professionName],
    ['级别', d.levelLabel], ['取得资格时间', d.qualificationDate], ['批准文号', d.approvalDocNo], ['评审委员会', d.committeeName],
    ['发证单位', d.issuerName], ['发证日期', d.issueDate], ['证书编号', d.certificateNo], ['验证码', d.verificationCode],
  ];
}

class Page {
  private nextId = 100;
  constructor(private readonly layer: XMLBuilder) {}
  id() { return String(this.nextId++); }

  text(font: { id: string; s: Subset }, str: string, x: number, y: number, size: number, color: string, opts: { align?: 'left' | 'center'; maxWidth?: number } = {}) {
    const chars = [...str];
    if (!chars.length) return;
    let adv = chars.map((c) => (font.s.adv.get(c) ?? 1) * size);
    let width = adv.reduce((a, b) => a + b, 0);
    if (opts.maxWidth && width > opts.maxWidth) {
      const k = opts.maxWidth / width;
      size *= k;
      adv = adv.map((a) => a * k);
      width = opts.maxWidth;
    }
    const x0 = opts.align === 'center' ? x - width / 2 : x;
    const t = this.layer.ele(NS, 'ofd:TextObject', {
      ID: this.id(), Boundary: `${n(x0)} ${n(y - size)} ${n(width + size)} ${n(size * 1.4)}`, Font: font.id, Size: n(size),
    });
    t.ele(NS, 'ofd:FillColor', { Value: color });
    t.ele(NS, 'ofd:CGTransform', { CodePosition: '0', CodeCount: String(chars.length), GlyphCount: String(chars.length) })
      .ele(NS, 'ofd:Glyphs').txt(chars.map((c) => font.s.gid.get(c) ?? 0).join(' '));
    const tc = t.ele(NS, 'ofd:TextCode', { X: '0', Y: n(size) });
    if (chars.length > 1) tc.att('DeltaX', adv.slice(0, -1).map(n).join(' '));
    tc.txt(str);
  }

  path(d: string, opts: { stroke?: string; fill?: string; lineWidth?: number }) {
    const p = this.layer.ele(NS, 'ofd:PathObject', {
      ID: this.id(), Boundary: '0 0 297 210', LineWidth: n(opts.lineWidth ?? 0.25), Stroke: opts.stroke ? 'true' : 'false', Fill: opts.fill ? 'true' : 'false',
    });
    if (opts.fill) p.ele(NS, 'ofd:FillColor', { Value: opts.fill });
    if (opts.stroke) p.ele(NS, 'ofd:StrokeColor', { Value: opts.stroke });
    p.ele(NS, 'ofd:AbbreviatedData').txt(d);
  }
}

const rect = (x: number, y: number, w: number, h: number) => `M ${n(x)} ${n(y)} L ${n(x + w)} ${n(y)} L ${n(x + w)} ${n(y + h)} L ${n(x)} ${n(y + h)} C`;

/** The QR matrix as one filled path (horizontal runs of dark modules). */
function qrPath(text: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const m = size / (count + 2);
  const parts: string[] = [];
  for (let r = 0; r < count; r++) {
    let c = 0;
    while (c < count) {
      if (!qr.modules.get(r, c)) { c++; continue; }
      const start = c;
      while (c < count && qr.modules.get(r, c)) c++;
      parts.push(rect(x + (start + 1) * m, y + (r + 1) * m, (c - start) * m, m));
    }
  }
  return parts.join(' ');
}

const xml = (root: XMLBuilder) => strToU8(root.end({ prettyPrint: false }));
const doc = (name: string, attrs: Record<string, string> = {}) => create({ version: '1.0', encoding: 'UTF-8' }).ele(NS, name, attrs);

/** The certificate's files (everything except the signature files), by path inside the package. */
export function buildOfdFiles(d: OfdCertificateData, sealedAt: Date): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const date = d.issueDate;
  // OFD.xml
  const ofd = doc('ofd:OFD', { Version: '1.1', DocType: 'OFD' });
  const body = ofd.ele(NS, 'ofd:DocBody');
  const info = body.ele(NS, 'ofd:DocInfo');
  info.ele(NS, 'ofd:DocID').txt(createHash('sm3').update(`zhicheng-certificate:${d.certificateNo}`).digest('hex').slice(0, 32));
  info.ele(NS, 'ofd:Title').txt(`专业技术职称证书 ${d.certificateNo}`);
  info.ele(NS, 'ofd:Author').txt(d.issuerName);
  info.ele(NS, 'ofd:CreationDate').txt(date);
  info.ele(NS, 'ofd:Creator').txt('职称申报评审平台');
  info.ele(NS, 'ofd:CreatorVersion').txt('1.0');
  const cds = info.ele(NS, 'ofd:CustomDatas');
  for (const [k, v] of d.metadata) cds.ele(NS, 'ofd:CustomData', { Name: k }).txt(v);
  body.ele(NS, 'ofd:DocRoot').txt('Doc_0/Document.xml');
  body.ele(NS, 'ofd:Signatures').txt(SIGNATURES_XML);
  files.set('OFD.xml', xml(ofd));

  // Document.xml
  const document = doc('ofd:Document');
  const common = document.ele(NS, 'ofd:CommonData');
  common.ele(NS, 'ofd:MaxUnitID').txt('999');
  common.ele(NS, 'ofd:PageArea').ele(NS, 'ofd:PhysicalBox').txt('0 0 297 210');
  common.ele(NS, 'ofd:PublicRes').txt('PublicRes.xml');
  document.ele(NS, 'ofd:Pages').ele(NS, 'ofd:Page', { ID: '1', BaseLoc: 'Pages/Page_0/Content.xml' });
  files.set('Doc_0/Document.xml', xml(document));

  // Fonts: shared text (labels, title, issuer …) and the holder's name.
  const nameChars = new Set([...d.holderName]);
  const shared = new Set<string>();
  for (const [, v] of rows(d)) if (v !== d.holderName) for (const ch of v) shared.add(ch);
  for (const ch of FIXED_TEXT) shared.add(ch);
  const sharedFont = { id: '2', s: sharedSubset(shared) };
  const nameFont = { id: '3', s: subset(loadCjkFonts().regular as unknown as Font, nameChars) };
  const res = doc('ofd:Res', { BaseLoc: 'Res' });
  const fonts = res.ele(NS, 'ofd:Fonts');
  fonts.ele(NS, 'ofd:Font', { ID: '2', FontName: 'NotoSansSC-Regular', FamilyName: 'Noto Sans SC' }).ele(NS, 'ofd:FontFile').txt('font_2.ttf');
  fonts.ele(NS, 'ofd:Font', { ID: '3', FontName: 'NotoSansSC-Regular', FamilyName: 'Noto Sans SC' }).ele(NS, 'ofd:FontFile').txt('font_3.ttf');
  files.set('Doc_0/PublicRes.xml', xml(res));
  files.set('Doc_0/Res/font_2.ttf', sharedFont.s.file);
  files.set('Doc_0/Res/font_3.ttf', nameFont.s.file);

  // The page.
  const pageRoot = doc('ofd:Page');
  const layer = pageRoot.ele(NS, 'ofd:Content').ele(NS, 'ofd:Layer', { ID: '10', Type: 'Body' });
  const page = new Page(layer);
  page.path(rect(8, 8, 281, 194), { stroke: '160 82 45', lineWidth: 1 });
  page.path(rect(11, 11, 275, 188), { stroke: '160 82 45', lineWidth: 0.35 });
  page.text(sharedFont, '专业技术职称证书', 148.5, 30, 10, '139 0 0', { align: 'center' });
  page.text(sharedFont, '（电子证书）', 148.5, 38, 3.8, '85 85 85', { align: 'center' });
  const rx = 24, lw = 36, vw = 140, rh = 9.6;
  let y = 46;
  const grid: string[] = [];
  for (const [label, value] of rows(d)) {
    grid.push(rect(rx, y, lw, rh), rect(rx + lw, y, vw, rh));
    page.text(sharedFont, label, rx + 2, y + 6.6, 3.6, '0 0 0');
    page.text(value === d.holderName && label === '姓名' ? nameFont : sharedFont, value, rx + lw + 2, y + 6.6, 3.6, '0 0 0', { maxWidth: vw - 4 });
    y += rh;
  }
  page.path(grid.join(' '), { stroke: '153 153 153', lineWidth: 0.25 });
  page.path(qrPath(d.qrText, 212, 50, 62), { fill: '0 0 0' });
  page.text(sharedFont, '扫码核验证书真伪', 243, 118, 3.4, '51 51 51', { align: 'center' });
  page.text(sharedFont, '本证书为 OFD 电子证书，加盖 SM2 电子印章（GB/T 38540），可扫码离线核验', 148.5, 194, 3, '85 85 85', { align: 'center' });
  files.set('Doc_0/Pages/Page_0/Content.xml', xml(pageRoot));

  // Signatures.xml (not itself protected: GB/T 33190 §18.1 lists signatures; each Signature.xml protects the rest).
  const sigs = doc('ofd:Signatures');
  sigs.ele(NS, 'ofd:MaxSignId').txt('1');
  sigs.ele(NS, 'ofd:Signature', { ID: '1', Type: 'Seal', BaseLoc: `/${SIGNATURE_XML}` });
  files.set(SIGNATURES_XML, xml(sigs));
  void sealedAt;
  return files;
}

/** GB/T 33190 time format of SignatureDateTime. */
const sigTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Signature.xml: References (SM3 of every protected file), the stamp annotation and where the SES_Signature is. */
export function signatureXml(files: Map<string, Uint8Array>, sealedAt: Date): Uint8Array {
  const s = doc('ofd:Signature');
  const si = s.ele(NS, 'ofd:SignedInfo');
  si.ele(NS, 'ofd:Provider', { ProviderName: '职称申报评审平台', Company: '职称申报评审平台', Version: '1.0' });
  si.ele(NS, 'ofd:SignatureMethod').txt(OID_SM2_WITH_SM3);
  si.ele(NS, 'ofd:SignatureDateTime').txt(sigTime(sealedAt));
  const refs = si.ele(NS, 'ofd:References', { CheckMethod: OID_SM3 });
  for (const [p, bytes] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (p === SIGNATURES_XML) continue;
    refs.ele(NS, 'ofd:Reference', { FileRef: `/${p}` }).ele(NS, 'ofd:CheckValue').txt(sm3b64(bytes));
  }
  const b = STAMP_BOUNDARY;
  si.ele(NS, 'ofd:StampAnnot', { ID: '1', PageRef: '1', Boundary: `${b.x} ${b.y} ${b.w} ${b.h}` });
  s.ele(NS, 'ofd:SignedValue').txt(`/${SIGNED_VALUE}`);
  return xml(s);
}

/** The DER of TBS_Sign for a Signature.xml, seal and time: what the SM2 signature covers. */
export function tbsSignDer(sealDer: Uint8Array, sigXml: Uint8Array, sealedAt: Date): Buffer {
  return der(new TbsSign({
    version: 4,
    eseal: parsedSeal(sealDer),
    timeInfo: sealedAt,
    dataHash: ab(createHash('sm3').update(sigXml).digest()),
    propertyInfo: `/${SIGNATURE_XML}`,
  }));
}

const sealCache = new Map<string, SesSeal>();
function parsedSeal(sealDer: Uint8Array): SesSeal {
  const key = createHash('sha256').update(sealDer).digest('base64');
  let s = sealCache.get(key);
  if (!s) {
    s = AsnParser.parse(sealDer, SesSeal);
    if (sealCache.size > 1000) sealCache.clear();
    sealCache.set(key, s);
  }
  return s;
}

/** What sealing needs to keep: the Signature.xml bytes and the TBS_Sign DER to sign. */
export function prepareSeal(d: OfdCertificateData, sealDer: Uint8Array, sealedAt: Date) {
  const files = buildOfdFiles(d, sealedAt);
  const sigXml = signatureXml(files, sealedAt);
  return { files, sigXml, tbs: tbsSignDer(sealDer, sigXml, sealedAt) };
}

/** The OFD package (ZIP) from the files, the Signature.xml and the SES_Signature parts. */
export function assembleOfd(prep: ReturnType<typeof prepareSeal>, signerCertDer: Uint8Array, signature: Uint8Array, sealedAt: Date): Buffer {
  const ses = new SesSignature({
    toSign: AsnParser.parse(prep.tbs, TbsSign),
    cert: ab(signerCertDer),
    signatureAlgID: OID_SM2_WITH_SM3,
    signature: ab(signature),
  });
  // Keep the signed bytes exactly: splice the original TBS DER into the SES_Signature.
  const sesDer = der(ses);
  const reencoded = firstElementBytes(sesDer);
  const sesBytes = reencoded.equals(prep.tbs) ? sesDer : Buffer.concat([sesDer.subarray(0, sesDer.indexOf(reencoded)), prep.tbs, sesDer.subarray(sesDer.indexOf(reencoded) + reencoded.length)]);
  const entries: Record<string, [Uint8Array, { mtime: Date; level: 0 | 6 }]> = {};
  const mtime = new Date(Math.max(sealedAt.getTime(), Date.UTC(1980, 1, 1)));
  for (const [p, b] of prep.files) entries[p] = [b, { mtime, level: 6 }];
  entries[SIGNATURE_XML] = [prep.sigXml, { mtime, level: 6 }];
  entries[SIGNED_VALUE] = [sesBytes, { mtime, level: 0 }];
  return Buffer.from(zipSync(entries));
}

// ---------- verification (offline: needs only the package and the published keys) ----------

export interface OfdVerification {
  ok: boolean;
  /** Chinese reasons when not ok. */
  problems: string[];
  certificateNo: string | null;
  holderName: string | null;
  keyId: string | null;
  sealName: string | null;
  signedAt: string | null;
  metadata: Record<string, string>;
}

const tagText = (x: string, tag: string) => x.match(new RegExp(`<ofd:${tag}[^>]*>([^<]*)</ofd:${tag}>`))?.[1] ?? null;
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * Checks an OFD e-certificate: every file against its SM3 CheckValue, no unprotected file, Signature.xml against
 * dataHash, the SM2 signature over TBS_Sign with the signer certificate, that certificate against the published keys,
 * and the seal maker's signature.
 */
export function verifyOfd(bytes: Uint8Array, keys: SealPublicKey[]): OfdVerification {
  const out: OfdVerification = { ok: false, problems: [], certificateNo: null, holderName: null, keyId: null, sealName: null, signedAt: null, metadata: {} };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    out.problems.push('文件不是有效的 OFD 包（ZIP 结构损坏）');
    return out;
  }
  const ofdXml = files['OFD.xml'] ? strFromU8(files['OFD.xml']) : null;
  if (!ofdXml) {
    out.problems.push('缺少 OFD.xml');
    return out;
  }
  for (const m of ofdXml.matchAll(/<ofd:CustomData Name="([^"]*)">([^<]*)<\/ofd:CustomData>/g)) out.metadata[unescapeXml(m[1]!)] = unescapeXml(m[2]!);
  out.certificateNo = out.metadata['证照编号'] ?? null;
  out.holderName = out.metadata['持证主体'] ?? null;
  const sigXmlBytes = files[SIGNATURE_XML];
  const sv = files[SIGNED_VALUE];
  if (!sigXmlBytes || !sv) {
    out.problems.push('没有电子签章');
    return out;
  }
  const sigXml = strFromU8(sigXmlBytes);
  const refs = new Map<string, string>();
  for (const m of sigXml.matchAll(/<ofd:Reference FileRef="\/?([^"]+)"><ofd:CheckValue>([^<]+)<\/ofd:CheckValue><\/ofd:Reference>/g)) refs.set(m[1]!, m[2]!);
  for (const [p, b] of Object.entries(files)) {
    if (p === SIGNATURE_XML || p === SIGNED_VALUE || p === SIGNATURES_XML || p.endsWith('/')) continue;
    const want = refs.get(p);
    if (!want) out.problems.push(`文件 ${p} 不在签章保护范围内`);
    else if (want !== sm3b64(b)) out.problems.push(`文件 ${p} 已被修改（SM3 杂凑值不符）`);
  }
  for (const p of refs.keys()) if (!files[p]) out.problems.push(`缺少受保护的文件 ${p}`);
  let ses: SesSignature;
  try {
    ses = parseSesSignature(sv);
  } catch {
    out.problems.push('签章数据（SignedValue.dat）无法解析');
    return out;
  }
  const tbs = ses.toSign;
  out.signedAt = tbs.timeInfo.toISOString();
  out.sealName = tbs.eseal.eSealInfo.property.name;
  if (!Buffer.from(tbs.dataHash).equals(createHash('sm3').update(sigXmlBytes).digest())) out.problems.push('签名描述文件 Signature.xml 已被修改');
  if (tbs.propertyInfo !== `/${SIGNATURE_XML}`) out.problems.push('签章所指的签名描述文件不符');
  const certDer = Buffer.from(ses.cert);
  const key = keys.find((k) => k.certificateDer.equals(certDer));
  if (!key) out.problems.push('签章证书不是本平台公布的签章证书');
  else out.keyId = key.keyId;
  try {
    const pub = certificatePublicKeyHex(certDer);
    if (!sm2Verify(firstElementBytes(sv), new Uint8Array(ses.signature), pub)) out.problems.push('SM2 签名验证失败');
  } catch {
    out.problems.push('签章证书无法解析');
  }
  if (!verifySealMaker(tbs.eseal)) out.problems.push('电子印章的制章者签名验证失败');
  out.ok = out.problems.length === 0;
  return out;
}

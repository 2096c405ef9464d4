/** P-01: the certificate contract shared by the API and the SPA. */

/** What the public verification answers: the minimum (masked ID, no phone, no internal ids). */
export interface PublicCertificateView {
  certificateNo: string;
  holderName: string;
  holderIdCard: string;
  titleName: string;
  titleLevel: string;
  professionName: string;
  qualificationDate: string;
  approvalDocNo: string;
  committeeName: string;
  issuerName: string;
  issueDate: string;
  status: 'valid' | 'revoked';
  statusLabel: string;
  revokedAt: string | null;
  signatureValid: boolean;
  signatureLabel: string;
}

/**
 * P-05: the signed data carried by the e-certificate's QR code, so that it verifies without a server. The QR text is
 * the online link with the signed payload in the fragment (never sent to a server by a browser):
 *
 *   <base>/verify?code=<verification code>#zc1.<base64url(payload JSON)>.<base64url(SM2 signature, DER)>
 *
 * The payload is a JSON array in this fixed order; the signature is SM2 (GB/T 32918, signer ID 1234567812345678,
 * SM3) with the platform's published seal key `keyId` over the UTF-8 bytes of the payload JSON as it stands.
 */
export const QR_PAYLOAD_VERSION = 'zc1';
export interface QrPayload {
  keyId: string;
  certificateNo: string;
  holderName: string;
  maskedIdCard: string;
  titleName: string;
  levelLabel: string;
  issuerName: string;
  issueDate: string;
}
const QR_FIELDS: (keyof QrPayload)[] = ['keyId', 'certificateNo', 'holderName', 'maskedIdCard', 'titleName', 'levelLabel', 'issuerName', 'issueDate'];

export function encodeQrPayload(p: QrPayload): string {
  return JSON.stringify([QR_PAYLOAD_VERSION, ...QR_FIELDS.map((k) => p[k])]);
}

export function decodeQrPayload(json: string): QrPayload | null {
  try {
    const a = JSON.parse(json) as unknown;
    if (!Array.isArray(a) || a[0] !== QR_PAYLOAD_VERSION || a.length !== QR_FIELDS.length + 1 || !a.every((v) => typeof v === 'string')) return null;
    return Object.fromEntries(QR_FIELDS.map((k, i) => [k, a[i + 1]])) as unknown as QrPayload;
  } catch {
    return null;
  }
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The QR text (or only its fragment) → the signed bytes, the signature and the verification code of the link. */
export function splitQrText(text: string): { code: string | null; payloadJson: string; payloadBytes: Uint8Array; signature: Uint8Array } | null {
  const t = text.trim();
  const hash = t.includes('#') ? t.slice(t.indexOf('#') + 1) : t;
  const m = /^zc1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return null;
  const payloadBytes = base64UrlDecode(m[1]!);
  const signature = base64UrlDecode(m[2]!);
  if (!payloadBytes || !signature) return null;
  const code = /[?&]code=([0-9A-Za-z]+)/.exec(t.split('#')[0]!)?.[1] ?? null;
  return { code, payloadJson: new TextDecoder().decode(payloadBytes), payloadBytes, signature };
}

export function qrText(baseUrl: string, verificationCode: string, payloadJson: string, signature: Uint8Array): string {
  return `${baseUrl.replace(/\/$/, '')}/verify?code=${verificationCode}#${QR_PAYLOAD_VERSION}.${base64UrlEncode(new TextEncoder().encode(payloadJson))}.${base64UrlEncode(signature)}`;
}

/**
 * A-12 证书编号生成: the number pool of one issuer code and year. A number is
 * `{issuerCode:4}{year:4}{levelDigit:1}{seq:6}`; the sequence runs from `startSeq` and the pool hands out `nextSeq`
 * next (it grows by itself by `extendBy` when the range is used up).
 */
export interface NumberPool {
  issuerCode: string;
  issuerName: string;
  year: number;
  startSeq: number;
  endSeq: number;
  nextSeq: number;
  /** numbers handed out so far (nextSeq − startSeq) */
  used: number;
  /** numbers left in the range before it extends itself */
  remaining: number;
  extendBy: number;
  /** the first and the last number of the range, with the level digit shown as `X` */
  firstNo: string;
  lastNo: string;
}

/** 生成号段: a new pool with its range, or a longer range for an existing one (only `endSeq` then). */
export interface GenerateNumberRange {
  issuerCode: string;
  year: number;
  /** first sequence of a new pool (default 1); an existing pool keeps its own */
  startSeq?: number;
  endSeq: number;
}

/** The highest sequence a certificate number holds in its six digits. */
export const NUMBER_SEQ_MAX = 999_999;

/** A certificate numbered from a pool (used numbers). */
export interface PoolCertificate {
  id: string;
  certificateNo: string;
  holderName: string;
  titleName: string;
  issueDate: string;
  status: 'valid' | 'revoked';
}

/** `{issuerCode}{year}X{seq:6}`: a pool's number with the level digit left open. */
export function poolNumberPattern(issuerCode: string, year: number, seq: number): string {
  return `${issuerCode}${year}X${String(seq).padStart(6, '0')}`;
}

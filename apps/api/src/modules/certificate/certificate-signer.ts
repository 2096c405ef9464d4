import { Inject, Injectable } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { Certificate } from './entities/certificate.entity.js';

export const SIGNED_PAYLOAD_VERSION = 1;

/** Signature checks remembered (see `verify`). */
const VERIFY_CACHE_SIZE = 20_000;

/**
 * The signed payload, version 1: the certificate's public data in a fixed key order (canonical JSON:
 * keys sorted, no whitespace). `holderIdCardHash` binds the holder's ID number without exposing it.
 * Status (valid/revoked) is not signed: it is the live state, not certificate data.
 */
export function canonicalPayload(c: Pick<Certificate,
  'certificateNo' | 'verificationCode' | 'holderName' | 'holderIdCardHash' | 'titleName' | 'seriesCode' | 'professionName' |
  'titleLevel' | 'qualificationDate' | 'approvalDocNo' | 'committeeName' | 'issuerName' | 'issuerCode' | 'issueDate' | 'kind' | 'hasECertificate'>): string {
  const p: Record<string, unknown> = {
    v: SIGNED_PAYLOAD_VERSION,
    approvalDocNo: c.approvalDocNo,
    certificateNo: c.certificateNo,
    committeeName: c.committeeName,
    hasECertificate: c.hasECertificate,
    holderIdCardHash: c.holderIdCardHash,
    holderName: c.holderName,
    issueDate: c.issueDate,
    issuerCode: c.issuerCode,
    issuerName: c.issuerName,
    kind: c.kind,
    professionName: c.professionName,
    qualificationDate: c.qualificationDate,
    seriesCode: c.seriesCode,
    titleLevel: c.titleLevel,
    titleName: c.titleName,
    verificationCode: c.verificationCode,
  };
  const keys = Object.keys(p).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, p[k]])));
}

/** A signing key's id: the first 16 hex digits of SHA-256 over its public key (SPKI DER). */
export function certificateKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/**
 * Ed25519 signatures over the canonical payload; the public key is published for verifiers. Rotation: new
 * certificates are signed with CERT_SIGNING_KEY; signatures by the retired keys of CERT_SIGNING_KEYS_OLD still verify.
 */
@Injectable()
export class CertificateSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** The current key first, then the retired ones: `{ id, key }`. */
  readonly verifyKeys: { id: string; key: KeyObject }[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.privateKey = createPrivateKey(config.certSigningKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.verifyKeys = [this.publicKey, ...(config.certVerifyKeysOldPem ?? []).map((pem) => createPublicKey(pem))].map((key) => ({ id: certificateKeyId(key), key }));
  }

  sign(c: Parameters<typeof canonicalPayload>[0]): string {
    return sign(null, Buffer.from(canonicalPayload(c), 'utf8'), this.privateKey).toString('base64');
  }

  /**
   * Answers whether the signature matches the row's data. The public verification checks the same certificates
   * again and again, so results are remembered by (payload, signature) — an exact key: any change of the data or of
   * the signature is a different key and is verified afresh. Bounded (oldest entries evicted first).
   */
  verify(c: Parameters<typeof canonicalPayload>[0] & { signature: string }): boolean {
    const payload = canonicalPayload(c);
    const key = `${c.signature}\n${payload}`;
    const known = this.verified.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    try {
      const data = Buffer.from(payload, 'utf8');
      const sig = Buffer.from(c.signature, 'base64');
      ok = this.verifyKeys.some(({ key }) => verify(null, data, key, sig));
    } catch {
      ok = false;
    }
    if (this.verified.size >= VERIFY_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, ok);
    return ok;
  }

  private readonly verified = new Map<string, boolean>();
}

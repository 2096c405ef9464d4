/**
 * SM2 signatures (GB/T 32918.2) over SM3 (GB/T 32905), as used by the electronic seal (GB/T 38540).
 *
 * A thin wrapper over the maintained `sm-crypto-v2` library (which builds on noble-curves); this file adds only
 * the byte formats the rest of the project needs:
 *   - signatures are DER `SEQUENCE { r INTEGER, s INTEGER }` (what GB/T 35276 and OpenSSL use);
 *   - the signer ID defaults to the standard `1234567812345678` (GB/T 35276 §5.1), so the message is hashed as
 *     SM3(Z_A || M) with Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA);
 *   - public keys are exchanged as uncompressed points in hex (`04 || X || Y`) or as PEM SubjectPublicKeyInfo
 *     (id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301), which OpenSSL 3 reads as an SM2 key.
 *
 * Interop (checked in sm2.spec.ts with the real openssl binary):
 *   openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -digest sm3 \
 *     -pkeyopt distid:1234567812345678 -in data.bin -sigfile sig.der
 *
 * Private keys are 32-byte scalars in hex. Keep them out of logs; production signing belongs in a certified
 * device or service (see `Sm2Signer` in modules/certificates/seal/signer.ts).
 */
import { sm2, sm3 as sm3Hex } from 'sm-crypto-v2';

/** GB/T 35276 default user ID for SM2 signatures. */
export const SM2_DEFAULT_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** 32-byte private scalar, 64 hex characters. */
  privateKeyHex: string;
  /** Uncompressed public point `04 || X || Y`, 130 hex characters. */
  publicKeyHex: string;
}

/** DER prefix of SubjectPublicKeyInfo { id-ecPublicKey, sm2 curve } followed by the BIT STRING header of a 65-byte point. */
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

const toBytes = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** A fresh random key pair (CSPRNG of the platform). */
export function generateSm2KeyPair(): Sm2KeyPair {
  const kp = sm2.generateKeyPairHex();
  return { privateKeyHex: kp.privateKey, publicKeyHex: kp.publicKey };
}

/** The public key belonging to a private key. */
export function sm2PublicKeyOf(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex);
}

/**
 * Signs `data` (UTF-8 if a string): SM3 with Z_A of the signer ID, then SM2. Returns the DER signature.
 * Pass `publicKeyHex` when known: it saves deriving it from the private key on every call.
 */
export function sm2Sign(data: Uint8Array | string, privateKeyHex: string, opts: { publicKeyHex?: string; id?: string } = {}): Buffer {
  const hex = sm2.doSignature(toBytes(data), privateKeyHex, {
    der: true,
    hash: true,
    publicKey: opts.publicKeyHex ?? sm2PublicKeyOf(privateKeyHex),
    userId: opts.id ?? SM2_DEFAULT_ID,
  });
  return Buffer.from(hex, 'hex');
}

/** Verifies a DER SM2 signature over `data` with the signer ID (default 1234567812345678). Never throws on bad input. */
export function sm2Verify(data: Uint8Array | string, signatureDer: Uint8Array, publicKeyHex: string, opts: { id?: string } = {}): boolean {
  try {
    return sm2.doVerifySignature(toBytes(data), Buffer.from(signatureDer).toString('hex'), publicKeyHex, {
      der: true,
      hash: true,
      userId: opts.id ?? SM2_DEFAULT_ID,
    });
  } catch {
    return false;
  }
}

/** SM3 digest (32 bytes). */
export function sm3(data: Uint8Array | string): Buffer {
  return Buffer.from(sm3Hex(toBytes(data)), 'hex');
}

/** DER SubjectPublicKeyInfo of an SM2 public key (what goes into an X.509 certificate or a PEM file). */
export function sm2PublicKeySpki(publicKeyHex: string): Buffer {
  const point = Buffer.from(publicKeyHex, 'hex');
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('SM2 public key must be an uncompressed point (04||X||Y)');
  return Buffer.concat([SPKI_PREFIX, point]);
}

/** PEM `PUBLIC KEY` (SubjectPublicKeyInfo) of an SM2 public key, as OpenSSL 3 reads it. */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const b64 = sm2PublicKeySpki(publicKeyHex).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}

/** The uncompressed point of an SM2 public key given as PEM or DER SubjectPublicKeyInfo. */
export function sm2PublicKeyFromSpki(spki: string | Uint8Array): string {
  const der = typeof spki === 'string' ? Buffer.from(spki.replace(/-----[^-]+-----|\s/g, ''), 'base64') : Buffer.from(spki);
  if (der.length !== SPKI_PREFIX.length + 65 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new Error('not an SM2 SubjectPublicKeyInfo');
  }
  return der.subarray(SPKI_PREFIX.length).toString('hex');
}

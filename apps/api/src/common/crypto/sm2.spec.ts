import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SM2_DEFAULT_ID, generateSm2KeyPair, sm2PublicKeyFromSpki, sm2PublicKeyOf, sm2PublicKeyPem, sm2Sign, sm2Verify, sm3,
} from './sm2.js';

/** Runs the system openssl (OpenSSL 3); returns stdout, or throws with its stderr. */
const openssl = (args: string[], input?: Buffer): string => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

describe('SM2 wrapper checked against OpenSSL 3', () => {
  let dir: string;
  beforeAll(() => {
    expect(openssl(['version'])).toMatch(/^OpenSSL 3\./);
    dir = mkdtempSync(join(tmpdir(), `sm2-${process.env.ZC_TEST_RUN ?? 'x'}-`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verifyWithOpenssl = (pem: string, data: Buffer, sig: Buffer, id = SM2_DEFAULT_ID): boolean => {
    writeFileSync(join(dir, 'pub.pem'), pem);
    writeFileSync(join(dir, 'data.bin'), data);
    writeFileSync(join(dir, 'sig.der'), sig);
    try {
      const out = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-rawin', '-digest', 'sm3',
        '-pkeyopt', `distid:${id}`, '-in', join(dir, 'data.bin'), '-sigfile', join(dir, 'sig.der')]);
      return /Signature Verified Successfully/.test(out);
    } catch {
      return false;
    }
  };

  it('OpenSSL verifies our signatures with the standard signer ID, and rejects a changed byte or another ID', () => {
    const kp = generateSm2KeyPair();
    expect(kp.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(kp.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyOf(kp.privateKeyHex)).toBe(kp.publicKeyHex);
    const data = Buffer.from('证书编号 GC2026000001 张三 高级工程师', 'utf8');
    const sig = sm2Sign(data, kp.privateKeyHex, { publicKeyHex: kp.publicKeyHex });
    expect(sig[0]).toBe(0x30);
    const pem = sm2PublicKeyPem(kp.publicKeyHex);
    // OpenSSL reads the PEM as an SM2 key
    writeFileSync(join(dir, 'k.pem'), pem);
    expect(openssl(['pkey', '-pubin', '-in', join(dir, 'k.pem'), '-text', '-noout'])).toMatch(/SM2/);
    expect(verifyWithOpenssl(pem, data, sig)).toBe(true);
    const changed = Buffer.from(data);
    changed[3] ^= 1;
    expect(verifyWithOpenssl(pem, changed, sig)).toBe(false);
    expect(verifyWithOpenssl(pem, data, sig, '8765432187654321')).toBe(false);
    expect(sm2Verify(data, sig, kp.publicKeyHex)).toBe(true);
    expect(sm2Verify(changed, sig, kp.publicKeyHex)).toBe(false);
    expect(sm2Verify(data, Buffer.from('3000', 'hex'), kp.publicKeyHex)).toBe(false);
  });

  it('verifies signatures made by OpenSSL with its own key', () => {
    writeFileSync(join(dir, 'priv.pem'), openssl(['genpkey', '-algorithm', 'SM2']));
    const pubPem = openssl(['pkey', '-in', join(dir, 'priv.pem'), '-pubout']);
    const data = Buffer.from('由 OpenSSL 签名的数据');
    writeFileSync(join(dir, 'd2.bin'), data);
    openssl(['pkeyutl', '-sign', '-inkey', join(dir, 'priv.pem'), '-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${SM2_DEFAULT_ID}`,
      '-in', join(dir, 'd2.bin'), '-out', join(dir, 's2.der')]);
    const sig = readFileSync(join(dir, 's2.der'));
    const pub = sm2PublicKeyFromSpki(pubPem);
    expect(sm2PublicKeyPem(pub).replace(/\s/g, '')).toBe(pubPem.replace(/\s/g, ''));
    expect(sm2Verify(data, sig, pub)).toBe(true);
    expect(sm2Verify(Buffer.from('其他数据'), sig, pub)).toBe(false);
  });

  it('produces the same SPKI as node:crypto for an SM2 key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(sm2PublicKeyPem(sm2PublicKeyFromSpki(der)).replace(/\s/g, '')).toBe(
      (publicKey.export({ type: 'spki', format: 'pem' }) as string).replace(/\s/g, ''));
    expect(() => sm2PublicKeyFromSpki(Buffer.from('3000', 'hex'))).toThrow('not an SM2');
  });

  it('computes SM3 like OpenSSL', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3(Buffer.from('abc')).equals(createHash('sm3').update('abc').digest())).toBe(true);
  });
});

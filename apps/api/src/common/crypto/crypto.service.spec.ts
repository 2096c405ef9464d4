import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { CryptoService } from './crypto.service.js';
import type { AppConfig } from '../../config/config.js';

const config = { dataKeyHex: '00112233445566778899aabbccddeeff', indexKeyHex: 'ab'.repeat(32) } as AppConfig;

describe('personal data at rest (SM4 + HMAC-SM3)', () => {
  const c = new CryptoService(config);
  it('encrypts with a random IV and decrypts back', () => {
    const a = c.encrypt('11010519491231002X');
    const b = c.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051949');
    expect(c.decrypt(a)).toBe('11010519491231002X');
  });
  it('detects tampering', () => {
    const parts = c.encrypt('13800138000').split('.');
    const ct = Buffer.from(parts[2]!, 'base64');
    ct[0] = ct[0]! ^ 1;
    parts[2] = ct.toString('base64');
    expect(() => c.decrypt(parts.join('.'))).toThrow('ciphertext tampered');
  });
  it('reads ciphertexts from before key ids (v1), under the current or a retired key', () => {
    const v1 = (hex: string, plain: string) => {
      const key = Buffer.from(hex, 'hex');
      const mac = createHmac('sm3', key).update('mac').digest();
      const iv = randomBytes(16);
      const c2 = createCipheriv('sm4-cbc', key, iv);
      const ct2 = Buffer.concat([c2.update(plain, 'utf8'), c2.final()]);
      return `v1.${iv.toString('base64')}.${ct2.toString('base64')}.${createHmac('sm3', mac).update(iv).update(ct2).digest().toString('base64')}`;
    };
    expect(c.decrypt(v1(config.dataKeyHex, '13800138000'))).toBe('13800138000');
    const rotated = new CryptoService({ ...config, dataKeyHex: 'ff'.repeat(16), dataKeysOldHex: [config.dataKeyHex] });
    expect(rotated.decrypt(v1(config.dataKeyHex, '13800138000'))).toBe('13800138000');
    expect(rotated.decrypt(c.encrypt('x1'))).toBe('x1');
    expect(rotated.encrypt('x2').startsWith(`v2.${rotated.currentKeyId}.`)).toBe(true);
    expect(() => c.decrypt(rotated.encrypt('x3'))).toThrow(/unknown data key/);
  });
  it('gives a stable keyed blind index', () => {
    expect(c.blindIndex('13800138000')).toBe(c.blindIndex('13800138000'));
    expect(c.blindIndex('13800138000')).not.toBe(new CryptoService({ ...config, indexKeyHex: 'cd'.repeat(32) }).blindIndex('13800138000'));
  });
  it('hashes passwords with scrypt and verifies them', async () => {
    const h = await c.hashPassword('Demo@2026');
    expect(await c.verifyPassword('Demo@2026', h)).toBe(true);
    expect(await c.verifyPassword('Demo@2027', h)).toBe(false);
  });
});

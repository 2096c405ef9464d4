import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * Personal data at rest: SM4-CBC with a random IV, then HMAC-SM3 over IV and ciphertext
 * (encrypt-then-MAC, since node:crypto has no SM4-GCM). Lookups use an HMAC-SM3 blind index.
 */
@Injectable()
export class CryptoService {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.encKey = Buffer.from(config.dataKeyHex, 'hex');
    this.macKey = createHmac('sm3', this.encKey).update('mac').digest();
    this.indexKey = Buffer.from(config.indexKeyHex, 'hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', this.encKey, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const mac = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    return `v1.${iv.toString('base64')}.${ct.toString('base64')}.${mac.toString('base64')}`;
  }

  decrypt(token: string): string {
    const [v, ivB, ctB, macB] = token.split('.');
    if (v !== 'v1' || !ivB || !ctB || !macB) throw new Error('bad ciphertext');
    const iv = Buffer.from(ivB, 'base64');
    const ct = Buffer.from(ctB, 'base64');
    const mac = createHmac('sm3', this.macKey).update(iv).update(ct).digest();
    if (!timingSafeEqual(mac, Buffer.from(macB, 'base64'))) throw new Error('ciphertext tampered');
    const d = createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for exact-match lookup and uniqueness of personal identifiers. */
  blindIndex(value: string): string {
    return createHmac('sm3', this.indexKey).update(value).digest('hex');
  }

  /** Unkeyed hash for opaque tokens (refresh, reset) stored server-side. */
  static tokenHash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  static randomToken(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }

  async hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, 32, SCRYPT);
    return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verifyPassword(password: string, stored: string): Promise<boolean> {
    const [alg, saltB, keyB] = stored.split('$');
    if (alg !== 'scrypt' || !saltB || !keyB) return false;
    const key = await scryptAsync(password, Buffer.from(saltB, 'base64'), 32, SCRYPT);
    const expected = Buffer.from(keyB, 'base64');
    return expected.length === key.length && timingSafeEqual(expected, key);
  }
}

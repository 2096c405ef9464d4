import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** One data key: its id (named in every ciphertext it makes), the SM4 key and the MAC key derived from it. */
interface DataKey {
  id: string;
  enc: Buffer;
  mac: Buffer;
}

function dataKey(hex: string): DataKey {
  const enc = Buffer.from(hex, 'hex');
  return {
    id: createHmac('sm3', enc).update('key-id').digest('hex').slice(0, 8),
    enc,
    mac: createHmac('sm3', enc).update('mac').digest(),
  };
}

/** The id of a data key as ciphertexts name it (`v2.<id>.…`), for operators and the rotation command. */
export function dataKeyId(hex: string): string {
  return dataKey(hex).id;
}

/**
 * Personal data at rest: SM4-CBC with a random IV, then HMAC-SM3 over key id, IV and ciphertext
 * (encrypt-then-MAC, since node:crypto has no SM4-GCM). Lookups use an HMAC-SM3 blind index.
 *
 * Key rotation: a ciphertext names its key (`v2.<key id>.<iv>.<ct>.<mac>`). New data is encrypted with `DATA_KEY`;
 * `DATA_KEYS_OLD` lists retired keys that still decrypt, until `cli.js rotate-data-key` has re-encrypted everything
 * under the current key. Ciphertexts from before key ids (`v1.<iv>.<ct>.<mac>`) are tried with every key (the MAC tells).
 */
@Injectable()
export class CryptoService {
  private readonly current: DataKey;
  private readonly keys: DataKey[];
  private readonly indexKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.current = dataKey(config.dataKeyHex);
    this.keys = [this.current, ...(config.dataKeysOldHex ?? []).map(dataKey)];
    this.indexKey = Buffer.from(config.indexKeyHex, 'hex');
  }

  /** The id of the key new data is encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plain: string): string {
    const k = this.current;
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', k.enc, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    const mac = createHmac('sm3', k.mac).update(`v2.${k.id}.`).update(iv).update(ct).digest();
    return `v2.${k.id}.${iv.toString('base64')}.${ct.toString('base64')}.${mac.toString('base64')}`;
  }

  decrypt(token: string): string {
    const parts = token.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, id, ivB, ctB, macB] = parts as [string, string, string, string, string];
      const k = this.keys.find((x) => x.id === id);
      if (!k) throw new Error(`ciphertext of an unknown data key ${id}`);
      const iv = Buffer.from(ivB, 'base64');
      const ct = Buffer.from(ctB, 'base64');
      const mac = createHmac('sm3', k.mac).update(`v2.${id}.`).update(iv).update(ct).digest();
      if (!timingSafeEqual(mac, Buffer.from(macB, 'base64'))) throw new Error('ciphertext tampered');
      return this.open(k, iv, ct);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, ivB, ctB, macB] = parts as [string, string, string, string];
      const iv = Buffer.from(ivB, 'base64');
      const ct = Buffer.from(ctB, 'base64');
      const given = Buffer.from(macB, 'base64');
      for (const k of this.keys) {
        const mac = createHmac('sm3', k.mac).update(iv).update(ct).digest();
        if (mac.length === given.length && timingSafeEqual(mac, given)) return this.open(k, iv, ct);
      }
      throw new Error('ciphertext tampered');
    }
    throw new Error('bad ciphertext');
  }

  /** Whether a ciphertext is already under the current key (the rotation command skips those). */
  isCurrent(token: string): boolean {
    return token.startsWith(`v2.${this.current.id}.`);
  }

  private open(k: DataKey, iv: Buffer, ct: Buffer): string {
    const d = createDecipheriv('sm4-cbc', k.enc, iv);
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

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = B32.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) — what every authenticator app speaks. */
export function totpAt(secret: string, timeMs: number): string {
  const counter = Math.floor(timeMs / 30000);
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', base32Decode(secret)).update(buf).digest();
  const offset = h[h.length - 1]! & 0xf;
  const code = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

/** Accepts the current step and one step either side, for clock drift. */
export function verifyTotp(secret: string, code: string, nowMs = Date.now()): boolean {
  return totpStep(secret, code, nowMs) !== null;
}

/**
 * The time step (30 s since the epoch) whose code `code` is, within one step of drift, or null. The caller stores
 * the step it accepted and refuses that step and earlier ones afterwards (RFC 6238 §5.2: a code is used once).
 * TOTP runs on the real clock (the authenticator app's), never the business clock.
 */
export function totpStep(secret: string, code: string, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  let found: number | null = null;
  for (const drift of [-1, 0, 1]) {
    const at = nowMs + drift * 30000;
    const expected = Buffer.from(totpAt(secret, at));
    if (timingSafeEqual(expected, Buffer.from(code))) found = Math.floor(at / 30000);
  }
  return found;
}

export function otpauthUrl(secret: string, account: string): string {
  return `otpauth://totp/${encodeURIComponent('职称评审:' + account)}?secret=${secret}&issuer=${encodeURIComponent('职称评审')}`;
}

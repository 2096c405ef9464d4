import { base32Decode, base32Encode, totpAt, verifyTotp } from './totp.js';

describe('TOTP (RFC 6238) for the admins\' second factor', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (6-digit truncation of the published 8-digit values).
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s', (t, code) => {
    expect(totpAt(secret, t * 1000)).toBe(code);
  });

  it('accepts one step of clock drift and nothing more', () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(secret, totpAt(secret, now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, totpAt(secret, now - 90_000), now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });

  it('round-trips base32', () => {
    const buf = Buffer.from([0, 1, 2, 250, 255, 17]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });
});

import {
  creditCodeCheckChar,
  idCardCheckChar,
  maskEmail,
  maskIdCard,
  maskMobile,
  validateCreditCode,
  validateIdCard,
  validateMobile,
  validatePassword,
} from './validators.js';

describe('GB 11643 ID card numbers (H-01)', () => {
  it.each(['11010519491231002X', '11010519491231002x', '320102199003071239', '34052419800101001X'])('accepts the valid number %s', (v) => {
    expect(validateIdCard(v)).toBeNull();
  });

  it('computes the check character of the standard example', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['110105194912310021', '身份证号校验位不正确，请核对后重新输入'],
    ['11010519491231002', '身份证号应为18位，前17位为数字，最后一位为数字或X'],
    ['1101051949123100XX', '身份证号应为18位，前17位为数字，最后一位为数字或X'],
    ['110105194902300024', '身份证号中的出生日期无效'],
    ['110105209901010016', '身份证号中的出生日期无效'],
  ])('refuses %s with a Chinese reason', (v, msg) => {
    expect(validateIdCard(v)).toBe(msg);
  });
});

describe('GB 32100 unified social credit codes (U-01)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('accepts the published code %s', (v) => {
    expect(validateCreditCode(v)).toBeNull();
  });

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y44', /校验位不正确/],
    ['91350100M00010OY43', /只能包含数字和大写字母/],
    ['9135010', /应为18位/],
    ['91ABCDEFM000100Y43', /行政区划码/],
  ])('refuses %s', (v, re) => {
    expect(validateCreditCode(v)).toMatch(re);
  });
});

describe('password policy and contact details', () => {
  it.each(['Abcdefg1', 'abcdef1!', 'ABCDEF1!', 'Demo@2026'])('accepts %s (3 of 4 classes, 8+ chars)', (v) => {
    expect(validatePassword(v)).toBeNull();
  });
  it.each([
    ['Abc1!', /至少8位/],
    ['abcdefgh', /至少三种/],
    ['abcdefg1', /至少三种/],
  ])('refuses %s', (v, re) => {
    expect(validatePassword(v)).toMatch(re);
  });
  it('validates mainland mobile numbers', () => {
    expect(validateMobile('13800138000')).toBeNull();
    expect(validateMobile('12800138000')).not.toBeNull();
    expect(validateMobile('1380013800')).not.toBeNull();
  });
  it('masks ID and mobile numbers for lists and public answers', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110***********002X');
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskIdCard(null)).toBe('');
    expect(maskEmail('wang.xiaoming@example.com')).toBe('wa***@example.com');
    expect(maskEmail('w@example.com')).toBe('w***@example.com');
    expect(maskEmail('no-at-sign')).toBe('********');
  });
});

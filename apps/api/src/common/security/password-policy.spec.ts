import { passwordPersonalProblem } from '@zhicheng/contracts';
import { COMMON_PASSWORD_COUNT, isCommonPassword, namePinyin } from './password-policy.js';

describe('password policy (issue 13)', () => {
  it('ships a common-password list of at least 10,000 entries', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
  });
  it.each(['123456', 'Password', 'PASSWORD1', 'Password1!', 'qwerty123', 'iloveyou', 'P@ssw0rd'])('%s is common', (p) => {
    expect(isCommonPassword(p)).toBe(true);
  });
  it.each(['Demo@2026', 'Xu#Lan2026q', 'Own#Choice2026', 'Committee@2026'])('%s is not', (p) => {
    expect(isCommonPassword(p)).toBe(false);
  });
  it('turns a Chinese name into its syllables (ü as v), and ignores other names', () => {
    expect(namePinyin('张三丰')).toEqual(['zhang', 'san', 'feng']);
    expect(namePinyin('吕布')).toEqual(['lv', 'bu']);
    expect(namePinyin('John')).toEqual([]);
    expect(namePinyin(null)).toEqual([]);
  });
  it('refuses the owner’s own data, without case', () => {
    const owner = { username: 'wangxm', idCard: '11010519491231002X', mobile: '13912345678', namePinyin: ['wang', 'xiao', 'ming'] };
    expect(passwordPersonalProblem('Ab#WANGXM1', owner)).toMatch(/用户名/);
    expect(passwordPersonalProblem('Ab#31002x', owner)).toMatch(/身份证/);
    expect(passwordPersonalProblem('X#13912345678', owner)).toMatch(/手机/);
    expect(passwordPersonalProblem('Wangxiaoming#1', owner)).toMatch(/拼音/);
    expect(passwordPersonalProblem('Xiaoming#2026', owner)).toMatch(/拼音/);
    expect(passwordPersonalProblem('Kite#Lantern9', owner)).toBeNull();
  });
});

import { lockedRowsChanged, stripLocked, submissionErrors } from './declaration-rules.js';

const row = { school: '南京大学', major: '电子', educationLevel: '本科', degree: '学士', startDate: '2008-09-01', endDate: '2012-07-01', diplomaNo: '1', highest: true };

describe('declaration rules', () => {
  it('H-04 keeps locked education rows: unchanged rows in any order pass', () => {
    expect(lockedRowsChanged([row], [{ ...row, _locked: true }, { school: 'x' }])).toBe(false);
    expect(lockedRowsChanged([], [{ school: 'x' }])).toBe(false);
  });

  it('H-04 refuses deleting, changing or forging a locked education row', () => {
    expect(lockedRowsChanged([row], [{ school: 'x' }])).toBe(true);
    expect(lockedRowsChanged([row], [{ ...row, major: '机械', _locked: true }])).toBe(true);
    expect(lockedRowsChanged([], [{ ...row, _locked: true }])).toBe(true);
  });

  it('strips the locked rows before writing the person’s education', () => {
    expect(stripLocked([{ ...row, _locked: true }, { school: 'x', _locked: false }])).toEqual([{ school: 'x' }]);
    expect(stripLocked(undefined)).toEqual([]);
  });

  it('H-07 lists every problem with its module and field', () => {
    const t = (moduleKey: string, required = true, attachmentRequired = false) => ({ moduleKey, required, attachmentRequired, attachmentMaxBytes: 512000 });
    const errs = submissionErrors([t('basic_info'), t('work_summary'), t('papers'), t('rewards_punishments', false)], {});
    expect(errs['modules.basic_info.gender']).toBe('请填写性别');
    expect(errs['modules.basic_info._files.idCardFront']).toContain('身份证正面');
    expect(errs['modules.work_summary.text']).toBe('请填写工作总结');
    expect(errs['modules.papers._']).toBe('请填写论文论著');
    expect(Object.keys(errs).some((k) => k.startsWith('modules.rewards_punishments'))).toBe(false);
  });
});

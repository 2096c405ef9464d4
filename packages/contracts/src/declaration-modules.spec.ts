import { MODULE_BY_KEY, moduleFileIds, moduleIsFilled, validateModuleValue } from './declaration-modules.js';

const FILE = '3f1c1b9e-2d7a-4c53-9a51-0f6c2b1d9e01';
const edu = MODULE_BY_KEY['education']!;

describe('declaration modules (H-04)', () => {
  it('a draft accepts half-filled rows; submission requires what is starred', () => {
    const rows = [{ school: '南京大学' }];
    expect(validateModuleValue(edu, rows, false)).toEqual({});
    const full = validateModuleValue(edu, rows, true);
    expect(full['0.major']).toBe('请填写所学专业');
    expect(full['0.diplomaNo']).toBe('学历证书编号、学位证书编号二者至少填写一项');
  });

  it('a diploma number requires its PDF, a degree number its own', () => {
    const row = { school: '南京大学', major: '电子工程', educationLevel: '本科', degree: '学士', startDate: '2008-09-01', endDate: '2012-06-30', diplomaNo: '102841201205000123', degreeNo: '1028442012000456', highest: true, _files: { diplomaFile: FILE } };
    const errs = validateModuleValue(edu, [row], true);
    expect(errs).toEqual({ '0._files.degreeFile': '填写了学位证书编号，请上传学位证书（PDF）' });
    expect(validateModuleValue(edu, [{ ...row, _files: { diplomaFile: FILE, degreeFile: FILE } }], true)).toEqual({});
  });

  it('seed 002: a certificate number without its PDF neither saves (draft) nor submits', () => {
    const row = { school: '南京大学', diplomaNo: '102841201205000123' };
    expect(validateModuleValue(edu, [row], false)).toEqual({ '0._files.diplomaFile': '填写了学历证书编号，请上传学历证书（PDF）' });
    expect(validateModuleValue(edu, [{ ...row, _files: { diplomaFile: FILE } }], false)).toEqual({});
    const title = MODULE_BY_KEY['current_title']!;
    expect(validateModuleValue(title, { titleName: '工程师', certificateNo: 'GC2015001234' }, false)).toEqual({ '_files.certificateFile': '填写了证书编号，请上传职称证书（PDF）' });
    expect(validateModuleValue(title, { titleName: '工程师' }, false)).toEqual({});
    expect(validateModuleValue(title, { titleName: '工程师' }, true)['_files.certificateFile']).toBe('请上传职称证书（PDF）');
    const practice = MODULE_BY_KEY['practice_qualification']!;
    expect(validateModuleValue(practice, [{ name: '一级建造师', certificateNo: 'JZ001' }], false)).toEqual({ '0._files.certificateFile': '填写了证书编号，请上传执业资格证书（PDF）' });
  });

  it('dates must be consistent and not in the future', () => {
    const errs = validateModuleValue(MODULE_BY_KEY['work_experience']!, [{ startDate: '2015-01-01', endDate: '2014-01-01', unit: 'x', duties: 'y' }], true);
    expect(errs['0.endDate']).toBe('截止（毕业）时间不能早于起始时间');
    const future = validateModuleValue(MODULE_BY_KEY['work_experience']!, [{ startDate: '2999-01-01', unit: 'x', duties: 'y' }], true);
    expect(future['0.startDate']).toBe('起始时间不能晚于今天');
    const bad = validateModuleValue(MODULE_BY_KEY['work_experience']!, [{ startDate: '2015-02-30', unit: 'x', duties: 'y' }], true);
    expect(bad['0.startDate']).toMatch(/有效日期/);
  });

  it('an empty end date means "present"', () => {
    expect(validateModuleValue(MODULE_BY_KEY['work_experience']!, [{ startDate: '2015-01-01', unit: '单位', duties: '研发' }], true)).toEqual({});
  });

  it('continuing education allows at most 8 rows', () => {
    const row = { year: 2024, content: '新技术培训', hours: 24 };
    expect(validateModuleValue(MODULE_BY_KEY['continuing_education']!, Array(8).fill(row), true)).toEqual({});
    expect(validateModuleValue(MODULE_BY_KEY['continuing_education']!, Array(9).fill(row), false)['_']).toBe('继续教育最多填写8项');
  });

  it.each([
    ['work_summary', 2000],
    ['main_achievements', 400],
    ['technical_summary', 800],
  ])('%s is limited to %i characters, counting a Chinese character as one', (key, limit) => {
    const def = MODULE_BY_KEY[key]!;
    expect(validateModuleValue(def, { text: '字'.repeat(limit) }, true)).toEqual({});
    expect(validateModuleValue(def, { text: '字'.repeat(limit + 1) }, false)['text']).toBe(`${def.fields[0]!.label}不能超过${limit}字（当前${limit + 1}字）`);
  });

  it('rejects unknown fields and unknown attachment slots', () => {
    const errs = validateModuleValue(MODULE_BY_KEY['basic_info']!, { gender: '男', salary: 1, _files: { selfie: FILE } }, false);
    expect(errs['salary']).toBe('不允许的字段');
    expect(errs['_files.selfie']).toBe('不允许的附件');
  });

  it('requires exactly one highest degree among education rows', () => {
    const row = { school: 'a', major: 'b', educationLevel: '本科', degree: '无', startDate: '2008-09-01', endDate: '2012-06-30', diplomaNo: '1', _files: { diplomaFile: FILE } };
    expect(validateModuleValue(edu, [row, row], true)['_']).toBe('请勾选且只勾选一条本专业最高学历');
  });

  it('knows whether a module is filled and which files it references', () => {
    const def = MODULE_BY_KEY['basic_info']!;
    expect(moduleIsFilled(def, {})).toBe(false);
    expect(moduleIsFilled(def, { _files: { idCardFront: FILE } })).toBe(true);
    expect(moduleFileIds([{ _files: { evidenceFile: [FILE, FILE] } }])).toEqual([FILE, FILE]);
  });
});

import { correctionItems, diffFileIds, diffModules, untouchedByReturn } from './corrections.js';

describe('A-34 correction items', () => {
  it('lists every failing item in words, in template order', () => {
    const items = correctionItems({ papers: { '1': '刊物不符' }, basic_info: { nation: '民族有误', '_files.idCardFront': '身份证不清晰' } }, ['basic_info', 'papers']);
    expect(items.map((i) => `${i.moduleName}·${i.itemLabel}：${i.reason}`)).toEqual(['个人基本信息·民族：民族有误', '个人基本信息·身份证正面：身份证不清晰', '论文论著·第2行：刊物不符']);
  });
});

describe('U-14 resubmission diff', () => {
  const before = {
    basic_info: { gender: '男', nation: '汉', _files: { idCardFront: 'f1', idCardBack: 'f2' } },
    papers: [
      { title: 'A', publication: 'P1', publishDate: '2024-01-01', authorRole: '独著', _files: { paperFile: 'p1' } },
      { title: 'B', publication: 'P2', publishDate: '2024-02-01', authorRole: '独著', _files: { paperFile: 'p2' } },
      { title: 'C', publication: 'P3', publishDate: '2024-03-01', authorRole: '独著', _files: { paperFile: 'p3' } },
    ],
    work_summary: { text: '总结' },
  };
  it('lists exactly the changed fields, rows and files', () => {
    const after = {
      basic_info: { gender: '男', nation: '回', _files: { idCardFront: 'f9', idCardBack: 'f2' } },
      papers: [before.papers[0], { ...before.papers[2], publication: 'P3b' }, { title: 'D', publication: 'P4', publishDate: '2025-01-01', authorRole: '独著', _files: { paperFile: 'p4' } }],
      work_summary: { text: '总结' },
    };
    const diff = diffModules(before, after, { basic_info: { nation: '民族有误' } });
    expect(diff.map((d) => d.moduleKey)).toEqual(['basic_info', 'papers']);
    expect(diff[0]).toMatchObject({ failed: true, failedPaths: ['nation'], fields: [{ field: 'nation', label: '民族', old: '汉', new: '回' }], files: [{ slot: 'idCardFront', label: '身份证正面', oldFileIds: ['f1'], newFileIds: ['f9'] }] });
    // row B removed, row C edited in place (publication), row D added
    expect(diff[1].changedRows).toEqual([{ oldIndex: 2, newIndex: 1, fields: [{ field: 'publication', label: '刊物名称/出版社', old: 'P3', new: 'P3b' }] }]);
    expect(diff[1].removedRows.map((r) => r.row.title)).toEqual(['B']);
    expect(diff[1].addedRows.map((r) => r.row.title)).toEqual(['D']);
    expect(untouchedByReturn(diff)).toEqual(['论文论著']);
    expect(diffFileIds(diff).sort()).toEqual(['f1', 'f9', 'p2', 'p4'].sort());
  });
  it('an unchanged declaration has an empty diff; a moved row is not a change', () => {
    expect(diffModules(before, JSON.parse(JSON.stringify(before)))).toEqual([]);
    const moved = { ...before, papers: [before.papers[2], before.papers[0], before.papers[1]] };
    expect(diffModules(before, moved)).toEqual([]);
  });
  it('a replaced attachment of a table row is a file change of that row', () => {
    const d = diffModules(before, { ...before, papers: [before.papers[0], { ...before.papers[1], _files: { paperFile: 'p9' } }, before.papers[2]] });
    expect(d[0].changedRows).toEqual([]);
    expect(d[0].files).toEqual([{ slot: 'paperFile', label: '论文（著作）材料', row: 1, oldFileIds: ['p2'], newFileIds: ['p9'] }]);
  });
  it('a deleted middle row is a removed row only', () => {
    const d = diffModules(before, { ...before, papers: [before.papers[0], before.papers[2]] });
    expect(d[0].removedRows.map((r) => r.index)).toEqual([1]);
    expect(d[0].changedRows).toEqual([]);
    expect(d[0].addedRows).toEqual([]);
  });
});

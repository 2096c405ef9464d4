import { auditFieldChanges, formatAuditChanges } from './audit-changes.js';

describe('auditFieldChanges', () => {
  it('lists only the changed fields, with Chinese labels', () => {
    const changes = auditFieldChanges({ status: 'draft', realName: '张三' }, { status: 'submitted', realName: '张三' });
    expect(changes).toEqual([{ field: 'status', label: '状态', before: 'draft', after: 'submitted' }]);
  });

  it('flattens nested objects with dot paths and falls back to the raw key', () => {
    const changes = auditFieldChanges({ a: { b: 1, zz: 2 } }, { a: { b: 2, zz: 2 } });
    expect(changes).toEqual([{ field: 'a.b', label: 'a.b', before: '1', after: '2' }]);
    expect(auditFieldChanges(null, { contact: { email: 'x' } })[0].label).toBe('电子邮箱');
  });

  it('compares arrays as JSON and handles null snapshots', () => {
    expect(auditFieldChanges({ modules: [1, 2] }, { modules: [1, 2] })).toEqual([]);
    expect(auditFieldChanges({ modules: [1] }, { modules: [1, 2] })[0]).toMatchObject({ before: '[1]', after: '[1,2]' });
    expect(auditFieldChanges(null, { reason: '材料不全' })).toEqual([{ field: 'reason', label: '原因', before: '', after: '材料不全' }]);
    expect(auditFieldChanges({ reason: 'x' }, null)).toEqual([{ field: 'reason', label: '原因', before: 'x', after: '' }]);
    expect(auditFieldChanges(null, null)).toEqual([]);
  });

  it('masks ID numbers, mobiles and e-mails in values', () => {
    const [id, mobile, note] = auditFieldChanges(
      { idCard: '110101199003074514', mobile: '13812345678', note: 'a' },
      { idCard: '110101199003074522', mobile: '13912345678', note: '本人 110101199003074514 电话 13812345678' },
    );
    expect(id).toMatchObject({ label: '身份证号', before: '110***********4514', after: '110***********4522' });
    expect(mobile).toMatchObject({ label: '手机号码', before: '138****5678', after: '139****5678' });
    expect(note.after).toBe('本人 110***********4514 电话 138****5678');
  });

  it('renders booleans in Chinese and shortens long values', () => {
    const [c] = auditFieldChanges({ mfa: false }, { mfa: true });
    expect(c).toMatchObject({ label: '双因素认证', before: '否', after: '是' });
    expect(auditFieldChanges({}, { x: 'y'.repeat(200) })[0].after.length).toBe(80);
  });

  it('formats changes as 字段：旧值 → 新值', () => {
    expect(formatAuditChanges(auditFieldChanges({ status: 'a' }, { status: 'b', reason: 'r' }))).toBe('状态：a → b\n原因：（空） → r');
  });
});

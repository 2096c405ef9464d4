import { ADMIN_CONSOLE_ROLES, Role, SEPARATED_ADMIN_ROLES } from './enums.js';
import { ASSIGNABLE_STAFF_ROLES, COMMON_PERMISSIONS, Permission, PERMISSION_ROLES, SEPARATED_ADMIN_PERMISSIONS } from './permissions.js';

const granted = (role: Role) => (Object.keys(PERMISSION_ROLES) as Permission[]).filter((p) => PERMISSION_ROLES[p].includes(role)).sort();

describe('三员分立 (A-31) in the permission map', () => {
  it.each(SEPARATED_ADMIN_ROLES.map((r) => [r]))('%s holds exactly its own permissions and the common ones', (role) => {
    const own = SEPARATED_ADMIN_PERMISSIONS[role as keyof typeof SEPARATED_ADMIN_PERMISSIONS];
    expect(granted(role)).toEqual([...new Set([...COMMON_PERMISSIONS, ...own])].sort());
  });

  it('only the system administrator creates accounts and runs the system; only the audit administrator reads the audit log', () => {
    expect(PERMISSION_ROLES[Permission.AccountsManage]).toEqual([Role.SystemAdmin]);
    expect(PERMISSION_ROLES[Permission.JobsManage]).toEqual([Role.SystemAdmin]);
    expect(PERMISSION_ROLES[Permission.AuditLogRead]).toEqual([Role.AuditAdmin]);
    expect(PERMISSION_ROLES[Permission.RolesAssign]).toEqual([Role.SecurityAdmin]);
    expect(PERMISSION_ROLES[Permission.SecurityPolicyManage]).toEqual([Role.SecurityAdmin]);
  });

  it('no two separated administrators share a permission that changes anything', () => {
    const writes = SEPARATED_ADMIN_ROLES.flatMap((r) => SEPARATED_ADMIN_PERMISSIONS[r as keyof typeof SEPARATED_ADMIN_PERMISSIONS].filter((p) => p !== Permission.AccountsRead));
    expect(new Set(writes).size).toBe(writes.length);
  });

  it('the business administrator keeps business work and holds none of the three', () => {
    const office = granted(Role.OfficeAdmin);
    for (const r of SEPARATED_ADMIN_ROLES) {
      for (const p of SEPARATED_ADMIN_PERMISSIONS[r as keyof typeof SEPARATED_ADMIN_PERMISSIONS]) expect(office).not.toContain(p);
    }
    expect(office).toEqual(expect.arrayContaining([Permission.DeclarationManage, Permission.CertificateManage, Permission.ReviewAudit]));
  });

  it('an administrator of 三员 can never be assigned from a console, and all of them sign in to /admin', () => {
    for (const r of SEPARATED_ADMIN_ROLES) expect(ASSIGNABLE_STAFF_ROLES).not.toContain(r);
    expect(ADMIN_CONSOLE_ROLES).toEqual(expect.arrayContaining([Role.OfficeAdmin, ...SEPARATED_ADMIN_ROLES]));
  });
});

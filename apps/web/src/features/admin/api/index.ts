import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminLevel, AuditFieldChange, ChangeAccountStatusRequest, CreateStaffRequest, CurrentUser, OrgType, Page, Role, UnitNature } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export interface OrganisationItem {
  id: string;
  name: string;
  type: OrgType;
  regionCode: string;
  level: AdminLevel | null;
  creditCode: string | null;
  nature: UnitNature | null;
  permitted: boolean;
  status: string;
}

export interface AuditLogItem {
  id: string;
  userId: string | null;
  organisationId: string | null;
  action: string;
  actionLabel: string;
  targetType: string;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  createdAt: string;
  actorName: string | null;
  actorUsername: string | null;
  organisationName: string | null;
  /** the changed fields, values already masked by the server. */
  changes: AuditFieldChange[];
}

export interface StaffQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  role?: Role;
}

export interface OrgQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  type?: OrgType;
  regionCode?: string;
  status?: string;
  level?: string;
  permitted?: string;
}

export interface AuditLogQuery {
  page: number;
  pageSize: number;
  action?: string;
  targetType?: string;
  /** The actor's account, exact. */
  actor?: string;
  /** China calendar dates, both inclusive. */
  from?: string;
  to?: string;
}

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: StaffQuery) => [...adminKeys.all, 'users', q] as const,
  usersAll: () => [...adminKeys.all, 'users'] as const,
  organisations: (q: OrgQuery) => [...adminKeys.all, 'organisations', q] as const,
  auditLogs: (q: AuditLogQuery) => [...adminKeys.all, 'audit-logs', q] as const,
};

export const adminApi = {
  users: (q: StaffQuery) => api.get<Page<CurrentUser>>('/users', { ...q }),
  createUser: (body: CreateStaffRequest) => api.post<CurrentUser>('/users', body),
  setUserStatus: ({ id, status }: { id: string } & ChangeAccountStatusRequest) => api.patch<CurrentUser>(`/users/${id}/status`, { status }),
  changeUserRole: ({ id, role }: { id: string; role: Role }) => api.patch<CurrentUser>(`/users/${id}/role`, { role }),
  organisations: (q: OrgQuery) => api.get<Page<OrganisationItem>>('/organisations', { ...q }),
  auditLogs: (q: AuditLogQuery) => api.get<Page<AuditLogItem>>('/audit-logs', { ...q }),
};

export function useStaff(q: StaffQuery) {
  return useQuery({ queryKey: adminKeys.users(q), queryFn: () => adminApi.users(q), placeholderData: keepPreviousData });
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminApi.createUser,
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.usersAll() }),
  });
}

/** A-31 系统管理员: 停用 / 启用 an account. */
export function useSetUserStatus() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: adminApi.setUserStatus, onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.usersAll() }) });
}

/** A-31 安全管理员: change an account's business role. */
export function useChangeUserRole() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: adminApi.changeUserRole, onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.usersAll() }) });
}

export function useOrganisations(q: OrgQuery, enabled = true) {
  return useQuery({ queryKey: adminKeys.organisations(q), queryFn: () => adminApi.organisations(q), enabled, placeholderData: keepPreviousData });
}

export function useAuditLogs(q: AuditLogQuery) {
  return useQuery({ queryKey: adminKeys.auditLogs(q), queryFn: () => adminApi.auditLogs(q), placeholderData: keepPreviousData });
}

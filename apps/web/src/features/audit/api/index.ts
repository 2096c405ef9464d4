import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeclarationDetail, Page, ResubmissionView, TimelineEntry } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

/** One row of the audit lists (queue, report-up, unit applicants, title-office lists). */
export interface AuditItem {
  id: string;
  version: number;
  year: number;
  applicantName: string;
  unitName: string | null;
  titleName: string | null;
  titleLevel: string;
  titleLevelLabel: string;
  committeeName: string | null;
  status: string;
  statusLabel: string;
  stage: string | null;
  currentOrgName: string | null;
  submittedAt: string | null;
  entrusted: boolean | null;
  recommendationRank: number | null;
  reportedAt: string | null;
  qualifiedAt: string | null;
  returnsThisYear?: number;
  /** A-22 list: the batch, and whether this one is the batch's newest qualification (the only one that can be rolled back now). */
  batchName?: string | null;
  rollbackable?: boolean;
  blacklisted?: boolean;
  idCard?: string;
  mobile?: string;
}

export interface AuditFilter {
  page: number;
  pageSize: number;
  year?: number;
  titleLevel?: string;
  titleId?: string;
  keyword?: string;
  status?: string;
  committeeId?: string;
}

export interface AuditDetail extends DeclarationDetail {
  moduleFailures: Record<string, Record<string, string>>;
  stageKind: string | null;
  stageLabel: string | null;
  isFinalAudit: boolean;
  blacklist: { reason: string; startsOn: string; endsOn: string; message: string } | null;
  /** U-14: the resubmission's diff, when it came back to this node. */
  resubmission: ResubmissionView | null;
  actions: { judge: boolean; pass: boolean; passLabel: string; return: boolean; returnForSupplement: boolean; blacklist: boolean };
  timeline: TimelineEntry[];
}

export interface TraceView {
  id: string;
  applicantName: string;
  unitName: string | null;
  titleName: string;
  committeeName: string;
  statusLabel: string;
  stage: string | null;
  path: DeclarationDetail['path'];
  timeline: TimelineEntry[];
}

export const auditKeys = { all: ['audit'] as const, detail: (id: string) => ['audit', 'detail', id] as const };
const clean = (q: object) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;

/** The queue: its page, and how many people this node returned this year (本年退回, contracts RETURN_ACTIONS). */
export const useQueue = (q: AuditFilter) =>
  useQuery({ queryKey: [...auditKeys.all, 'queue', q], queryFn: () => api.get<Page<AuditItem> & { returnedThisYear: number }>('/audit/queue', clean(q)), placeholderData: keepPreviousData });
export const useAuditDetail = (id: string) => useQuery({ queryKey: auditKeys.detail(id), queryFn: () => api.get<AuditDetail>(`/audit/declarations/${id}`), retry: false });
export const useReportList = (q: AuditFilter & { tab: string; sort?: string }) =>
  useQuery({ queryKey: [...auditKeys.all, 'report', q], queryFn: () => api.get<Page<AuditItem>>('/audit/report-up', clean(q)), placeholderData: keepPreviousData });
export const useUnitApplicants = (q: AuditFilter & { purpose?: 'publicity' }) =>
  useQuery({ queryKey: [...auditKeys.all, 'applicants', q], queryFn: () => api.get<Page<AuditItem>>('/audit/unit-applicants', clean(q)), placeholderData: keepPreviousData });
export const usePublicities = (q: { page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...auditKeys.all, 'publicity', q],
    queryFn: () => api.get<Page<{ id: string; title: string; startsOn: string; endsOn: string; count: number; createdAt: string }>>('/audit/publicity', q),
  });
export const useAdminList = (q: AuditFilter) =>
  useQuery({ queryKey: [...auditKeys.all, 'admin', q], queryFn: () => api.get<Page<AuditItem>>('/audit/admin/declarations', clean(q)), placeholderData: keepPreviousData });
export const useQualified = (q: AuditFilter) =>
  useQuery({ queryKey: [...auditKeys.all, 'qualified', q], queryFn: () => api.get<Page<AuditItem>>('/audit/admin/qualified', clean(q)), placeholderData: keepPreviousData });
export const useTrace = (id: string | null) =>
  useQuery({ queryKey: [...auditKeys.all, 'trace', id], queryFn: () => api.get<TraceView>(`/audit/admin/declarations/${id}/trace`), enabled: !!id });
export const useCommittees = () =>
  useQuery({ queryKey: ['committees', 'picker'], queryFn: () => api.get<Page<{ id: string; name: string }>>('/committees', { page: 1, pageSize: 100 }) });

/**
 * Every audit mutation refreshes the audit lists and the plans' candidates (a qualified declaration becomes one), but
 * not the audit page's declaration: after a pass or a return it has left the node and asking for it again would be
 * a 404 — the page leaves for the queue (and drops it) or refetches it itself when it stays.
 */
export function useAuditAction<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: auditKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' }),
        qc.invalidateQueries({ queryKey: ['review'] }),
      ]),
  });
}

export const auditApi = {
  judge: (id: string, body: { version: number; failures: Record<string, Record<string, string>> }) => api.put<{ version: number }>(`/audit/declarations/${id}/judgement`, body),
  pass: (id: string, body: { version: number; opinion?: string }) => api.post(`/audit/declarations/${id}/pass`, body),
  ret: (id: string, body: { version: number; opinion: string }) => api.post(`/audit/declarations/${id}/return`, body),
  supplement: (id: string, body: { version: number; opinion: string }) => api.post(`/audit/declarations/${id}/supplement`, body),
  blacklist: (id: string, body: { reason: string; startsOn: string; endsOn: string; source?: string }) => api.post(`/audit/declarations/${id}/blacklist`, body),
  reportSettings: (id: string, body: { version: number; entrusted: boolean; recommendationRank: number }) => api.put<{ version: number }>(`/audit/report-up/${id}`, body),
  reportUp: (items: { id: string; version: number }[]) => api.post<{ reported: number }>('/audit/report-up', { items }),
  publicity: (body: { title: string; startsOn: string; endsOn: string; declarationIds: string[] }) => api.post('/audit/publicity', body),
  rollback: (id: string, body: { version: number; reason: string }) => api.post(`/audit/admin/declarations/${id}/rollback`, body),
  transfer: (body: { targetCommitteeId: string; ids?: string[]; query?: Record<string, unknown>; dryRun?: boolean; expectedCount?: number }) =>
    api.post<{ count?: number; moved?: number; targetName: string }>('/audit/admin/transfer', body),
};

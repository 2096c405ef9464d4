import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, QuotaDetail, QuotaInput, QuotaItem } from '@zhicheng/contracts';
import { api } from '../../lib/api';

export interface QuotaQuery {
  page: number;
  pageSize: number;
  year?: number;
  seriesCode?: string;
  titleLevel?: string;
  status?: string;
  keyword?: string;
}

/** mine: the unit's own (职数申报); audit: the department's (职数审核); query: the title office's region. */
export type QuotaList = 'mine' | 'audit' | 'query';

export const quotaKeys = {
  all: ['quotas'] as const,
  list: (kind: QuotaList, q: QuotaQuery) => ['quotas', kind, q] as const,
  detail: (id: string) => ['quotas', 'detail', id] as const,
};

export const useQuotas = (kind: QuotaList, q: QuotaQuery) =>
  useQuery({ queryKey: quotaKeys.list(kind, q), queryFn: () => api.get<Page<QuotaItem>>(`/quotas/${kind}`, { ...q }), placeholderData: keepPreviousData });

export const useQuota = (id: string | null) =>
  useQuery({ queryKey: quotaKeys.detail(id ?? ''), queryFn: () => api.get<QuotaDetail>(`/quotas/${id}`), enabled: !!id });

export const quotaApi = {
  create: (b: QuotaInput) => api.post<QuotaDetail>('/quotas', b),
  resubmit: (id: string, b: QuotaInput & { version: number }) => api.put<QuotaDetail>(`/quotas/${id}`, b),
  pass: (id: string, b: { version: number; opinion?: string }) => api.post<QuotaDetail>(`/quotas/${id}/pass`, b),
  return: (id: string, b: { version: number; reason: string }) => api.post<QuotaDetail>(`/quotas/${id}/return`, b),
};

export function useQuotaAction<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: quotaKeys.all }) });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export interface BlacklistItem {
  id: string;
  realName: string;
  idCard: string;
  reason: string;
  source: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'lifted' | 'expired';
  liftReason: string | null;
  declarationId: string | null;
  createdAt: string;
  version: number;
}

export interface BlacklistQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  status?: 'active' | 'lifted' | 'expired';
}

export const BLACKLIST_SOURCES = ['审核发现', '举报核实', '上级通报', '评审发现', '其他'] as const;

export const blacklistKeys = {
  all: ['blacklist'] as const,
  list: (q: BlacklistQuery) => [...blacklistKeys.all, 'list', q] as const,
};

export function useBlacklist(q: BlacklistQuery) {
  return useQuery({ queryKey: blacklistKeys.list(q), queryFn: () => api.get<Page<BlacklistItem>>('/blacklist', { ...q }), placeholderData: keepPreviousData });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: blacklistKeys.all });
}

export function useAddBlacklist() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { realName: string; idCard: string; reason: string; source: string; startsOn: string; endsOn: string }) => api.post<BlacklistItem>('/blacklist', body),
    onSuccess: done,
  });
}

export function useEditBlacklist() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; reason?: string; source?: string; startsOn?: string; endsOn?: string }) => api.patch<BlacklistItem>(`/blacklist/${id}`, body),
    onSuccess: done,
  });
}

export function useLiftBlacklist() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; reason: string }) => api.post<BlacklistItem>(`/blacklist/${id}/lift`, body),
    onSuccess: done,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, WaitingDashboard, WaitingDeclaration, WaitingDeclarationsQuery, WaitingQuery } from '@zhicheng/contracts';
import { api } from '../../lib/api';

export interface DashboardBatch {
  id: string;
  name: string;
  year: number;
}

const keys = {
  all: ['dashboard'] as const,
  batches: ['dashboard', 'batches'] as const,
  waiting: (q: WaitingQuery) => ['dashboard', 'waiting', q] as const,
  declarations: (q: WaitingDeclarationsQuery) => ['dashboard', 'declarations', q] as const,
};

/** the batches with declarations on their way in the reader's scope. */
export function useDashboardBatches() {
  return useQuery({ queryKey: keys.batches, queryFn: () => api.get<DashboardBatch[]>('/dashboard/batches') });
}

/** the figures of one batch (the snapshot is rebuilt every minute: refetched on focus and each minute). */
export function useWaiting(q: WaitingQuery | null) {
  return useQuery({
    queryKey: keys.waiting(q ?? { batchId: '' }),
    queryFn: () => api.get<WaitingDashboard>('/dashboard/waiting', { ...q }),
    enabled: !!q?.batchId,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** A-30 drill-down: the declarations behind a figure, read live. */
export function useWaitingDeclarations(q: WaitingDeclarationsQuery | null) {
  return useQuery({
    queryKey: keys.declarations(q ?? { batchId: '', page: 1, pageSize: 20 }),
    queryFn: () => api.get<Page<WaitingDeclaration>>('/dashboard/waiting/declarations', { ...q }),
    enabled: !!q?.batchId,
    placeholderData: keepPreviousData,
  });
}

/** 立即刷新: rebuilds the figures, then every dashboard query reads them again. */
export function useRefreshDashboard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ refreshedAt: string }>('/dashboard/waiting/refresh', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

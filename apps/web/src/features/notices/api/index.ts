import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export type NoticeType = 'announcement' | 'policy';

export interface NoticeItem {
  id: string;
  type: NoticeType;
  title: string;
  body: string;
  audience: string[];
  status: 'draft' | 'published' | 'withdrawn';
  publishedAt: string | null;
  publisherName: string | null;
  version: number;
}

export interface NoticeQuery {
  page: number;
  pageSize: number;
  type?: NoticeType;
  keyword?: string;
  from?: string;
  to?: string;
  status?: string;
}

export const NOTICE_TYPE_LABELS: Record<NoticeType, string> = { announcement: '公告通知', policy: '政策规范' };

/** Where a list comes from: public (no login), the signed-in user's, or the admin's own publishing list. */
export type NoticeSource = 'public' | 'me' | 'admin';
const PATHS: Record<NoticeSource, string> = { public: '/public/notices', me: '/me/notices', admin: '/admin/notices' };

export const noticeKeys = {
  all: ['notices'] as const,
  list: (source: NoticeSource, q: NoticeQuery) => [...noticeKeys.all, source, q] as const,
};

export function useNotices(source: NoticeSource, q: NoticeQuery) {
  return useQuery({
    queryKey: noticeKeys.list(source, q),
    queryFn: () => api.get<Page<NoticeItem>>(PATHS[source], { ...q }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; type?: NoticeType; title: string; body: string; audience: string[]; status?: string }) =>
      v.id ? api.patch<NoticeItem>(`/admin/notices/${v.id}`, { version: v.version, title: v.title, body: v.body, audience: v.audience, status: v.status }) : api.post<NoticeItem>('/admin/notices', v),
    onSuccess: () => qc.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export interface QueueItem {
  name: string;
  label: string;
  schedule: string | null;
  queued: number;
  active: number;
  failed: number;
  completed: number;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobItem {
  id: string;
  queue: string;
  queueLabel: string;
  state: JobState;
  stateLabel: string;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  data: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  startAfter: string;
}

export interface JobQuery {
  page: number;
  pageSize: number;
  state?: JobState;
  queue?: string;
}

export interface MessageItem {
  id: string;
  channel: 'sms' | 'email';
  channelLabel: string;
  event: string;
  eventLabel: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  deliveredVia: string | null;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
}

export interface MessageQuery {
  page: number;
  pageSize: number;
  status?: 'pending' | 'sent' | 'failed';
  channel?: 'sms' | 'email';
}

const keys = {
  jobs: ['jobs'] as const,
  messages: ['admin-messages'] as const,
};

export function useQueues(pollMs: number | false) {
  return useQuery({ queryKey: [...keys.jobs, 'queues'], queryFn: () => api.get<{ items: QueueItem[] }>('/admin/jobs/queues'), refetchInterval: pollMs });
}

export function useJobs(q: JobQuery, pollMs: number | false) {
  return useQuery({ queryKey: [...keys.jobs, 'list', q], queryFn: () => api.get<Page<JobItem>>('/admin/jobs', { ...q }), placeholderData: keepPreviousData, refetchInterval: pollMs });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<{ id: string; state: string }>(`/admin/jobs/${id}/retry`, {}), onSuccess: () => qc.invalidateQueries({ queryKey: keys.jobs }) });
}

export function useMessages(q: MessageQuery) {
  return useQuery({ queryKey: [...keys.messages, q], queryFn: () => api.get<Page<MessageItem>>('/admin/messages', { ...q }), placeholderData: keepPreviousData });
}

export function useResendMessage() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<{ id: string; status: string }>(`/admin/messages/${id}/resend`, {}), onSuccess: () => qc.invalidateQueries({ queryKey: keys.messages }) });
}

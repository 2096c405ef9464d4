import { useQuery } from '@tanstack/react-query';
import type { MessageChannel } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export interface OutboxItem {
  id: string;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  createdAt: string;
}

export const devKeys = {
  all: ['dev'] as const,
  outbox: (recipient: string) => [...devKeys.all, 'outbox', recipient] as const,
};

export function useOutbox(recipient: string) {
  return useQuery({
    queryKey: devKeys.outbox(recipient),
    queryFn: () => api.get<{ items: OutboxItem[] }>('/dev/outbox', { recipient }),
    refetchInterval: 10_000,
  });
}

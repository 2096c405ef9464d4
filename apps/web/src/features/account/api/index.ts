import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, CurrentUser, LoginSmsRequest, MessageChannel, Page, SessionView, UpdateProfileRequest } from '@zhicheng/contracts';
import { api } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';

export interface InboxMessage {
  id: string;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

export const accountKeys = {
  all: ['account'] as const,
  me: () => [...accountKeys.all, 'me'] as const,
  sessions: () => [...accountKeys.all, 'sessions'] as const,
  messages: (page: number, pageSize: number) => [...accountKeys.all, 'messages', { page, pageSize }] as const,
};

export const accountApi = {
  me: () => api.get<CurrentUser>('/me'),
  update: (body: UpdateProfileRequest) => api.patch<CurrentUser>('/me', body),
  changePassword: (body: ChangePasswordRequest) => api.post<{ ok: true }>('/me/password', body),
  messages: (page: number, pageSize: number) => api.get<Page<InboxMessage>>('/me/messages', { page, pageSize }),
  sessions: () => api.get<SessionView[]>('/me/sessions'),
  endSession: (id: string) => api.post<{ ok: true }>(`/me/sessions/${id}/end`, {}),
  setLoginSms: (body: LoginSmsRequest) => api.put<CurrentUser>('/me/login-sms', body),
};

export function useMe() {
  return useQuery({ queryKey: accountKeys.me(), queryFn: accountApi.me });
}

export function useUpdateProfile() {
  const qc = useQueryClient();
  const { setUser } = useAuth();
  return useMutation({
    mutationFn: accountApi.update,
    onSuccess: (user) => {
      qc.setQueryData(accountKeys.me(), user);
      setUser(user);
    },
  });
}

export function useMessages(page: number, pageSize: number) {
  return useQuery({ queryKey: accountKeys.messages(page, pageSize), queryFn: () => accountApi.messages(page, pageSize) });
}

/** Issue 13: 登录设备 — the user's open sessions; ending one refreshes the list. */
export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions(), queryFn: accountApi.sessions });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: accountApi.endSession, onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.sessions() }) });
}

/** Issue 13: 登录短信验证 on or off (the current password is asked afresh). */
export function useSetLoginSms() {
  const qc = useQueryClient();
  const { setUser } = useAuth();
  return useMutation({
    mutationFn: accountApi.setLoginSms,
    onSuccess: (user) => {
      qc.setQueryData(accountKeys.me(), user);
      setUser(user);
    },
  });
}

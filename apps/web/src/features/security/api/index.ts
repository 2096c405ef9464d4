import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecurityPolicyView, UpdateSecurityPolicyRequest } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export const securityKeys = {
  all: ['security'] as const,
  policy: () => [...securityKeys.all, 'policy'] as const,
};

export const securityApi = {
  policy: () => api.get<SecurityPolicyView>('/security-policy'),
  updatePolicy: (body: UpdateSecurityPolicyRequest) => api.put<SecurityPolicyView>('/security-policy', body),
};

export function useSecurityPolicy() {
  return useQuery({ queryKey: securityKeys.policy(), queryFn: securityApi.policy });
}

export function useUpdateSecurityPolicy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: securityApi.updatePolicy, onSuccess: (v) => qc.setQueryData(securityKeys.policy(), v) });
}

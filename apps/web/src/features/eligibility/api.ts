import { useQuery } from '@tanstack/react-query';
import type { EligibilityAnswers, EligibilityResult, PathPreview } from '@zhicheng/contracts';
import { api } from '../../lib/api';

export interface EligibilitySnapshot {
  answers: EligibilityAnswers;
  result: EligibilityResult;
  checkedOn: string;
}

export const eligibilityKeys = {
  all: ['eligibility'] as const,
  check: (batchId: string, seriesCode: string, titleLevel: string, answers: EligibilityAnswers) => [...eligibilityKeys.all, batchId, seriesCode, titleLevel, answers] as const,
  path: (id: string) => [...eligibilityKeys.all, 'path', id] as const,
};

export const checkEligibility = (body: { batchId: string; seriesCode?: string; titleLevel?: string; answers: EligibilityAnswers }) => api.post<EligibilitySnapshot>('/declarations/eligibility', body);

/** H-14: the live check of the answers for a batch, series and level (the same computation as the API's refusal). */
export function useEligibility(batchId: string | undefined, seriesCode: string | undefined, titleLevel: string | undefined, answers: EligibilityAnswers | null) {
  return useQuery({
    queryKey: eligibilityKeys.check(batchId ?? '', seriesCode ?? '', titleLevel ?? '', answers ?? { personStatus: 'professional' }),
    enabled: !!batchId && !!seriesCode && !!titleLevel && !!answers,
    queryFn: () => checkEligibility({ batchId: batchId!, seriesCode: seriesCode!, titleLevel: titleLevel!, answers: answers! }),
  });
}

/** The path before submitting. */
export function usePathPreview(id: string, enabled: boolean) {
  return useQuery({ queryKey: eligibilityKeys.path(id), enabled, queryFn: () => api.get<PathPreview>(`/declarations/${id}/path-preview`) });
}

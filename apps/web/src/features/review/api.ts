import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExpertActionKind, ExpertRequirement, Page, ReviewMode, ReviewPlanKind, ReviewPlanStatus, ScoringRule } from '@zhicheng/contracts';
import { api } from '../../lib/api';

export interface PlanSummary {
  id: string;
  committeeId: string;
  committeeName?: string;
  batchId: string;
  batchYear?: number;
  name: string;
  kind: ReviewPlanKind;
  mode: ReviewMode;
  status: ReviewPlanStatus;
  participantCount?: number;
  submittedAt: string | null;
  auditOpinion: string | null;
  publicityStartsOn: string | null;
  publicityEndsOn: string | null;
  filingDocNo: string | null;
  filedOn: string | null;
  version: number;
  createdAt: string;
}

export interface ParticipantResult {
  present: number;
  agree: number;
  disagree: number;
  abstain: number;
  averageScore: number | null;
  passed: boolean;
  remark: string | null;
}

export interface Participant {
  declarationId: string;
  name: string;
  unitName: string | null;
  titleName: string | null;
  professionCode: string;
  status: string;
  reviewPassed: boolean | null;
  filingDocNo: string | null;
  result?: ParticipantResult | null;
}

export interface PlanExpert {
  expertId: string;
  userId: string;
  position: number;
  role: 'panel' | 'reserve' | 'declined';
  replacedBy: string | null;
  declineReason: string | null;
  name: string;
  organisationName: string | null;
  titleName: string;
}

export interface PlanDetail extends PlanSummary {
  committeeName: string;
  description: string | null;
  expertRequirement: ExpertRequirement;
  scoringRules: ScoringRule[];
  attachments: { fileId: string; name: string }[];
  draw: { seed: string; candidates: string[]; avoided: { expertId: string; reason: string }[]; panel: string[]; reserves: string[]; drawnAt: string } | null;
  interviewAt: string | null;
  interviewPlace: string | null;
  interviewNotifiedAt: string | null;
  attendance: string[] | null;
  closedAt: string | null;
  publicityDays: number | null;
  filingAppliedAt: string | null;
  filingOpinion: string | null;
  participants: Participant[];
  experts: PlanExpert[];
}

export interface PlanInput {
  batchId: string;
  name: string;
  kind: ReviewPlanKind;
  mode: ReviewMode;
  description?: string;
  expertRequirement: ExpertRequirement;
  scoringRules: ScoringRule[];
  attachmentIds: string[];
  declarationIds: string[];
}

export interface VerifyAnswer {
  matches: boolean;
  seed: string;
  candidates: string[];
  recorded: { panel: string[]; reserves: string[] };
  rerun: { panel: string[]; reserves: string[] };
}

export interface ExpertActionRow {
  id: string;
  expertId: string;
  expertName: string;
  declarationId: string;
  applicantName: string;
  kind: ExpertActionKind;
  value: Record<string, unknown>;
  createdAt: string;
  rolledBackAt: string | null;
  rollbackReason: string | null;
}

export type Mine = Partial<Record<ExpertActionKind, Record<string, unknown>>>;

export interface ExpertPlanView {
  id: string;
  name: string;
  status: ReviewPlanStatus;
  kind: ReviewPlanKind;
  mode: ReviewMode;
  scoringRules: ScoringRule[];
  attachments: { fileId: string; name: string }[];
  interviewAt: string | null;
  interviewPlace: string | null;
  expertId: string;
  participants: { declarationId: string; name: string; unitName: string | null; titleName: string | null; professionCode: string; mine: Mine }[];
}

export interface ExpertParticipantView {
  declarationId: string;
  planStatus: ReviewPlanStatus;
  name: string;
  unitName: string | null;
  titleName: string | null;
  professionCode: string;
  moduleData: Record<string, unknown>;
  scoringRules: ScoringRule[];
  mine: Mine;
}

export interface PlanQuery {
  page: number;
  pageSize: number;
  status?: string;
  kind?: string;
  keyword?: string;
}

/** Query keys of the review domain. */
export const reviewKeys = {
  all: ['review'] as const,
  plans: (q: PlanQuery) => ['review', 'plans', q] as const,
  plan: (id: string) => ['review', 'plan', id] as const,
  candidates: (batchId: string, planId?: string) => ['review', 'candidates', batchId, planId ?? ''] as const,
  actions: (id: string) => ['review', 'actions', id] as const,
  expertPlans: ['review', 'expert-plans'] as const,
  expertPlan: (id: string) => ['review', 'expert-plan', id] as const,
  expertParticipant: (planId: string, declId: string) => ['review', 'expert-participant', planId, declId] as const,
};

const clean = (q: object) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;

export const usePlans = (q: PlanQuery) => useQuery({ queryKey: reviewKeys.plans(q), queryFn: () => api.get<Page<PlanSummary>>('/review-plans', clean(q)), placeholderData: keepPreviousData });
export const usePlan = (id: string) => useQuery({ queryKey: reviewKeys.plan(id), queryFn: () => api.get<PlanDetail>(`/review-plans/${id}`) });
export const useCandidates = (batchId: string | undefined, planId?: string) =>
  useQuery({ queryKey: reviewKeys.candidates(batchId ?? '', planId), queryFn: () => api.get<{ items: Participant[] }>('/review-plans/candidates', clean({ batchId, planId })), enabled: !!batchId, meta: { live: true } });
export const useExpertActions = (id: string, enabled: boolean) =>
  useQuery({ queryKey: reviewKeys.actions(id), queryFn: () => api.get<{ items: ExpertActionRow[] }>(`/review-plans/${id}/expert-actions`), enabled });
export const useExpertPlans = () => useQuery({ queryKey: reviewKeys.expertPlans, queryFn: () => api.get<{ items: (PlanSummary & { interviewAt: string | null; interviewPlace: string | null })[] }>('/expert/plans') });
export const useExpertPlan = (id: string) => useQuery({ queryKey: reviewKeys.expertPlan(id), queryFn: () => api.get<ExpertPlanView>(`/expert/plans/${id}`) });
export const useExpertParticipant = (planId: string, declId: string | null) =>
  useQuery({ queryKey: reviewKeys.expertParticipant(planId, declId ?? ''), queryFn: () => api.get<ExpertParticipantView>(`/expert/plans/${planId}/participants/${declId}`), enabled: !!declId });

/** Any review mutation: refreshes the whole review domain afterwards, and the audit lists (过程跟踪 shows the stage). */
export function useReviewMutation<B, R = unknown>(fn: (b: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: reviewKeys.all }), qc.invalidateQueries({ queryKey: ['audit'], predicate: (q) => q.queryKey[1] !== 'detail' })]),
  });
}

export const reviewApi = {
  create: (b: PlanInput) => api.post<PlanDetail>('/review-plans', b),
  update: (id: string, b: PlanInput & { version: number }) => api.put<PlanDetail>(`/review-plans/${id}`, b),
  action: (id: string, path: string, body: Record<string, unknown>) => api.post<PlanDetail>(`/review-plans/${id}/${path}`, body),
  verify: (id: string) => api.get<VerifyAnswer>(`/review-plans/${id}/draw/verify`),
  rollback: (id: string, body: { expertId: string; declarationId: string; actionId: string; reason: string }) => api.post(`/review-plans/${id}/expert-actions/rollback`, body),
  declineSeat: (planId: string, reason: string) => api.post(`/expert/plans/${planId}/decline`, { reason }),
  record: (planId: string, declId: string, what: 'material-review' | 'scores' | 'vote' | 'opinion', body: Record<string, unknown>) =>
    api.put(`/expert/plans/${planId}/participants/${declId}/${what}`, body),
};

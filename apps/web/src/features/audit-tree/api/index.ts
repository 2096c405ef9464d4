import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeclarationKind, OrgType, Page, TitleLevel } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export type EdgeStatus = 'pending' | 'approved' | 'rejected';
export type EdgeSource = 'application' | 'config' | 'import';

export interface EdgeScope {
  kind: DeclarationKind;
  seriesCode: string;
  titleLevel: TitleLevel;
}

/** One audit edge (a path application or a configured path) as the API answers it. */
export interface EdgeItem extends EdgeScope {
  id: string;
  status: EdgeStatus;
  reason: string | null;
  source: EdgeSource;
  lowerOrgId: string;
  lowerOrgName: string;
  lowerOrgType: OrgType;
  lowerRegionCode: string;
  upperOrgId: string;
  upperOrgName: string;
  upperOrgType: OrgType;
  upperRegionCode: string;
  reviewedAt: string | null;
  createdAt: string;
}

export interface EdgeQuery {
  page: number;
  pageSize: number;
  status?: EdgeStatus;
  kind?: DeclarationKind;
  seriesCode?: string;
  titleLevel?: TitleLevel;
  orgId?: string;
}

export interface OrgOption {
  id: string;
  name: string;
  type: OrgType;
  regionCode: string;
}

export interface Confirmation extends EdgeScope {
  edges: number;
  changedAt: string;
  confirmedAt: string | null;
  confirmed: boolean;
}

export interface ImportRow {
  row: number;
  lower: string;
  upper: string;
  kind: string;
  seriesCode: string;
  titleLevel: string;
  ok: boolean;
  errors: string[];
}

export interface ImportResult {
  rows: ImportRow[];
  okCount: number;
  failCount: number;
  committed: boolean;
  created: number;
}

export interface Links {
  org: { id: string; name: string; type: OrgType; regionCode: string; level: string | null };
  isFinalAuthority: boolean;
  uppers: EdgeItem[];
  lowers: EdgeItem[];
}

export interface TracedNode {
  depth: number;
  orgId: string;
  name: string;
  type: OrgType;
  regionCode: string;
  isFinalAuthority: boolean;
  canReviewProfession: boolean;
}

export interface PathStage {
  seq: number;
  kind: string;
  orgId?: string;
  orgName?: string;
  label: string;
}

export interface SimulateRequest extends EdgeScope {
  unitOrgId: string;
  professionCode: string;
  committeeOrgId?: string;
}

export interface SimulateResult {
  ok: boolean;
  nodes: TracedNode[];
  stages: PathStage[] | null;
  broken: { nodeOrgId: string; nodeName: string; reason: string } | null;
}

export interface SeriesItem {
  code: string;
  name: string;
}

export interface ProfessionItem {
  id: string;
  code: string;
  name: string;
}

const BASE = '/audit-tree';

export const treeKeys = {
  all: ['audit-tree'] as const,
  mine: (q: EdgeQuery) => [...treeKeys.all, 'mine', q] as const,
  toReview: (q: EdgeQuery) => [...treeKeys.all, 'to-review', q] as const,
  edges: (q: EdgeQuery) => [...treeKeys.all, 'edges', q] as const,
  subordinates: (id: string, q: EdgeQuery) => [...treeKeys.all, 'subordinates', id, q] as const,
  confirmations: (id: string) => [...treeKeys.all, 'confirmations', id] as const,
  links: (id: string) => [...treeKeys.all, 'links', id] as const,
  options: (url: string, keyword: string) => [...treeKeys.all, 'options', url, keyword] as const,
  series: () => ['reference', 'title-series'] as const,
  professions: (keyword: string) => ['reference', 'professions', keyword] as const,
};

export const treeApi = {
  apply: (body: EdgeScope & { upperOrgId: string }) => api.post<EdgeItem>(`${BASE}/applications`, body),
  mine: (q: EdgeQuery) => api.get<Page<EdgeItem>>(`${BASE}/applications/mine`, { ...q }),
  toReview: (q: EdgeQuery) => api.get<Page<EdgeItem>>(`${BASE}/applications/to-review`, { ...q }),
  approve: (id: string) => api.post<EdgeItem>(`${BASE}/applications/${id}/approve`),
  reject: (id: string, reason: string) => api.post<EdgeItem>(`${BASE}/applications/${id}/reject`, { reason }),
  edges: (q: EdgeQuery) => api.get<Page<EdgeItem>>(`${BASE}/edges`, { ...q }),
  createEdge: (body: EdgeScope & { lowerOrgId: string; upperOrgId: string }) => api.post<EdgeItem>(`${BASE}/edges`, body),
  deleteEdge: (id: string) => api.delete<{ id: string }>(`${BASE}/edges/${id}`),
  importEdges: (fileBase64: string, commit: boolean) => api.post<ImportResult>(`${BASE}/edges/import`, { fileBase64, commit }),
  subordinates: (committeeId: string, q: EdgeQuery) => api.get<Page<EdgeItem>>(`${BASE}/committees/${committeeId}/subordinates`, { ...q }),
  addSubordinate: (committeeId: string, body: EdgeScope & { lowerOrgId: string }) => api.post<EdgeItem>(`${BASE}/committees/${committeeId}/subordinates`, body),
  removeSubordinate: (committeeId: string, edgeId: string) => api.delete<{ id: string }>(`${BASE}/committees/${committeeId}/subordinates/${edgeId}`),
  confirmations: (committeeId: string) => api.get<Confirmation[]>(`${BASE}/committees/${committeeId}/confirmations`),
  confirm: (committeeId: string, body: EdgeScope) => api.post<Confirmation>(`${BASE}/committees/${committeeId}/confirmations`, body),
  links: (orgId: string) => api.get<Links>(`${BASE}/orgs/${orgId}/links`),
  simulate: (body: SimulateRequest) => api.post<SimulateResult>(`${BASE}/simulate`, body),
  options: (url: string, keyword: string) => {
    const [path, qs] = url.split('?');
    return api.get<Page<OrgOption>>(path!, { ...Object.fromEntries(new URLSearchParams(qs ?? '')), page: 1, pageSize: 20, keyword: keyword || undefined });
  },
  series: () => api.get<SeriesItem[]>('/title-series'),
  professions: (keyword: string) => api.get<ProfessionItem[]>('/professions', { keyword: keyword || undefined }),
};

export const upperOptionsUrl = (side: 'upper' | 'committee') => `${BASE}/upper-options?side=${side}`;
export const lowerOptionsUrl = (committeeId: string) => `${BASE}/committees/${committeeId}/lower-options`;

function useInvalidateTree() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: treeKeys.all });
}

export function useMyApplications(q: EdgeQuery) {
  return useQuery({ queryKey: treeKeys.mine(q), queryFn: () => treeApi.mine(q), placeholderData: keepPreviousData });
}

export function useToReview(q: EdgeQuery) {
  return useQuery({ queryKey: treeKeys.toReview(q), queryFn: () => treeApi.toReview(q), placeholderData: keepPreviousData });
}

export function useEdges(q: EdgeQuery) {
  return useQuery({ queryKey: treeKeys.edges(q), queryFn: () => treeApi.edges(q), placeholderData: keepPreviousData });
}

export function useSubordinates(committeeId: string, q: EdgeQuery) {
  return useQuery({ queryKey: treeKeys.subordinates(committeeId, q), queryFn: () => treeApi.subordinates(committeeId, q), placeholderData: keepPreviousData });
}

export function useConfirmations(committeeId: string) {
  return useQuery({ queryKey: treeKeys.confirmations(committeeId), queryFn: () => treeApi.confirmations(committeeId) });
}

export function useLinks(orgId: string | undefined) {
  return useQuery({ queryKey: treeKeys.links(orgId ?? ''), queryFn: () => treeApi.links(orgId!), enabled: !!orgId });
}

export function useOrgOptions(url: string, keyword: string) {
  return useQuery({ queryKey: treeKeys.options(url, keyword), queryFn: () => treeApi.options(url, keyword), placeholderData: keepPreviousData });
}

export function useSeries() {
  return useQuery({ queryKey: treeKeys.series(), queryFn: treeApi.series, staleTime: 10 * 60_000 });
}

export function useProfessions(keyword: string) {
  return useQuery({ queryKey: treeKeys.professions(keyword), queryFn: () => treeApi.professions(keyword), placeholderData: keepPreviousData });
}

export function useApply() {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: treeApi.apply, onSuccess: invalidate });
}

export function useReview() {
  const invalidate = useInvalidateTree();
  return useMutation({
    mutationFn: (v: { id: string; approve: true } | { id: string; approve: false; reason: string }) =>
      v.approve ? treeApi.approve(v.id) : treeApi.reject(v.id, v.reason),
    onSuccess: invalidate,
  });
}

export function useCreateEdge() {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: treeApi.createEdge, onSuccess: invalidate });
}

export function useDeleteEdge() {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: treeApi.deleteEdge, onSuccess: invalidate });
}

export function useImportEdges() {
  const invalidate = useInvalidateTree();
  return useMutation({
    mutationFn: (v: { fileBase64: string; commit: boolean }) => treeApi.importEdges(v.fileBase64, v.commit),
    onSuccess: (r) => {
      if (r.committed) void invalidate();
    },
  });
}

export function useAddSubordinate(committeeId: string) {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: (body: EdgeScope & { lowerOrgId: string }) => treeApi.addSubordinate(committeeId, body), onSuccess: invalidate });
}

export function useRemoveSubordinate(committeeId: string) {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: (edgeId: string) => treeApi.removeSubordinate(committeeId, edgeId), onSuccess: invalidate });
}

export function useConfirmLevel(committeeId: string) {
  const invalidate = useInvalidateTree();
  return useMutation({ mutationFn: (body: EdgeScope) => treeApi.confirm(committeeId, body), onSuccess: invalidate });
}

export function useSimulate() {
  return useMutation({ mutationFn: treeApi.simulate });
}

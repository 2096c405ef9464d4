import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BatchDto,
  DeclarationDetail,
  DeclarationKind,
  DeclarationSummary,
  EducationFetchResult,
  ModuleValue,
  Page,
  RegionDto,
  SaveModuleResponse,
  StartDeclarationRequest,
  TimelineEntry,
  TitleLevel,
} from '@zhicheng/contracts';
import { ApiError, api, fetchBlob } from '../../../lib/api';

export type DeclarationScope = 'current' | 'history';
export type DeclarationForm = 'review-form' | 'brief-form' | 'catalogue' | 'entrustment';

export interface MyDeclarationsQuery {
  scope: DeclarationScope;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface SeriesItem {
  code: string;
  name: string;
}
export interface TitleItem {
  id: string;
  seriesCode: string;
  level: TitleLevel;
  name: string;
}
export interface ProfessionNode {
  id: string;
  code: string;
  name: string;
  children: ProfessionNode[];
}
export interface CommitteeChoice {
  id: string;
  name: string;
  regionCode?: string;
  level?: string;
}
export interface OrgChoice {
  id: string;
  name: string;
  regionCode?: string;
}

/** Query keys of the declaration domain, in one place. */
export const declarationKeys = {
  all: ['declaration'] as const,
  mine: (q: MyDeclarationsQuery) => [...declarationKeys.all, 'mine', q] as const,
  mineAll: () => [...declarationKeys.all, 'mine'] as const,
  detail: (id: string) => [...declarationKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...declarationKeys.all, 'timeline', id] as const,
  openBatches: (kind: DeclarationKind) => [...declarationKeys.all, 'open-batches', kind] as const,
  regions: (parent: string | null) => ['reference', 'regions', parent ?? 'root'] as const,
  series: () => ['reference', 'title-series'] as const,
  titles: (seriesCode: string, level: TitleLevel) => ['reference', 'titles', seriesCode, level] as const,
  professionTree: () => ['reference', 'professions', 'tree'] as const,
  committees: (kind: DeclarationKind, regionCode: string, level: TitleLevel, professionCode: string) =>
    [...declarationKeys.all, 'committees', kind, regionCode, level, professionCode] as const,
};

function notFound(e: unknown): boolean {
  return e instanceof ApiError && (e.statusCode === 404 || e.statusCode === 405);
}

export const declarationApi = {
  mine: (q: MyDeclarationsQuery) => api.get<Page<DeclarationSummary>>('/declarations', { ...q }),
  detail: (id: string) => api.get<DeclarationDetail>(`/declarations/${id}`),
  timeline: (id: string) => api.get<TimelineEntry[]>(`/declarations/${id}/timeline`),
  /** Open batches (with their commitment letter); the reference route answers the same shape. */
  openBatches: async (kind: DeclarationKind) => {
    try {
      return await api.get<BatchDto[]>('/declarations/batches/open', { kind });
    } catch (e) {
      if (notFound(e)) return api.get<BatchDto[]>('/batches/open', { kind });
      throw e;
    }
  },
  start: (body: StartDeclarationRequest) => api.post<DeclarationDetail>('/declarations', body),
  saveModule: (id: string, key: string, value: ModuleValue, version: number) =>
    api.put<SaveModuleResponse>(`/declarations/${id}/modules/${key}`, { value, version }),
  submit: (id: string, version: number) => api.post<DeclarationDetail>(`/declarations/${id}/submit`, { version }),
  resubmit: (id: string, version: number) => api.post<DeclarationDetail>(`/declarations/${id}/resubmit`, { version }),
  cancel: (id: string, version: number, reason?: string) => api.post<DeclarationDetail>(`/declarations/${id}/cancel`, { version, reason }),
  fetchEducation: () => api.post<EducationFetchResult>('/declarations/education/fetch', {}),
  form: (id: string, form: DeclarationForm) => fetchBlob(`/declarations/${id}/forms/${form}`),
  fileContent: (fileId: string) => fetchBlob(`/files/${fileId}/content`),
  deleteFile: (fileId: string) => api.delete<void>(`/files/${fileId}`),
  regions: (parent: string | null) => api.get<RegionDto[]>('/regions', { parent: parent ?? undefined }),
  series: () => api.get<SeriesItem[]>('/title-series'),
  titles: (seriesCode: string, level: TitleLevel) => api.get<TitleItem[]>('/titles', { seriesCode, level }),
  professionTree: () => api.get<ProfessionNode[]>('/professions/tree'),
  matchCommittees: (regionCode: string, titleLevel: TitleLevel, professionCode: string) =>
    api.get<CommitteeChoice[]>('/committees/match', { regionCode, titleLevel, professionCode }),
  /** Fuzzy search of work units / supervising departments for the start form. */
  searchOrgs: async (type: 'unit' | 'dept', keyword: string, regionCode?: string): Promise<OrgChoice[]> =>
    regionCode ? api.get<OrgChoice[]>('/declarations/pickers/orgs', { type, keyword, regionCode }) : [],
};

export function useMyDeclarations(q: MyDeclarationsQuery) {
  return useQuery({ queryKey: declarationKeys.mine(q), queryFn: () => declarationApi.mine(q), placeholderData: keepPreviousData });
}

export function useDeclaration(id: string) {
  return useQuery({ queryKey: declarationKeys.detail(id), queryFn: () => declarationApi.detail(id), staleTime: 0 });
}

export function useTimeline(id: string, enabled = true) {
  return useQuery({ queryKey: declarationKeys.timeline(id), queryFn: () => declarationApi.timeline(id), enabled, staleTime: 0 });
}

export function useOpenBatches(kind: DeclarationKind) {
  return useQuery({ queryKey: declarationKeys.openBatches(kind), queryFn: () => declarationApi.openBatches(kind) });
}

export function useRegions(parent: string | null, enabled = true) {
  return useQuery({ queryKey: declarationKeys.regions(parent), queryFn: () => declarationApi.regions(parent), enabled, staleTime: Infinity });
}

export function useSeries() {
  return useQuery({ queryKey: declarationKeys.series(), queryFn: declarationApi.series, staleTime: Infinity });
}

export function useTitles(seriesCode: string | undefined, level: TitleLevel | undefined) {
  return useQuery({
    queryKey: declarationKeys.titles(seriesCode ?? '', level ?? ('' as TitleLevel)),
    queryFn: () => declarationApi.titles(seriesCode!, level!),
    enabled: !!seriesCode && !!level,
    staleTime: Infinity,
  });
}

export function useProfessionTree() {
  return useQuery({ queryKey: declarationKeys.professionTree(), queryFn: declarationApi.professionTree, staleTime: Infinity });
}

export function useStartDeclaration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: declarationApi.start,
    onSuccess: (d) => {
      qc.setQueryData(declarationKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: declarationKeys.mineAll() });
    },
  });
}

/** After a state change: the detail answer replaces the cache, lists and the timeline refetch. */
export function useDeclarationAction<A>(fn: (a: A) => Promise<DeclarationDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData(declarationKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: declarationKeys.mineAll() });
      void qc.invalidateQueries({ queryKey: declarationKeys.timeline(d.id) });
    },
  });
}

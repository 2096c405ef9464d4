import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TitleLevel } from '@zhicheng/contracts';
import { api } from '../../../lib/api';

export interface ProfessionNode {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  depth: number;
  sortOrder: number;
  children: ProfessionNode[];
}

export interface TitleItem {
  id: string;
  seriesCode: string;
  level: TitleLevel;
  name: string;
  ministryCode: string;
}

export const refKeys = {
  professionTree: ['ref', 'professions', 'tree'] as const,
  series: ['ref', 'series'] as const,
  titles: ['ref', 'titles'] as const,
};

export function useProfessionTree() {
  return useQuery({ queryKey: refKeys.professionTree, queryFn: () => api.get<ProfessionNode[]>('/professions/tree'), staleTime: 60_000 });
}

export function useSeries() {
  return useQuery({ queryKey: refKeys.series, queryFn: () => api.get<{ code: string; name: string }[]>('/title-series'), staleTime: 300_000 });
}

export function useTitles(seriesCode?: string) {
  return useQuery({ queryKey: [...refKeys.titles, seriesCode ?? ''], queryFn: () => api.get<TitleItem[]>('/titles', { seriesCode }), placeholderData: keepPreviousData });
}

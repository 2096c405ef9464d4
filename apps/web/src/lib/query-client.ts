import { MutationCache, QueryClient, type Query } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * A live query: a list or a count that another operator's work changes (issue 15, "lists that tell the truth") — a
 * paged list (a `{ page, pageSize }` in its key) or one that says `meta: { live: true }` (the workbench's counts, a
 * plan's candidates). It is never served from the cache without asking the server again, it refreshes when the
 * operator comes back to the browser tab, after any action, and on 查询. Other queries (a declaration, a form's
 * record, reference data) keep their cache for 30 s and are left alone on focus, so nothing being edited is reset.
 */
export function isLiveQuery(q: Pick<Query, 'queryKey' | 'meta'>): boolean {
  if (q.meta?.live === true) return true;
  return q.queryKey.some((k) => typeof k === 'object' && k !== null && 'page' in k && 'pageSize' in k);
}

/** Marks every live query stale and asks again for those on screen (a fetch already under way is not restarted). */
export function refreshLiveQueries(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: isLiveQuery }, { cancelRefetch: false });
}

export const queryClient: QueryClient = new QueryClient({
  // After any successful action the lists and counts on screen refresh (a domain's hooks refresh their own records);
  // not awaited: the action's message does not wait for the lists.
  mutationCache: new MutationCache({
    onSuccess: () => {
      void refreshLiveQueries();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: (q) => (isLiveQuery(q) ? 0 : 30_000),
      refetchOnWindowFocus: (q) => isLiveQuery(q),
      retry: (count, err) => !(err instanceof ApiError && err.statusCode > 0 && err.statusCode < 500) && count < 2,
    },
  },
});

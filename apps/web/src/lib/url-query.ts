import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Scalar = string | number | undefined;

/**
 * A list's query (filters and paging) kept in the address bar, so a link opens the list filtered (the workbench's
 * counts link to them), a filtered list can be shared, and the back button returns to the previous filter.
 * Keys whose default is a number are read as numbers; a value equal to its default is left out of the address.
 */
export function useUrlQuery<T extends { page: number; pageSize: number }>(defaults: T): [T, (update: (q: T) => T) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const defaultsKey = JSON.stringify(defaults);
  const query = useMemo(() => {
    const base = JSON.parse(defaultsKey) as Record<string, Scalar>;
    const out: Record<string, Scalar> = { ...base };
    for (const [k, v] of new URLSearchParams(key)) {
      if (v === '') {
        out[k] = undefined; // chosen 全部 where the default filters
        continue;
      }
      if (typeof base[k] === 'number' || k === 'year') {
        const n = Number(v);
        if (Number.isFinite(n)) out[k] = n;
      } else out[k] = v;
    }
    if (!Number.isInteger(out.page) || (out.page as number) < 1) out.page = 1;
    return out as T;
  }, [key, defaultsKey]);
  const setQuery = useCallback(
    (update: (q: T) => T) => {
      const next = update(query) as Record<string, Scalar>;
      const base = JSON.parse(defaultsKey) as Record<string, Scalar>;
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(next)) {
        const empty = v === undefined || v === null || v === '';
        if (empty) {
          if (base[k] !== undefined) p.set(k, ''); // 全部, against a filtering default
        } else if (v !== base[k]) p.set(k, String(v));
      }
      setParams(p);
    },
    [query, defaultsKey, setParams],
  );
  return [query, setQuery];
}

/** The filter fields of a query (without paging), for a FilterBar's initial values. */
export function filtersOf<T extends { page: number; pageSize: number }>(q: T): Omit<T, 'page' | 'pageSize'> {
  const { page: _p, pageSize: _s, ...rest } = q;
  return rest;
}

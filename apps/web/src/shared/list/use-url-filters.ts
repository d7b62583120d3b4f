import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type Filters<K extends string> = Partial<Record<K, string>>;

/** List filters live in the URL, so a filtered list can be linked to, reloaded and navigated back to. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const signature = keys.map((k) => `${k}=${params.get(k) ?? ''}`).join('&');

  const filters = useMemo(() => {
    const out: Filters<K> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
    // `signature` captures exactly the parts of the URL these filters read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);

  const setFilter = useCallback(
    (key: K, value: string | undefined | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of keys) next.delete(key);
        return next;
      },
      { replace: true },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setParams, keys.join(',')]);

  return { filters, setFilter, clear, active: Object.keys(filters).length > 0 };
}

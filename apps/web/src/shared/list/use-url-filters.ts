import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type Filters<K extends string> = Partial<Record<K, string>>;

/**
 * List filters live in the URL, so a filtered list can be linked to, reloaded and navigated back to.
 * Pass `keys` as a module-level constant.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();

  const filters: Filters<K> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }

  // One URL update per change: react-router does not chain two functional updates in one event.
  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as [K, string | undefined | null][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setFilter = useCallback(
    (key: K, value: string | undefined | null) => setFilters({ [key]: value } as Partial<Record<K, string | undefined | null>>),
    [setFilters],
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
  }, [setParams, keys]);

  return { filters, setFilter, setFilters, clear, active: Object.keys(filters).length > 0 };
}

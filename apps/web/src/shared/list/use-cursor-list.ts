import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '@kefu/contracts';

export type CursorQuery = {
  cursor?: string;
  limit: number;
};

export interface CursorListOptions<T, F extends object> {
  /** Root of the query key; mutations invalidate it to refresh every page of the list. */
  resource: string;
  filters: F;
  fetchPage: (query: F & CursorQuery, signal: AbortSignal) => Promise<Page<T>>;
  pageSize?: number;
  enabled?: boolean;
}

/**
 * Server-side cursor pagination with a stack of visited cursors, so "previous" is exact even though
 * the server only hands out forward cursors. Any filter change starts again from the first page.
 */
export function useCursorList<T, F extends object>({ resource, filters, fetchPage, pageSize = 25, enabled = true }: CursorListOptions<T, F>) {
  const filterKey = JSON.stringify(filters);
  const [stack, setStack] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = stack.key === filterKey ? stack.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const query = useQuery({
    queryKey: [resource, 'list', filters, cursor ?? null, pageSize],
    queryFn: ({ signal }) => fetchPage({ ...filters, cursor, limit: pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

  const nextCursor = query.data?.nextCursor ?? null;
  return {
    items: query.data?.items ?? [],
    query,
    page: cursors.length,
    hasPrev: cursors.length > 1,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    next: () => {
      if (nextCursor) setStack({ key: filterKey, cursors: [...cursors, nextCursor] });
    },
    prev: () => setStack({ key: filterKey, cursors: cursors.slice(0, -1) }),
  };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T, object>>;

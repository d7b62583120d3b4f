import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { kbCategoriesKey, listKbCategories } from '../api';
import { buildCategoryTree } from '../category-tree';

/** The category tree the caller may see (customers: public categories holding articles). */
export function useKbCategories() {
  const query = useQuery({ queryKey: kbCategoriesKey, queryFn: ({ signal }) => listKbCategories(signal), staleTime: 60_000 });
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const tree = useMemo(() => buildCategoryTree(items), [items]);
  return { items, tree, query };
}

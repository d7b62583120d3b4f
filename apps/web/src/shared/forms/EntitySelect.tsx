import { useState } from 'react';
import { Select, Spin, type SelectProps } from 'antd';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '../hooks/use-debounced-value';

export interface EntityOption {
  value: string;
  label: string;
}

type Value = string | string[] | null | undefined;

interface EntitySelectProps extends Omit<SelectProps<Value, EntityOption>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> {
  resource: string;
  search: (q: string | undefined, signal: AbortSignal) => Promise<EntityOption[]>;
  /** Looks up a selected id that is not among the searched options, so it shows a name, not an id. */
  lookup: (id: string) => Promise<EntityOption>;
}

/** A select over a server-side list: debounced search, and names for already-chosen ids. */
export function EntitySelect({ resource, search, lookup, value, ...rest }: EntitySelectProps) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250) || undefined;
  const options = useQuery({
    queryKey: [resource, 'options', q ?? null],
    queryFn: ({ signal }) => search(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const selected = value == null ? [] : Array.isArray(value) ? value : [value];
  const known = new Map((options.data ?? []).map((o) => [o.value, o]));
  const missing = selected.filter((id) => !known.has(id));
  const lookups = useQueries({
    queries: missing.map((id) => ({
      queryKey: [resource, 'option', id],
      queryFn: () => lookup(id),
      staleTime: 5 * 60_000,
    })),
  });
  for (const l of lookups) if (l.data) known.set(l.data.value, l.data);

  // Chosen entries first, so a multi-select shows names even while a search narrows the list.
  const merged = [...selected.map((id) => known.get(id) ?? { value: id, label: '…' })];
  for (const o of options.data ?? []) if (!selected.includes(o.value)) merged.push(o);

  return (
    <Select<Value, EntityOption>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText }}
      onBlur={() => setText('')}
      options={merged}
      notFoundContent={options.isFetching ? <Spin size="small" /> : undefined}
    />
  );
}

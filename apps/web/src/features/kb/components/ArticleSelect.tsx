import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { kbResource, searchKb } from '../api';

interface ArticleSelectProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Titles of the ids already chosen, so they show before any search. */
  known: ReadonlyMap<string, string>;
  exclude?: string;
}

/** Pick related articles by searching the knowledge base. */
export function ArticleSelect({ value = [], onChange, known, exclude }: ArticleSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: [kbResource, 'pick', q],
    queryFn: ({ signal }) => searchKb(q, undefined, signal, 10),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const titles = new Map(known);
  for (const r of found.data?.items ?? []) titles.set(r.id, r.title);
  const options = [...titles].filter(([id]) => id !== exclude).map(([id, title]) => ({ value: id, label: title }));
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ onSearch: setText, filterOption: false }}
      loading={found.isFetching}
      placeholder={t('kb.editor.relatedPlaceholder')}
      notFoundContent={q ? t('common.noMatches') : t('kb.editor.typeToSearch')}
      options={options}
    />
  );
}

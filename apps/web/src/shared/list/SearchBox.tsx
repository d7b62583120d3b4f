import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useDebouncedValue } from '../hooks/use-debounced-value';

interface SearchBoxProps {
  value: string | undefined;
  onSearch: (value: string) => void;
  placeholder: string;
  label: string;
}

/** Debounced search input: typing settles for 300 ms before the list refetches. */
export function SearchBox({ value, onSearch, placeholder, label }: SearchBoxProps) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebouncedValue(text.trim(), 300);

  useEffect(() => {
    if (debounced !== (value ?? '')) onSearch(debounced);
    // Only a settled change of the typed text should search; `value` follows from it.
  }, [debounced]);

  useEffect(() => {
    if ((value ?? '') !== text.trim()) setText(value ?? '');
    // Outside changes of the URL (a "clear filters" click) reset the box.
  }, [value]);

  return (
    <Input
      allowClear
      aria-label={label}
      placeholder={placeholder}
      prefix={<SearchOutlined style={{ color: 'var(--ant-color-text-quaternary)' }} />}
      value={text}
      onChange={(e) => setText(e.target.value)}
      style={{ width: 280 }}
    />
  );
}

import { useState } from 'react';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The portal's knowledge-base search box; searching opens the results page. */
export function KbSearchBox({ initial = '', size = 'large', autoFocus }: { initial?: string; size?: 'large' | 'middle'; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  return (
    <Input.Search
      value={text}
      size={size}
      enterButton={t('kb.portal.searchButton')}
      allowClear
      autoFocus={autoFocus}
      maxLength={500}
      data-testid="kb-search-input"
      aria-label={t('kb.portal.searchLabel')}
      placeholder={t('kb.portal.searchPlaceholder')}
      onChange={(e) => setText(e.target.value)}
      onSearch={(value) => {
        const q = value.trim();
        if (q) void navigate(`/portal/kb/search?q=${encodeURIComponent(q)}`);
      }}
    />
  );
}

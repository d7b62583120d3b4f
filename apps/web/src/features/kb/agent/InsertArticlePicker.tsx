import { useState } from 'react';
import { App, Button, Empty, Flex, Input, Popover, Spin, Tag, Typography } from 'antd';
import { BookOutlined, FileTextOutlined, LinkOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KbSearchResult } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { getKbArticle, kbResource, portalArticlePath, recordKbArticleUse, searchKb } from '../api';
import '../kb.css';

interface InsertArticlePickerProps {
  ticketId: string;
  /** Receives the text to put into the reply at the cursor. */
  onInsert: (text: string) => void;
  disabled?: boolean;
}

function Panel({ ticketId, onDone }: { ticketId: string; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 250);
  const found = useQuery({
    queryKey: [kbResource, 'insert', q],
    queryFn: ({ signal }) => searchKb(q, undefined, signal, 10),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const insert = useMutation({
    mutationFn: async ({ r, kind }: { r: KbSearchResult; kind: 'link' | 'text' }) => {
      const snippet = kind === 'link'
        ? t('kb.insert.linkLine', { title: r.title, url: `${window.location.origin}${portalArticlePath(r.id)}` })
        : (await getKbArticle(r.id)).bodyText;
      // Counted after the text is in hand, so a failed fetch records no use.
      await recordKbArticleUse(r.id, { ticketId, kind });
      return snippet;
    },
    onSuccess: onDone,
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  const items = q ? (found.data?.items ?? []) : [];
  return (
    <div style={{ width: 420 }}>
      <Input.Search autoFocus allowClear value={text} onChange={(e) => setText(e.target.value)} placeholder={t('kb.insert.search')} aria-label={t('kb.insert.search')} loading={found.isFetching} />
      <div style={{ maxHeight: 380, overflowY: 'auto', marginTop: 8 }} role="list" aria-label={t('kb.insert.title')}>
        {found.isFetching && !found.data ? <Flex justify="center" style={{ padding: 20 }}><Spin /></Flex> : null}
        {items.length === 0 && !found.isFetching ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(q ? 'common.noMatches' : 'kb.insert.empty')} /> : null}
        {items.map((r) => (
          <div key={r.id} role="listitem" data-testid="kb-insert-result" className="kefu-search-hit" style={{ padding: '8px 6px', borderBottom: '1px solid var(--ant-color-border-secondary)' }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong ellipsis style={{ minWidth: 0 }}><span dangerouslySetInnerHTML={{ __html: r.titleHtml }} /></Typography.Text>
              {r.visibility === 'internal' ? <Tag style={{ marginInlineEnd: 0 }}>{t('kb.insert.internalOnly')}</Tag> : null}
            </Flex>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 6px', fontSize: 12 }}>
              <span dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
            </Typography.Paragraph>
            <Flex gap={6}>
              {/* A customer cannot open an internal article, so only its text can go into a reply. */}
              {r.visibility === 'public' ? (
                <Button size="small" icon={<LinkOutlined />} loading={insert.isPending && insert.variables?.r.id === r.id && insert.variables.kind === 'link'} onClick={() => insert.mutate({ r, kind: 'link' })}>
                  {t('kb.insert.link')}
                </Button>
              ) : null}
              <Button size="small" icon={<FileTextOutlined />} loading={insert.isPending && insert.variables?.r.id === r.id && insert.variables.kind === 'text'} onClick={() => insert.mutate({ r, kind: 'text' })}>
                {t('kb.insert.text')}
              </Button>
            </Flex>
          </div>
        ))}
      </div>
    </div>
  );
}

/** "Insert article" in the reply box: search the knowledge base, insert a link or the text; the use is recorded. */
export function InsertArticlePicker({ ticketId, onInsert, disabled }: InsertArticlePickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={(next) => setOpen(next && !disabled)}
      trigger="click"
      placement="topLeft"
      destroyOnHidden
      title={t('kb.insert.title')}
      content={<Panel ticketId={ticketId} onDone={(text) => { setOpen(false); onInsert(text); }} />}
    >
      <Button icon={<BookOutlined />} disabled={disabled}>{t('kb.insert.button')}</Button>
    </Popover>
  );
}

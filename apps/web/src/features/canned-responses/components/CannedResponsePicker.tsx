import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { App, Button, Empty, Flex, Input, Popover, Spin, Tag, Typography, type PopoverProps } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CannedResponse, Locale, RenderedCannedResponse } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value';
import { cannedResponsesResource, listCannedResponses, renderCannedResponse } from '../api';
import type { CannedRenderContext } from '../hooks/use-canned-responses';
import { ScopeTag } from './ScopeTag';

export interface CannedResponsePick extends RenderedCannedResponse {
  response: CannedResponse;
}

export interface CannedResponsePickerProps {
  /** Values for the placeholders; `{{agent.name}}` is always the signed-in user, filled by the server. */
  context?: CannedRenderContext;
  /** Offer responses written for this language or for any language. */
  locale?: Locale;
  /** Receives the rendered response (`html`, `text`, any placeholders left unfilled) once chosen. */
  onPick: (picked: CannedResponsePick) => void;
  disabled?: boolean;
  /** A custom trigger instead of the default button. */
  children?: ReactNode;
  placement?: PopoverProps['placement'];
}

function PickerPanel({ context, locale, onPicked }: { context?: CannedRenderContext; locale?: Locale; onPicked: (p: CannedResponsePick) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), 250) || undefined;
  const list = useQuery({
    queryKey: [cannedResponsesResource, 'picker', q ?? null, locale ?? null],
    queryFn: ({ signal }) => listCannedResponses({ q, locale, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = list.data?.items ?? [];
  const render = useMutation({
    mutationFn: async (response: CannedResponse) => ({ ...(await renderCannedResponse(response.id, { context: context ?? {} })), response }),
    onSuccess: (picked) => {
      // The use count changed; lists sorted or showing it should refetch when next shown.
      void queryClient.invalidateQueries({ queryKey: [cannedResponsesResource] });
      onPicked(picked);
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (!items.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = items[Math.min(active, items.length - 1)];
      if (chosen && !render.isPending) render.mutate(chosen);
    }
  };

  return (
    <div style={{ width: 380 }}>
      <Input.Search
        autoFocus
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('cannedResponses.pickerSearch')}
        aria-label={t('cannedResponses.pickerSearch')}
        aria-controls="canned-response-options"
        loading={list.isFetching}
      />
      <div id="canned-response-options" role="listbox" aria-label={t('cannedResponses.title')} style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8 }}>
        {list.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(q ? 'common.noMatches' : 'cannedResponses.pickerEmpty')} />
        ) : (
          items.map((r, i) => (
            <div
              key={r.id}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseEnter={() => setActive(i)}
              onClick={() => !render.isPending && render.mutate(r)}
              style={{
                padding: '8px 10px',
                borderRadius: 6,
                cursor: render.isPending ? 'progress' : 'pointer',
                background: i === active ? 'var(--ant-control-item-bg-hover, rgba(0,0,0,0.04))' : undefined,
              }}
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong ellipsis>
                  {r.title}
                </Typography.Text>
                <Flex gap={4} align="center" style={{ flexShrink: 0 }}>
                  {render.isPending && render.variables?.id === r.id ? <Spin size="small" /> : null}
                  {r.shortcut ? <Typography.Text code>{r.shortcut}</Typography.Text> : null}
                  {r.category ? <Tag style={{ marginInlineEnd: 0 }}>{r.category}</Tag> : null}
                  <ScopeTag scope={r.scope} />
                </Flex>
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
                {r.text}
              </Typography.Paragraph>
            </div>
          ))
        )}
      </div>
    </div>
  );
}

/**
 * Choose a canned response (话术) for a reply: search by title, text or `/shortcut`, arrow keys and
 * Enter or a click to choose. The response is rendered by the server with `context` and handed to
 * `onPick`; the use is counted.
 */
export function CannedResponsePicker({ context, locale, onPick, disabled, children, placement = 'topLeft' }: CannedResponsePickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={(next) => setOpen(next && !disabled)}
      trigger="click"
      placement={placement}
      destroyOnHidden
      title={t('cannedResponses.title')}
      content={
        <PickerPanel
          context={context}
          locale={locale}
          onPicked={(picked) => {
            setOpen(false);
            onPick(picked);
          }}
        />
      }
    >
      {children ?? (
        <Button icon={<MessageOutlined />} disabled={disabled}>
          {t('cannedResponses.insert')}
        </Button>
      )}
    </Popover>
  );
}

import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { Alert, App, Button, Flex, Input, Select, Tabs, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { CannedResponsePicker } from '../../canned-responses';
import { InsertArticlePicker } from '../../kb';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { addMessage } from '../api';
import { ReplyMailboxSelect, useReplyMailboxes } from '../../mail';
import { useBaseVersion, useTicketWorkspace, useTimelineQuery } from '../hooks/use-ticket';
import { useStaffDirectory } from '../hooks/use-staff';
import { ticketNumber } from '../format';

export type ReplyMode = 'public' | 'internal';

export interface ReplyBoxHandle {
  focus: (mode: ReplyMode) => void;
}

interface ReplyBoxProps {
  ref?: Ref<ReplyBoxHandle>;
  /** Tells presence whether the agent is typing a reply. */
  onDraftChange?: (hasText: boolean) => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Public reply or internal note, with canned responses, @mentions and Ctrl/⌘+Enter to send. */
export function ReplyBox({ ref, onDraftChange }: ReplyBoxProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ws = useTicketWorkspace();
  const { ticket } = ws;
  const { staff } = useStaffDirectory();
  const [mode, setMode] = useState<ReplyMode>('public');
  const [text, setText] = useState('');
  const [mentionIds, setMentionIds] = useState<string[]>([]);
  const mail = useReplyMailboxes(ticket, useTimelineQuery(ticket.id).data?.items);
  const [chosenMailbox, setChosenMailbox] = useState<string>();
  const mailboxId = mail.isEmail ? (chosenMailbox ?? mail.preselected) : undefined;
  const area = useRef<TextAreaRef>(null);
  const base = useBaseVersion(text.trim().length > 0);
  const closed = ticket.status === 'closed' || ticket.mergedIntoId !== null;

  useImperativeHandle(ref, () => ({
    focus: (next) => {
      setMode(next);
      setTimeout(() => area.current?.focus({ cursor: 'end' }), 0);
    },
  }));

  const update = (value: string) => {
    setText(value);
    onDraftChange?.(value.trim().length > 0);
  };

  const send = useMutation({
    mutationFn: () =>
      addMessage(ticket.id, { body: text, internal: mode === 'internal', mentionIds, ...(mode === 'public' && mailboxId ? { mailboxId } : {}) }, base),
    onSuccess: () => {
      ws.markOwn(base + 1);
      update('');
      setMentionIds([]);
      void message.success(mode === 'internal' ? t('tickets.reply.noteSaved') : t('tickets.reply.sent'));
      ws.refresh();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) ws.setStale(true);
      else void message.error(isApiError(error) && error.problem.detail ? `${problemMessage(error, t)} ${error.problem.detail}` : problemMessage(error, t));
    },
  });

  const submit = () => {
    if (!text.trim() || send.isPending || closed) return;
    send.mutate();
  };

  const insert = (snippet: string) => {
    const el = area.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + snippet + text.slice(end);
    update(next);
    setTimeout(() => {
      const cursor = start + snippet.length;
      el?.focus();
      el?.setSelectionRange(cursor, cursor);
    }, 0);
  };

  const internal = mode === 'internal';
  return (
    <div
      style={{
        border: `1px solid ${internal ? '#ffe58f' : 'var(--ant-color-border)'}`,
        background: internal ? '#fffbe6' : 'var(--ant-color-bg-container)',
        borderRadius: 10,
        padding: '0 12px 12px',
      }}
    >
      <Tabs
        activeKey={mode}
        onChange={(k) => setMode(k as ReplyMode)}
        size="small"
        items={[
          { key: 'public', label: t('tickets.reply.public') },
          { key: 'internal', label: <span><LockOutlined /> {t('tickets.reply.internal')}</span> },
        ]}
      />
      {closed ? <Alert type="info" showIcon title={t('tickets.reply.closed')} style={{ marginBottom: 8 }} /> : null}
      <Input.TextArea
        ref={area}
        value={text}
        disabled={closed}
        aria-label={internal ? t('tickets.reply.internalLabel') : t('tickets.reply.publicLabel')}
        placeholder={internal ? t('tickets.reply.internalPlaceholder') : t('tickets.reply.publicPlaceholder', { name: ticket.requesterName })}
        autoSize={{ minRows: 4, maxRows: 16 }}
        variant="borderless"
        style={{ background: 'transparent', padding: '4px 0' }}
        onChange={(e) => update(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
        <Flex gap={8} align="center" wrap>
          <CannedResponsePicker
            disabled={closed}
            context={{ customer: { name: ticket.requesterName }, ticket: { number: ticketNumber(ticket.number), subject: ticket.subject } }}
            onPick={(picked) => insert(picked.text)}
          />
          <InsertArticlePicker ticketId={ticket.id} disabled={closed} onInsert={insert} />
          <Select
            mode="multiple"
            allowClear
            disabled={closed}
            aria-label={t('tickets.reply.mention')}
            placeholder={`@ ${t('tickets.reply.mention')}`}
            style={{ minWidth: 180 }}
            maxTagCount="responsive"
            value={mentionIds}
            onChange={setMentionIds}
            showSearch={{ optionFilterProp: 'label' }}
            options={staff.filter((u) => u.active && u.id !== me.id).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Flex>
        <Flex gap={8} align="center">
          {mail.isEmail && !internal ? <ReplyMailboxSelect options={mail.options} value={mailboxId} onChange={setChosenMailbox} disabled={closed} /> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isMac ? '⌘' : 'Ctrl'}+Enter
          </Typography.Text>
          <Tooltip title={internal ? t('tickets.reply.internalHint') : undefined}>
            <Button type="primary" icon={<SendOutlined />} loading={send.isPending} disabled={!text.trim() || closed} onClick={submit}>
              {internal ? t('tickets.reply.sendNote') : t('tickets.reply.send')}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
    </div>
  );
}

import { Button, Empty, Flex, Spin, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, ScissorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PersonAvatar } from '../../../shared/ui/PersonCell';
import { EmailMessageBody, MessageAttachments } from '../../mail';
import type { Message, TimelineEvent, TimelineItem } from '../types';
import { eventSentences, linkedTicket, type Names } from './event-text';

function When({ at }: { at: string }) {
  return (
    <Tooltip title={formatDateTime(at)}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <time dateTime={at}>{fromNow(at)}</time>
      </Typography.Text>
    </Tooltip>
  );
}

function MessageItem({ m, onSplit }: { m: Message; onSplit?: (m: Message) => void }) {
  const { t } = useTranslation();
  const staff = m.authorType === 'staff';
  // Staff write on the right, the customer on the left, like any chat; notes stand out in yellow.
  const background = m.internal ? '#fffbe6' : staff ? '#eef4ff' : '#ffffff';
  const border = m.internal ? '#ffe58f' : staff ? '#d6e4ff' : 'var(--ant-color-border-secondary)';
  const bubble = { background, border: `1px solid ${border}`, borderRadius: 10, padding: '10px 14px', lineHeight: 1.7, wordBreak: 'break-word', overflowX: 'auto' } as const;
  return (
    <Flex gap={10} align="flex-start" justify={staff ? 'flex-end' : 'flex-start'} data-testid="timeline-message" data-internal={m.internal}>
      {!staff ? <PersonAvatar name={m.authorName} size={32} /> : null}
      <div style={{ maxWidth: '82%', minWidth: 200 }}>
        <Flex gap={8} align="center" justify={staff ? 'flex-end' : 'flex-start'} style={{ marginBottom: 4 }}>
          <Typography.Text strong style={{ fontSize: 13 }}>{m.authorName}</Typography.Text>
          {m.internal ? (
            <Tag color="gold" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('tickets.timeline.internalNote')}
            </Tag>
          ) : !staff ? (
            <Tag style={{ marginInlineEnd: 0 }}>{t('tickets.timeline.customer')}</Tag>
          ) : null}
          <When at={m.createdAt} />
          {onSplit && !m.internal ? (
            <Tooltip title={t('ticketTools.split.action')}>
              <Button size="small" type="text" icon={<ScissorOutlined />} aria-label={t('ticketTools.split.action')} onClick={() => onSplit(m)} className="kefu-message-action" />
            </Tooltip>
          ) : null}
        </Flex>
        {m.email ? (
          <EmailMessageBody message={{ ...m, email: m.email }} style={bubble} />
        ) : (
          <div style={bubble}>
            <div
              className="kefu-message-body"
              // Sanitized by the server (allow-list) before it was stored: safe to render as HTML.
              dangerouslySetInnerHTML={{ __html: m.bodyHtml }}
            />
            <MessageAttachments attachments={m.attachments} html={m.bodyHtml} />
          </div>
        )}
      </div>
      {staff ? <PersonAvatar name={m.authorName} size={32} /> : null}
    </Flex>
  );
}

function EventItem({ e, names }: { e: TimelineEvent; names: Names }) {
  const { t } = useTranslation();
  const sentences = eventSentences(e, t, names);
  const linked = linkedTicket(e);
  if (sentences.length === 0) return null;
  return (
    <Flex gap={8} align="baseline" style={{ paddingInlineStart: 42, fontSize: 13 }} data-testid="timeline-event" data-type={e.type}>
      <span aria-hidden style={{ width: 6, height: 6, borderRadius: 3, background: 'var(--ant-color-text-quaternary)', flexShrink: 0, transform: 'translateY(-2px)' }} />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        <Typography.Text style={{ fontSize: 13 }}>{e.actorName ?? 'Kefu'}</Typography.Text> {sentences.join('；')}
      </Typography.Text>
      {linked ? <Link to={`/agent/tickets/${linked}`} style={{ fontSize: 13 }}>{t('ticketTools.timeline.open')}</Link> : null}
      <When at={e.createdAt} />
    </Flex>
  );
}

interface TimelineProps {
  items: TimelineItem[] | undefined;
  loading: boolean;
  names: Names;
  /** Offered on public messages while the ticket can still be split. */
  onSplit?: (m: Message) => void;
}

/** The ticket's whole story in order: what was said and what was changed. */
export function Timeline({ items, loading, names, onSplit }: TimelineProps) {
  const { t } = useTranslation();
  if (loading && !items) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (!items?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.timeline.empty')} />;
  return (
    <Flex vertical gap={14} role="log" aria-label={t('tickets.timeline.title')}>
      {items.map((item) =>
        item.kind === 'message' ? <MessageItem key={item.id} m={item} onSplit={onSplit} /> : <EventItem key={item.id} e={item} names={names} />,
      )}
    </Flex>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, RiseOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { maxEscalationLevel, type Message, type Ticket } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { EscalateModal, EscalationTag } from '../../sla-policies';
import { getTicket, getTimeline, ticketKey, ticketsResource, timelineKey } from '../../tickets/api';
import { ticketNumber } from '../../tickets/format';
import { StatusTag } from '../../tickets/components/TicketTags';
import '../../tickets/tickets.css';

/** One of the customer's requests: its state, the public conversation, and asking for escalation. */
export function PortalRequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ticket = useQuery({ queryKey: ticketKey(id), queryFn: ({ signal }) => getTicket(id, signal) });
  const timeline = useQuery({ queryKey: timelineKey(id), queryFn: ({ signal }) => getTimeline(id, signal) });
  const [escalating, setEscalating] = useState(false);

  if (ticket.isError && !ticket.data) return <ProblemResult error={ticket.error} home="/portal" onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <Skeleton active style={{ paddingTop: 40 }} paragraph={{ rows: 8 }} />;
  const r = ticket.data;
  const messages = (timeline.data?.items ?? []).filter((i): i is Message & { kind: 'message' } => i.kind === 'message');
  const canEscalate = r.status !== 'closed' && !r.mergedIntoId && r.escalationLevel < maxEscalationLevel;

  const escalated = (after: Ticket) => {
    queryClient.setQueryData(ticketKey(id), after);
    void queryClient.invalidateQueries({ queryKey: timelineKey(id) });
    void queryClient.invalidateQueries({ queryKey: [ticketsResource, 'portal'] });
  };

  return (
    <div style={{ paddingTop: 24 }}>
      <Link to="/portal" style={{ fontSize: 13 }}>
        <ArrowLeftOutlined /> {t('portalRequests.back')}
      </Link>
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ margin: '8px 0 16px' }}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: '0 0 8px', fontWeight: 600 }}>
            <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 400 }}>{ticketNumber(r.number)}</Typography.Text> {r.subject}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <span data-testid="portal-request-status"><StatusTag status={r.status} /></span>
            <EscalationTag level={r.escalationLevel} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('portalRequests.created', { at: formatDateTime(r.createdAt) })}</Typography.Text>
          </Flex>
        </div>
        <Tooltip title={canEscalate ? undefined : t('sla.escalate.unavailable')}>
          <Button icon={<RiseOutlined />} disabled={!canEscalate} onClick={() => setEscalating(true)}>{t('portalRequests.escalate')}</Button>
        </Tooltip>
      </Flex>
      {r.escalationLevel > 0 ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('portalRequests.escalatedAt', { level: r.escalationLevel })} /> : null}
      <Card title={t('portalRequests.conversation')}>
        {timeline.isPending ? <Skeleton active /> : null}
        {!timeline.isPending && messages.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portalRequests.noMessages')} /> : null}
        <Flex vertical gap={14}>
          {messages.map((m) => {
            const mine = m.authorType === 'customer';
            return (
              <Flex key={m.id} vertical align={mine ? 'flex-end' : 'flex-start'} data-testid="portal-message">
                <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
                  {mine ? t('portalRequests.you') : `${m.authorName} · ${t('portalRequests.support')}`} · {formatDateTime(m.createdAt)}
                </Typography.Text>
                <div
                  className="kefu-message-body"
                  style={{ maxWidth: '82%', background: mine ? '#eef4ff' : '#ffffff', border: '1px solid var(--ant-color-border-secondary)', borderRadius: 10, padding: '10px 14px', lineHeight: 1.7, wordBreak: 'break-word' }}
                  // Sanitized by the server (allow-list) before it was stored: safe to render as HTML.
                  dangerouslySetInnerHTML={{ __html: m.bodyHtml }}
                />
              </Flex>
            );
          })}
        </Flex>
      </Card>
      <EscalateModal open={escalating} ticket={r} audience="customer" onClose={() => setEscalating(false)} onEscalated={escalated} />
    </div>
  );
}

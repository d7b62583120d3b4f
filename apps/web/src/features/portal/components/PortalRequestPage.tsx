import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined, RiseOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { maxEscalationLevel, type Message, type Ticket } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { citedArticleIds } from '../../kb/cited-articles';
import { CitedArticles } from '../../kb/portal/CitedArticles';
import { EscalateModal, EscalationTag } from '../../sla-policies';
import { getTicket, getTimeline, ticketKey, ticketsResource, timelineKey } from '../../tickets/api';
import { ticketNumber } from '../../tickets/format';
import { StatusTag } from '../../tickets/components/TicketTags';
import { attachmentUrl } from '../api';
import { PortalLiveSync } from './PortalLiveSync';
import { PortalReplyForm } from './PortalReplyForm';
import { RequestProgress } from './RequestProgress';
import { RequestRating } from './RequestRating';
import { ResolutionPanel } from './ResolutionPanel';
import '../../tickets/tickets.css';

function MessageBubble({ m }: { m: Message }) {
  const { t } = useTranslation();
  const mine = m.authorType === 'customer';
  return (
    <Flex vertical align={mine ? 'flex-end' : 'flex-start'} data-testid="portal-message" data-author={m.authorType}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {mine ? t('portalRequests.you') : `${m.authorName} · ${t('portalRequests.support')}`} · {formatDateTime(m.createdAt)}
      </Typography.Text>
      <div style={{ maxWidth: '82%', background: mine ? '#eef4ff' : '#ffffff', border: '1px solid var(--ant-color-border-secondary)', borderRadius: 10, padding: '10px 14px' }}>
        {m.bodyHtml ? (
          <div
            className="kefu-message-body"
            style={{ lineHeight: 1.7, wordBreak: 'break-word' }}
            // Sanitized by the server (allow-list) before it was stored: safe to render as HTML.
            dangerouslySetInnerHTML={{ __html: m.bodyHtml }}
          />
        ) : null}
        {m.attachments.length ? (
          <Flex vertical gap={2} style={{ marginTop: m.bodyHtml ? 6 : 0 }}>
            {m.attachments.map((a) => (
              <a key={a.id} href={attachmentUrl(a.id)} data-testid="portal-attachment">
                <PaperClipOutlined /> {a.filename}
              </a>
            ))}
          </Flex>
        ) : null}
      </div>
    </Flex>
  );
}

/** One of the customer's requests: progress, conversation, reply, confirm or reopen, escalate, rate. */
export function PortalRequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ticket = useQuery({ queryKey: ticketKey(id), queryFn: ({ signal }) => getTicket(id, signal) });
  const timeline = useQuery({ queryKey: timelineKey(id), queryFn: ({ signal }) => getTimeline(id, signal) });
  const [escalating, setEscalating] = useState(false);

  if (ticket.isError && !ticket.data) return <ProblemResult error={ticket.error} home="/portal/requests" onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <Skeleton active style={{ paddingTop: 40 }} paragraph={{ rows: 8 }} />;
  const r = ticket.data;
  const items = timeline.data?.items ?? [];
  const messages = items.filter((i): i is Message & { kind: 'message' } => i.kind === 'message');
  const canEscalate = r.status !== 'closed' && !r.mergedIntoId && r.escalationLevel < maxEscalationLevel;
  const cited = citedArticleIds(messages.filter((m) => m.authorType === 'staff').map((m) => m.bodyHtml));

  const changed = (after: Ticket) => {
    queryClient.setQueryData(ticketKey(id), after);
    void queryClient.invalidateQueries({ queryKey: timelineKey(id) });
    void queryClient.invalidateQueries({ queryKey: [ticketsResource, 'portal'] });
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ticketKey(id) });
    void queryClient.invalidateQueries({ queryKey: timelineKey(id) });
  };

  return (
    <div style={{ paddingTop: 24 }}>
      <PortalLiveSync />
      <Link to="/portal/requests" style={{ fontSize: 13 }}>
        <ArrowLeftOutlined /> {t('portalRequests.back')}
      </Link>
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ margin: '8px 0 16px' }}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: '0 0 8px', fontWeight: 600 }}>
            <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 400 }}>{ticketNumber(r.number)}</Typography.Text> {r.subject}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <span data-testid="portal-request-status" data-status={r.status}><StatusTag status={r.status} /></span>
            <EscalationTag level={r.escalationLevel} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('portalRequests.created', { at: formatDateTime(r.createdAt) })}</Typography.Text>
          </Flex>
        </div>
        <Tooltip title={canEscalate ? undefined : t('sla.escalate.unavailable')}>
          <Button icon={<RiseOutlined />} disabled={!canEscalate} onClick={() => setEscalating(true)}>{t('portalRequests.escalate')}</Button>
        </Tooltip>
      </Flex>
      {r.escalationLevel > 0 ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('portalRequests.escalatedAt', { level: r.escalationLevel })} /> : null}
      <ResolutionPanel ticket={r} onChanged={changed} />
      <RequestRating ticket={r} onChanged={changed} />
      <CitedArticles ids={cited} rate={r.status === 'closed'} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('portalRequests.conversation')}>
            {timeline.isPending ? <Skeleton active /> : null}
            {!timeline.isPending && messages.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portalRequests.noMessages')} /> : null}
            <Flex vertical gap={14}>
              {messages.map((m) => <MessageBubble key={m.id} m={m} />)}
            </Flex>
            {r.status !== 'closed' && !r.mergedIntoId ? (
              <div style={{ marginTop: 20, borderTop: '1px solid var(--ant-color-border-secondary)', paddingTop: 16 }}>
                <PortalReplyForm ticket={r} onSent={refresh} />
              </div>
            ) : (
              <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('kb.portal.closedNoReply')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('kb.progress.title')}>
            <RequestProgress ticket={r} items={items} />
          </Card>
        </Col>
      </Row>
      <EscalateModal open={escalating} ticket={r} audience="customer" onClose={() => setEscalating(false)} onEscalated={changed} />
    </div>
  );
}

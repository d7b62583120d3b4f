import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Avatar, Button, Card, Flex, Skeleton, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, DownOutlined, EditOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { PersonAvatar } from '../../../shared/ui/PersonCell';
import { formatDateTime } from '../../../shared/ui/format';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { EscalationTag, SlaBadge, SlaTargetsList } from '../../sla-policies';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { ticketNumber } from '../format';
import { usePresence } from '../hooks/use-presence';
import { useStaffDirectory } from '../hooks/use-staff';
import {
  TicketWorkspaceContext, useTicketQuery, useTicketWorkspace, useTicketWorkspaceState, useTimelineQuery, type TicketWorkspace,
} from '../hooks/use-ticket';
import { lastQueueSearch, neighbour } from '../queue-store';
import type { Message, Ticket, TimelineItem } from '../types';
import { ComplaintPanel } from './ComplaintPanel';
import { CustomerPanel } from './CustomerPanel';
import { MergedBanner } from './MergedBanner';
import type { Names } from './event-text';
import { PropertiesPanel } from './PropertiesPanel';
import { ReplyBox, type ReplyBoxHandle } from './ReplyBox';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SplitTicketModal } from './SplitTicketModal';
import { TicketActionsMenu } from './TicketActionsMenu';
import { Timeline } from './Timeline';
import { ComplaintBadge, PriorityTag, StatusTag } from './TicketTags';
import '../tickets.css';

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('[role="combobox"],[role="dialog"]') !== null);

/** One ticket: its story and reply box on the left, its properties, complaint and customer on the right. */
export function TicketPage() {
  const { id = '' } = useParams();
  const ticket = useTicketQuery(id);
  const timeline = useTimelineQuery(id);
  const state = useTicketWorkspaceState(ticket.data);
  if (ticket.isError && !ticket.data) return <ProblemResult error={ticket.error} home="/agent/tickets" onRetry={() => void ticket.refetch()} />;
  if (!ticket.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const ws: TicketWorkspace = { ...state, ticket: ticket.data };
  return (
    <TicketWorkspaceContext.Provider value={ws}>
      <TicketView key={id} ticket={ticket.data} timeline={timeline.data?.items} timelineLoading={timeline.isPending} />
    </TicketWorkspaceContext.Provider>
  );
}

function TicketView({ ticket, timeline, timelineLoading }: { ticket: Ticket; timeline: TimelineItem[] | undefined; timelineLoading: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const { byId: teams } = useTeamDirectory();
  const { nameOf } = useStaffDirectory();
  const reply = useRef<ReplyBoxHandle>(null);
  const [replying, setReplying] = useState(false);
  const [help, setHelp] = useState(false);
  const [splitting, setSplitting] = useState<Message | null>(null);
  const { stale, reload, refresh } = useTicketWorkspace();

  const viewers = usePresence(ticket.id, me.id, replying, (m) => {
    if (m.type === 'ticket.changed' && m.ticketId === ticket.id && m.actorId && m.actorId !== me.id) {
      void message.info({ content: t('tickets.live.updated'), key: `changed-${ticket.id}` });
      refresh();
    }
  });
  const replyingNow = viewers.filter((v) => v.state === 'replying');

  const names: Names = useMemo(() => ({ team: (x) => teams.get(x)?.name, staff: (x) => nameOf(x) }), [teams, nameOf]);
  // The server keeps at least one message on a ticket and splits nothing off a closed or merged one.
  const splittable = ticket.status !== 'closed' && !ticket.mergedIntoId && (timeline ?? []).filter((i) => i.kind === 'message').length > 1;
  const prev = neighbour(ticket.id, -1);
  const next = neighbour(ticket.id, 1);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const go = (to: string | undefined) => to && void navigate(`/agent/tickets/${to}`);
      if (e.key === 'r') reply.current?.focus('public');
      else if (e.key === 'n') reply.current?.focus('internal');
      else if (e.key === 'j') go(next);
      else if (e.key === 'k') go(prev);
      else if (e.key === '?') setHelp((h) => !h);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate, next, prev]);

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={`/agent/tickets${lastQueueSearch()}`} style={{ fontSize: 13 }}>
            <ArrowLeftOutlined /> {t('tickets.queue.back')}
          </Link>
          <Typography.Title level={3} style={{ margin: '6px 0 8px', fontWeight: 600 }}>
            <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 400 }}>{ticketNumber(ticket.number)}</Typography.Text> {ticket.subject}
          </Typography.Title>
          <Flex gap={8} align="center" wrap>
            <span data-testid="ticket-status"><StatusTag status={ticket.status} /></span>
            <PriorityTag priority={ticket.priority} />
            <EscalationTag level={ticket.escalationLevel} />
            <span data-testid="ticket-sla"><SlaBadge sla={ticket.sla} /></span>
            <ComplaintBadge complaint={ticket.complaint} />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`tickets.channel.${ticket.channel}`)} · {t('tickets.header.created', { at: formatDateTime(ticket.createdAt) })}
              {ticket.teamId ? ` · ${teams.get(ticket.teamId)?.name ?? ''}` : ''} · {ticket.assigneeId ? (nameOf(ticket.assigneeId) ?? '…') : t('tickets.unassigned')}
            </Typography.Text>
          </Flex>
        </div>
        <Flex gap={8} align="center">
          {viewers.length ? (
            <Flex gap={6} align="center" data-testid="ticket-viewers">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('tickets.live.viewing')}</Typography.Text>
              <Avatar.Group max={{ count: 4 }} size="small">
                {viewers.map((v) => (
                  <Tooltip key={v.userId} title={v.state === 'replying' ? t('tickets.live.isReplying', { name: v.name }) : v.name}>
                    <span><PersonAvatar name={v.name} size={24} /></span>
                  </Tooltip>
                ))}
              </Avatar.Group>
            </Flex>
          ) : null}
          <Tooltip title={`${t('tickets.shortcuts.prev')} (k)`}>
            <Button icon={<UpOutlined />} disabled={!prev} aria-label={t('tickets.shortcuts.prev')} onClick={() => prev && void navigate(`/agent/tickets/${prev}`)} />
          </Tooltip>
          <Tooltip title={`${t('tickets.shortcuts.next')} (j)`}>
            <Button icon={<DownOutlined />} disabled={!next} aria-label={t('tickets.shortcuts.next')} onClick={() => next && void navigate(`/agent/tickets/${next}`)} />
          </Tooltip>
          <TicketActionsMenu />
          <ShortcutsHelp open={help} onOpenChange={setHelp} />
        </Flex>
      </Flex>
      <MergedBanner ticket={ticket} />
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tickets.live.stale')}
          description={t('tickets.live.staleHint')}
          action={<Button size="small" type="primary" onClick={() => void reload()}>{t('tickets.live.reload')}</Button>}
        />
      ) : null}
      {replyingNow.length ? (
        <Alert
          type="warning"
          showIcon
          icon={<EditOutlined />}
          data-testid="collision-warning"
          style={{ marginBottom: 12 }}
          title={t('tickets.live.othersReplying', { names: replyingNow.map((v) => v.name).join('、') })}
        />
      ) : null}
      <Flex gap={16} align="flex-start" className="kefu-ticket-layout">
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 0 }}>
          <Card styles={{ body: { padding: '16px 16px 20px' } }}>
            <Timeline items={timeline} loading={timelineLoading} names={names} onSplit={splittable ? setSplitting : undefined} />
          </Card>
          <ReplyBox ref={reply} onDraftChange={setReplying} />
        </Flex>
        <Flex vertical gap={12} style={{ width: 340, flexShrink: 0 }} className="kefu-ticket-side" aria-label={t('tickets.props.title')}>
          <Card size="small" title={t('sla.panelTitle')} data-testid="sla-panel">
            <SlaTargetsList sla={ticket.sla} />
          </Card>
          <PropertiesPanel />
          <ComplaintPanel timeline={timeline} />
          <CustomerPanel ticket={ticket} />
        </Flex>
      </Flex>
      <SplitTicketModal message={splitting} onClose={() => setSplitting(null)} />
    </>
  );
}

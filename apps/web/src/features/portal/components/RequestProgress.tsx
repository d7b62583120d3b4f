import { Flex, Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ticketStatuses, type Ticket, type TicketStatus, type TimelineItem } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';

const stepOf: Record<TicketStatus, number> = { new: 0, open: 1, pending: 1, on_hold: 1, resolved: 2, closed: 3 };
const isStatus = (v: unknown): v is TicketStatus => typeof v === 'string' && (ticketStatuses as readonly string[]).includes(v);

/** Where the request stands (submitted → in progress → resolved → closed) and its public events. */
export function RequestProgress({ ticket, items }: { ticket: Ticket; items: TimelineItem[] }) {
  const { t } = useTranslation();
  const events = items.filter((i) => i.kind === 'event');
  const lines = events.flatMap((e) => {
    if (e.type === 'ticket.created') return [{ id: e.id, at: e.createdAt, text: t('kb.progress.created') }];
    if (e.type === 'ticket.escalated') return [{ id: e.id, at: e.createdAt, text: t('kb.progress.escalated', { level: Number(e.data.level) || 1 }) }];
    // A change is stored as [from, to].
    const change = (e.data.changes as Record<string, unknown> | undefined)?.status;
    const to: unknown = Array.isArray(change) ? change[1] : undefined;
    return isStatus(to) ? [{ id: e.id, at: e.createdAt, text: t('kb.progress.status', { status: t(`tickets.status.${to}`) }) }] : [];
  });
  return (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        type="dot"
        titlePlacement="vertical"
        current={stepOf[ticket.status]}
        status={ticket.status === 'closed' ? 'finish' : 'process'}
        items={(['submitted', 'inProgress', 'resolved', 'closed'] as const).map((k) => ({ title: t(`kb.progress.step.${k}`) }))}
      />
      {lines.length ? (
        <Timeline
          data-testid="portal-progress"
          items={lines.map((l) => ({
            key: l.id,
            content: (
              <Flex vertical>
                <Typography.Text>{l.text}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(l.at)}</Typography.Text>
              </Flex>
            ),
          }))}
        />
      ) : null}
    </Flex>
  );
}

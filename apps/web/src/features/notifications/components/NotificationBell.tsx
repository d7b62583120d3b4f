import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fromNow } from '../../../shared/ui/format';
import { PersonAvatar } from '../../../shared/ui/PersonCell';
import { useRealtime } from '../../../shared/realtime/use-realtime';
import { listNotifications, markNotificationsRead, notificationsResource, type AppNotification } from '../api';

const POLL_MS = 30_000;
const key = [notificationsResource, 'list'] as const;

function describe(n: AppNotification, t: TFunction): string {
  const number = typeof n.data.number === 'number' ? `#${n.data.number}` : '';
  const subject = typeof n.data.subject === 'string' ? n.data.subject : '';
  const vars = { actor: n.actorName ?? 'Kefu', number, subject };
  switch (n.kind) {
    case 'mentioned':
      return t('notifications.kinds.mentioned', vars);
    case 'ticket.assigned':
      return t('notifications.kinds.assigned', vars);
    case 'customer.replied':
      return t('notifications.kinds.customerReplied', vars);
    case 'ticket.rated':
      return t('notifications.kinds.ticketRated', { ...vars, score: typeof n.data.score === 'number' ? n.data.score : '' });
    case 'complaint.urgent':
      return t('notifications.kinds.complaintUrgent', vars);
    case 'follow_up.scheduled':
      return t('notifications.kinds.followUpScheduled', vars);
    case 'email.bounced':
      return t('notifications.kinds.emailBounced', { ...vars, recipient: typeof n.data.recipient === 'string' ? n.data.recipient : '' });
    case 'sla.warning':
      return t('notifications.kinds.slaWarning', vars);
    case 'sla.breached':
      return t('notifications.kinds.slaBreached', vars);
    case 'escalation':
      return t('notifications.kinds.escalation', { ...vars, level: typeof n.data.level === 'number' ? n.data.level : '' });
    default:
      return t('notifications.kinds.other', { ...vars, kind: n.kind });
  }
}

/** The header bell: unread count, the latest notifications, each opening its ticket. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => listNotifications(signal), refetchInterval: POLL_MS, staleTime: 10_000 });
  useRealtime((m) => {
    if (m.type === 'notification') void queryClient.invalidateQueries({ queryKey: [notificationsResource] });
  });
  const read = useMutation({
    mutationFn: markNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [notificationsResource] }),
  });

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const openOne = (n: AppNotification) => {
    if (!n.readAt) read.mutate([n.id]);
    setOpen(false);
    if (n.ticketId) void navigate(`/agent/tickets/${n.ticketId}`);
  };

  const content = (
    <div style={{ width: 360 }}>
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px', borderBottom: '1px solid var(--ant-color-border-secondary)' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={read.isPending && read.variables === 'all'} onClick={() => read.mutate('all')}>
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }} role="list" aria-label={t('notifications.title')}>
        {list.isPending ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          items.map((n) => (
            <Flex
              key={n.id}
              role="listitem"
              gap={10}
              align="flex-start"
              tabIndex={0}
              onClick={() => openOne(n)}
              onKeyDown={(e) => e.key === 'Enter' && openOne(n)}
              style={{
                padding: '10px 8px',
                cursor: 'pointer',
                borderRadius: 6,
                background: n.readAt ? undefined : 'var(--ant-color-primary-bg, #e6f4ff)',
              }}
            >
              <PersonAvatar name={n.actorName ?? 'Kefu'} size={28} />
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Paragraph style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: 2 }}>
                  {describe(n, t)}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fromNow(n.createdAt)}</Typography.Text>
              </div>
              {!n.readAt ? <Badge status="processing" /> : null}
            </Flex>
          ))
        )}
      </div>
    </div>
  );

  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={content} arrow={false}>
      <Button type="text" aria-label={t('notifications.bellLabel', { count: unread })} style={{ paddingInline: 8 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 17 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

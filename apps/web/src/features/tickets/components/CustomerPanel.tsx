import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { BankOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PersonCell } from '../../../shared/ui/PersonCell';
import { fromNow } from '../../../shared/ui/format';
import { customersResource, getCustomer } from '../../customers/api';
import { listTickets, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import type { Ticket } from '../types';
import { RatingSummary } from './RatingSummary';
import { StatusTag } from './TicketTags';

const iconStyle = { color: 'var(--ant-color-text-tertiary)', marginInlineEnd: 6 };

/** Who is asking, how to reach them, how they rated this request, and what else they have asked lately. */
export function CustomerPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const customer = useQuery({
    queryKey: [customersResource, 'detail', ticket.requesterId],
    queryFn: () => getCustomer(ticket.requesterId),
    staleTime: 60_000,
  });
  const others = useQuery({
    queryKey: [ticketsResource, 'queue', { requesterId: ticket.requesterId, limit: 6 }],
    queryFn: ({ signal }) => listTickets({ requesterId: ticket.requesterId, limit: 6 }, signal),
  });
  const c = customer.data;
  const rest = (others.data?.items ?? []).filter((x) => x.id !== ticket.id).slice(0, 5);

  return (
    <Card size="small" title={t('tickets.customer.title')}>
      {customer.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={6}>
          <PersonCell name={c?.name ?? ticket.requesterName} secondary={c?.organizationName ?? undefined} />
          {c?.emails.map((e) => (
            <Typography.Text key={e} copyable={{ text: e }} style={{ fontSize: 13 }}>
              <MailOutlined style={iconStyle} />
              {e}
            </Typography.Text>
          ))}
          {c?.phones.map((p) => (
            <Typography.Text key={p} copyable={{ text: p }} style={{ fontSize: 13 }}>
              <PhoneOutlined style={iconStyle} />
              {p}
            </Typography.Text>
          ))}
          {c?.organizationName ? (
            <Typography.Text style={{ fontSize: 13 }}>
              <BankOutlined style={iconStyle} />
              {c.organizationName}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      <RatingSummary ticket={ticket} />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '14px 0 6px', fontSize: 12 }}>
        {t('tickets.customer.otherTickets')}
      </Typography.Text>
      {rest.length === 0 ? (
        others.isPending ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.customer.noOtherTickets')} style={{ margin: 0 }} />
      ) : (
        <Flex vertical gap={6}>
          {rest.map((x) => (
            <Flex key={x.id} gap={6} align="center" justify="space-between">
              <Link to={`/agent/tickets/${x.id}`} style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text ellipsis style={{ fontSize: 13, color: 'inherit' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ticketNumber(x.number)}</Typography.Text> {x.subject}
                </Typography.Text>
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>{fromNow(x.updatedAt)}</Typography.Text>
              <StatusTag status={x.status} />
            </Flex>
          ))}
          <Link to={`/agent/tickets?requesterId=${ticket.requesterId}`} style={{ fontSize: 12 }}>
            {t('common.viewAll')}
          </Link>
        </Flex>
      )}
    </Card>
  );
}

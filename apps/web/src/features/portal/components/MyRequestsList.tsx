import { Button, Empty, Flex, List, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketStatus } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { usePortalAccount } from '../../portal-settings';
import { EscalationTag } from '../../sla-policies';
import { listTickets, ticketsResource } from '../../tickets/api';
import { ticketNumber } from '../../tickets/format';
import { StatusTag } from '../../tickets/components/TicketTags';

const PAGE_SIZE = 20;

/**
 * The customer's requests, latest change first. The server shows a customer their own, and their
 * organization's when it shares requests.
 */
export function MyRequestsList({ status, limit = PAGE_SIZE, requesterId }: { status?: readonly TicketStatus[]; limit?: number; requesterId?: string | undefined }) {
  const { t } = useTranslation();
  const me = usePortalAccount().data?.customerId;
  const statusParam = status?.join(',');
  const query = useInfiniteQuery({
    queryKey: [ticketsResource, 'portal', statusParam ?? 'all', limit, requesterId ?? 'visible'],
    queryFn: ({ pageParam, signal }) => listTickets({ cursor: pageParam, limit, status: statusParam, requesterId }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (!query.isPending && items.length === 0) {
    return (
      <Empty
        style={{ padding: '32px 0' }}
        description={
          <>
            <Typography.Text strong style={{ display: 'block', fontSize: 15 }}>{t('portal.noRequests')}</Typography.Text>
            <Typography.Text type="secondary">{t('kb.portal.noRequestsHint')}</Typography.Text>
          </>
        }
      />
    );
  }
  return (
    <>
      <List
        loading={query.isPending}
        dataSource={items}
        renderItem={(r) => (
          <List.Item data-testid="portal-request">
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>{ticketNumber(r.number)}</Typography.Text>
                <Link to={`/portal/requests/${r.id}`} style={{ fontWeight: 500 }}>{r.subject}</Link>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('portalRequests.updated', { at: formatDateTime(r.updatedAt) })}
                {/* Shared organization requests list colleagues' requests too: say whose each one is. */}
                {me && r.requesterId !== me ? ` · ${t('kb.portal.askedBy', { name: r.requesterName })}` : ''}
              </Typography.Text>
            </Flex>
            <Flex gap={6} align="center">
              <EscalationTag level={r.escalationLevel} />
              <StatusTag status={r.status} />
            </Flex>
          </List.Item>
        )}
      />
      {query.hasNextPage ? (
        <Flex justify="center" style={{ paddingTop: 8 }}>
          <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>{t('portalRequests.loadMore')}</Button>
        </Flex>
      ) : null}
    </>
  );
}

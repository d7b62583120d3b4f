import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Card, Flex, Menu, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  AlertOutlined, CheckCircleOutlined, InboxOutlined, PlusOutlined, ReloadOutlined, UserOutlined, UsergroupDeleteOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useUrlFilters } from '../../../shared/list/use-url-filters';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { listTickets, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import { useStaffDirectory } from '../hooks/use-staff';
import { rememberQueue } from '../queue-store';
import { defaultView, effectiveFilters, isQueueView, queueKeys, queueViews, viewFilters, type QueueKey, type QueueView } from '../queue-views';
import type { TicketListItem } from '../types';
import { QueueFilterBar } from './QueueFilterBar';
import '../tickets.css';
import { ComplaintBadge, PriorityTag, StatusTag } from './TicketTags';

const PAGE_SIZE = 50;
const viewIcons: Record<QueueView, ReactNode> = {
  mine: <UserOutlined aria-hidden />,
  unassigned: <UsergroupDeleteOutlined aria-hidden />,
  unresolved: <InboxOutlined aria-hidden />,
  resolved: <CheckCircleOutlined aria-hidden />,
  complaints: <AlertOutlined aria-hidden />,
};

/** The agent's queue: preset views on the left, filters above a dense table, "load more" below. */
export function TicketQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const url = useUrlFilters<QueueKey>(queueKeys);
  const filters = effectiveFilters(url.filters);
  const activeView: QueueView | undefined = isQueueView(url.filters.view) ? url.filters.view : url.active ? undefined : defaultView;
  const { byId: teams } = useTeamDirectory();
  const { nameOf } = useStaffDirectory();

  const query = useInfiniteQuery({
    queryKey: [ticketsResource, 'queue', filters],
    queryFn: ({ pageParam, signal }) => listTickets({ ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const jumpTo = query.data?.pages[0]?.jumpTo ?? null;

  const idsKey = items.map((i) => i.id).join(',');
  useEffect(() => {
    rememberQueue(idsKey ? idsKey.split(',') : [], location.search);
  }, [idsKey, location.search]);

  // A search for a ticket number (or anything naming exactly one ticket) goes straight to it.
  useEffect(() => {
    if (filters.q && jumpTo?.kind === 'ticket') void navigate(`/agent/tickets/${jumpTo.id}`);
  }, [filters.q, jumpTo?.kind, jumpTo?.id, navigate]);

  const chooseView = (view: QueueView) => {
    const cleared = Object.fromEntries(queueKeys.map((k) => [k, undefined])) as Record<QueueKey, undefined>;
    url.setFilters({ ...cleared, ...viewFilters[view], view });
  };
  const changeFilters = (patch: Partial<Record<QueueKey, string | undefined>>) =>
    url.setFilters({ ...filters, view: activeView, ...patch });

  const columns: ColumnsType<TicketListItem> = [
    {
      key: 'number',
      title: '#',
      width: 72,
      render: (_, r) => <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>{ticketNumber(r.number)}</Typography.Text>,
    },
    {
      key: 'subject',
      title: t('tickets.fields.subject'),
      render: (_, r) => (
        <div style={{ minWidth: 200, maxWidth: 400 }}>
          <Flex gap={6} align="center" wrap={false}>
            <Link to={`/agent/tickets/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
              <Typography.Text ellipsis style={{ maxWidth: 260, color: 'inherit' }}>{r.subject}</Typography.Text>
            </Link>
            <ComplaintBadge complaint={r.complaint} />
          </Flex>
          {r.snippet ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <span className="kefu-snippet" dangerouslySetInnerHTML={{ __html: r.snippet }} />
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { key: 'requester', title: t('tickets.fields.requester'), render: (_, r) => r.requesterName || '—' },
    { key: 'status', title: t('tickets.fields.status'), width: 96, render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'priority', title: t('tickets.fields.priority'), width: 80, render: (_, r) => <PriorityTag priority={r.priority} quiet /> },
    { key: 'team', title: t('tickets.fields.team'), render: (_, r) => (r.teamId ? (teams.get(r.teamId)?.name ?? '…') : '—') },
    {
      key: 'assignee',
      title: t('tickets.fields.assignee'),
      render: (_, r) => (r.assigneeId ? (nameOf(r.assigneeId) ?? '…') : <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>),
    },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      width: 120,
      render: (_, r) => (
        <Tooltip title={formatDateTime(r.updatedAt)}>
          <Typography.Text type="secondary">{fromNow(r.updatedAt)}</Typography.Text>
        </Tooltip>
      ),
    },
  ];

  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/agent" onRetry={() => void query.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('tickets.queue.title')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} loading={query.isRefetching} onClick={() => void query.refetch()} />
            </Tooltip>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/agent/tickets/new')}>
              {t('tickets.create')}
            </Button>
          </>
        }
      />
      <Flex gap={16} align="flex-start">
        <Card size="small" style={{ width: 176, flexShrink: 0 }} styles={{ body: { padding: 4 } }}>
          <nav aria-label={t('tickets.queue.views')}>
            <Menu
              mode="inline"
              selectedKeys={activeView ? [activeView] : []}
              style={{ borderInlineEnd: 0 }}
              onClick={({ key }) => chooseView(key as QueueView)}
              items={queueViews.map((v) => ({ key: v, icon: viewIcons[v], label: t(`tickets.views.${v}`) }))}
            />
          </nav>
        </Card>
        <Card style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 0 } }}>
          <QueueFilterBar filters={filters} onChange={changeFilters} />
          {jumpTo?.kind === 'customer' ? (
            <Alert
              type="info"
              showIcon
              style={{ margin: '0 12px 8px' }}
              title={
                <Link to={`/agent/tickets?requesterId=${jumpTo.id}`}>{t('tickets.queue.customerMatch')}</Link>
              }
            />
          ) : null}
          <Table<TicketListItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={query.isPending || (query.isFetching && !query.isFetchingNextPage && !query.isRefetching)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => void navigate(`/agent/tickets/${r.id}`), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.priority === 'urgent' ? 'kefu-row-urgent' : '')}
            locale={{ emptyText: url.active && !activeView ? t('common.noMatches') : t('tickets.queue.empty') }}
          />
          <Flex justify="space-between" align="center" style={{ padding: '10px 12px' }}>
            <Typography.Text type="secondary">{t('tickets.queue.shown', { count: items.length })}</Typography.Text>
            {query.hasNextPage ? (
              <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('tickets.queue.loadMore')}
              </Button>
            ) : null}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Divider, Flex, Menu, Table, Tooltip, Typography } from 'antd';
import {
  AlertOutlined, CheckCircleOutlined, InboxOutlined, PlusOutlined, ReloadOutlined, RiseOutlined, UserOutlined, UsergroupDeleteOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { SavedView } from '@kefu/contracts';
import { useUrlFilters } from '../../../shared/list/use-url-filters';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { listTickets, ticketsResource } from '../api';
import { ticketNumber } from '../format';
import { rememberQueue } from '../queue-store';
import {
  defaultView, effectiveFilters, isQueueView, queueKeys, queueViews, savedViewFilters, viewFilters, type QueueKey, type QueueView,
} from '../queue-views';
import type { TicketListItem } from '../types';
import { BulkActionBar } from './BulkActionBar';
import { useQueueColumns } from './queue-columns';
import { QueueFilterBar } from './QueueFilterBar';
import { QueueCount } from './QueueCount';
import { SavedViewsRail } from './SavedViewsRail';
import { useQueueCounts } from '../hooks/use-queue-counts';
import '../tickets.css';

const PAGE_SIZE = 50;
const viewIcons: Record<QueueView, ReactNode> = {
  mine: <UserOutlined aria-hidden />,
  unassigned: <UsergroupDeleteOutlined aria-hidden />,
  unresolved: <InboxOutlined aria-hidden />,
  resolved: <CheckCircleOutlined aria-hidden />,
  complaints: <AlertOutlined aria-hidden />,
  escalated: <RiseOutlined aria-hidden />,
};
const cleared = Object.fromEntries(queueKeys.map((k) => [k, undefined])) as Record<QueueKey, undefined>;

/**
 * The agent's queue: preset and saved views on the left, filters above a dense table with row
 * selection for bulk changes, "load more" below.
 */
export function TicketQueuePage() {
  const { t } = useTranslation();
  const counts = useQueueCounts();
  const navigate = useNavigate();
  const location = useLocation();
  const url = useUrlFilters<QueueKey>(queueKeys);
  const filters = effectiveFilters(url.filters);
  const activeView: QueueView | undefined = isQueueView(url.filters.view) ? url.filters.view : url.active ? undefined : defaultView;
  const columns = useQueueColumns();

  // The selection belongs to the filters it was made under: another view starts with none.
  const filtersKey = JSON.stringify(filters);
  const [selection, setSelection] = useState<{ key: string; ids: string[] }>({ key: filtersKey, ids: [] });
  const select = (ids: string[]) => setSelection({ key: filtersKey, ids });

  const query = useInfiniteQuery({
    queryKey: [ticketsResource, 'queue', filters],
    queryFn: ({ pageParam, signal }) => listTickets({ ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const jumpTo = query.data?.pages[0]?.jumpTo ?? null;
  const byId = new Map(items.map((i) => [i.id, i]));
  // Only what is on screen: a ticket that left the view (changed by someone) drops out of the batch.
  const selected = selection.key === filtersKey ? selection.ids.filter((id) => byId.has(id)) : [];

  const idsKey = items.map((i) => i.id).join(',');
  useEffect(() => {
    rememberQueue(idsKey ? idsKey.split(',') : [], location.search);
  }, [idsKey, location.search]);

  // A search for a ticket number (or anything naming exactly one ticket) goes straight to it.
  useEffect(() => {
    if (filters.q && jumpTo?.kind === 'ticket') void navigate(`/agent/tickets/${jumpTo.id}`);
  }, [filters.q, jumpTo?.kind, jumpTo?.id, navigate]);

  const chooseView = (view: QueueView) => url.setFilters({ ...cleared, ...viewFilters[view], view });
  const changeFilters = (patch: Partial<Record<QueueKey, string | undefined>>) =>
    url.setFilters({ ...filters, view: activeView, ...patch });
  /** Opens a view just saved from what is on screen, or keeps the filters of one just deleted. */
  const openSaved = (view: SavedView | undefined) =>
    url.setFilters({ ...cleared, ...(view ? savedViewFilters(view) : filters), savedView: view?.id });

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
        <Card size="small" style={{ width: 188, flexShrink: 0 }} styles={{ body: { padding: 4 } }}>
          <nav aria-label={t('tickets.queue.views')}>
            <Menu
              mode="inline"
              selectedKeys={activeView ? [activeView] : []}
              style={{ borderInlineEnd: 0 }}
              onClick={({ key }) => chooseView(key as QueueView)}
              items={queueViews.map((v) => ({
                key: v,
                icon: viewIcons[v],
                label: (
                  <Flex justify="space-between" align="center" gap={4}>
                    <span>{t(`tickets.views.${v}`)}</span>
                    <QueueCount count={counts.preset(v)} cap={counts.cap} />
                  </Flex>
                ),
              }))}
            />
          </nav>
          <Divider style={{ margin: '4px 0' }} />
          <SavedViewsRail activeId={url.filters.savedView} current={filters} onActiveChange={openSaved} countOf={counts.saved} cap={counts.cap} />
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
          <BulkActionBar
            selected={selected}
            tickets={byId}
            onClear={() => select([])}
            onDone={(result) => select(result.failed.map((f) => f.id))}
          />
          <Table<TicketListItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={query.isPending || (query.isFetching && !query.isFetchingNextPage && !query.isRefetching)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowSelection={{
              selectedRowKeys: selected,
              columnWidth: 36,
              onChange: (keys) => select(keys.map(String)),
              getCheckboxProps: (r) => ({ 'aria-label': t('ticketTools.bulk.selectRow', { number: ticketNumber(r.number) }) }),
              getTitleCheckboxProps: () => ({ 'aria-label': t('ticketTools.bulk.selectAll') }),
              // A click that misses the checkbox must not open the ticket.
              onCell: () => ({ onClick: (e) => e.stopPropagation() }),
            }}
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

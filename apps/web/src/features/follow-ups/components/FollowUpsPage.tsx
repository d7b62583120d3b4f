import { useState } from 'react';
import { Button, Card, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FollowUp } from '@kefu/contracts';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useStaffDirectory } from '../../tickets/hooks/use-staff';
import { followUpsResource, listFollowUps } from '../api';
import { CompleteFollowUpModal } from './CompleteFollowUpModal';
import '../../tickets/tickets.css';

const outcomeColors = { satisfied: 'green', not_satisfied: 'red', unreachable: 'orange' } as const;

function Due({ at, open }: { at: string; open: boolean }) {
  const { t } = useTranslation();
  const due = dayjs(at);
  const overdue = open && due.isBefore(dayjs());
  const today = open && !overdue && due.isSame(dayjs(), 'day');
  return (
    <Tooltip title={formatDateTime(at)}>
      <Flex gap={6} align="center">
        <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue || today}>
          {formatDateTime(at)}
        </Typography.Text>
        {overdue ? <Tag color="red">{t('followUps.overdue')}</Tag> : today ? <Tag color="gold">{t('followUps.today')}</Tag> : null}
        {open && !overdue && !today ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fromNow(at)}</Typography.Text> : null}
      </Flex>
    </Tooltip>
  );
}

/** 回访: calls owed to customers after their complaint was resolved. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<'me' | 'all'>('me');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const { nameOf } = useStaffDirectory();
  const query = useQuery({
    queryKey: [followUpsResource, 'list', owner, status],
    queryFn: ({ signal }) => listFollowUps({ owner, status }, signal),
    refetchInterval: 60_000,
  });

  const columns: ColumnsType<FollowUp> = [
    { key: 'due', title: t('followUps.dueAt'), render: (_, f) => <Due at={f.dueAt} open={f.status === 'open'} /> },
    {
      key: 'ticket',
      title: t('followUps.ticket'),
      render: (_, f) => (
        <Link to={`/agent/tickets/${f.ticketId}`}>
          {f.ticketNumber !== null ? <Typography.Text type="secondary">#{f.ticketNumber} </Typography.Text> : null}
          {f.ticketSubject ?? '—'}
        </Link>
      ),
    },
    { key: 'owner', title: t('followUps.owner'), render: (_, f) => nameOf(f.ownerId) ?? '—' },
    ...(status === 'done'
      ? ([
          {
            key: 'outcome',
            title: t('followUps.outcomeLabel'),
            render: (_, f) => (f.outcome ? <Tag color={outcomeColors[f.outcome]}>{t(`followUps.outcome.${f.outcome}`)}</Tag> : '—'),
          },
          { key: 'note', title: t('followUps.note'), render: (_, f) => f.note || '—' },
          { key: 'completedAt', title: t('followUps.completedAt'), render: (_, f) => formatDateTime(f.completedAt) },
        ] satisfies ColumnsType<FollowUp>)
      : ([
          {
            key: 'actions',
            title: t('common.actions'),
            width: 140,
            render: (_, f) => (
              <Button size="small" type="primary" ghost icon={<PhoneOutlined />} onClick={() => setCompleting(f)}>
                {t('followUps.complete')}
              </Button>
            ),
          },
        ] satisfies ColumnsType<FollowUp>)),
  ];

  if (query.isError && !query.data) return <ProblemResult error={query.error} home="/agent" onRetry={() => void query.refetch()} />;

  return (
    <>
      <PageHeader title={t('followUps.title')} description={t('followUps.description')} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} wrap style={{ padding: 12 }}>
          <Segmented
            value={owner}
            onChange={(v) => setOwner(v as 'me' | 'all')}
            options={[
              { value: 'me', label: t('followUps.mine') },
              { value: 'all', label: t('followUps.everyone') },
            ]}
          />
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'done')}
            options={[
              { value: 'open', label: t('followUps.open') },
              { value: 'done', label: t('followUps.done') },
            ]}
          />
        </Flex>
        <Table<FollowUp>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isPending}
          pagination={false}
          rowClassName={(f) => (f.status === 'open' && dayjs(f.dueAt).isBefore(dayjs()) ? 'kefu-row-urgent' : '')}
          locale={{ emptyText: status === 'open' ? t('followUps.emptyOpen') : t('common.noData') }}
        />
      </Card>
      <CompleteFollowUpModal followUp={completing} onClose={() => setCompleting(null)} />
    </>
  );
}

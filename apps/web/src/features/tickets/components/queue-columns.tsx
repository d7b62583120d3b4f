import { Flex, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { EscalationTag, SlaBadge } from '../../sla-policies';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { ticketNumber } from '../format';
import { useStaffDirectory } from '../hooks/use-staff';
import type { TicketListItem } from '../types';
import { ComplaintBadge, PriorityTag, StatusTag } from './TicketTags';

/** The queue table's columns: number, subject (with the search snippet), people, state, last change. */
export function useQueueColumns(): ColumnsType<TicketListItem> {
  const { t } = useTranslation();
  const { byId: teams } = useTeamDirectory();
  const { nameOf } = useStaffDirectory();
  return [
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
    {
      key: 'sla',
      title: t('sla.column'),
      render: (_, r) => (
        <Flex gap={4} wrap={false}>
          <SlaBadge sla={r.sla} />
          <EscalationTag level={r.escalationLevel} />
        </Flex>
      ),
    },
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
}

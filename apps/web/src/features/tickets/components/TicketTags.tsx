import { Tag, Tooltip } from 'antd';
import { ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Complaint, TicketPriority, TicketStatus } from '../types';

/** One colour per status, the same in the queue, the ticket header and the timeline. */
export const statusColors: Record<TicketStatus, string> = {
  new: 'gold',
  open: 'red',
  pending: 'blue',
  on_hold: 'purple',
  resolved: 'green',
  closed: 'default',
};

const priorityColors: Partial<Record<TicketPriority, string>> = { urgent: 'red', high: 'orange', low: 'default' };

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} variant="filled" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`tickets.status.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority, quiet = false }: { priority: TicketPriority; quiet?: boolean }) {
  const { t } = useTranslation();
  // In dense lists "normal" is noise; only what deserves attention gets a coloured tag.
  if (quiet && priority === 'normal') return <span style={{ color: 'var(--ant-color-text-tertiary)' }}>{t('tickets.priority.normal')}</span>;
  return (
    <Tag color={priorityColors[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`tickets.priority.${priority}`)}
    </Tag>
  );
}

export function ComplaintBadge({ complaint }: { complaint: Complaint | null }) {
  const { t } = useTranslation();
  if (!complaint) return null;
  const escalated = complaint.impact !== 'normal';
  return (
    <Tooltip title={escalated ? t(`tickets.impact.${complaint.impact}`) : undefined}>
      <Tag color="volcano" icon={escalated ? <ExclamationCircleFilled /> : undefined} style={{ marginInlineEnd: 0 }}>
        {t('tickets.type.complaint')} · {t(`tickets.category.${complaint.category}`)}
      </Tag>
    </Tooltip>
  );
}

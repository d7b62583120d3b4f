import { useState } from 'react';
import { Button, Dropdown, Tooltip } from 'antd';
import { BookOutlined, MergeCellsOutlined, MoreOutlined, RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { maxEscalationLevel } from '@kefu/contracts';
import { useArticleFromTicket } from '../../kb';
import { EscalateModal } from '../../sla-policies';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { MergeTicketModal } from './MergeTicketModal';

/** The ticket's rarer actions, behind one button in the header. */
export function TicketActionsMenu() {
  const { t } = useTranslation();
  const { ticket, applyTicket } = useTicketWorkspace();
  const [merging, setMerging] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const toArticle = useArticleFromTicket();
  const escalatable = ticket.status !== 'closed' && !ticket.mergedIntoId && ticket.escalationLevel < maxEscalationLevel;
  const mergeable = ticket.status !== 'closed' && !ticket.mergedIntoId;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'merge',
              icon: <MergeCellsOutlined />,
              disabled: !mergeable,
              label: mergeable ? t('ticketTools.merge.action') : <Tooltip title={t('ticketTools.merge.unavailable')}>{t('ticketTools.merge.action')}</Tooltip>,
              onClick: () => setMerging(true),
            },
            {
              key: 'escalate',
              icon: <RiseOutlined />,
              disabled: !escalatable,
              label: escalatable ? t('sla.escalate.action') : <Tooltip title={t('sla.escalate.unavailable')}>{t('sla.escalate.action')}</Tooltip>,
              onClick: () => setEscalating(true),
            },
            { key: 'kb', icon: <BookOutlined />, label: t('kb.fromTicket.action'), disabled: toArticle.isPending, onClick: () => toArticle.mutate(ticket.id) },
          ],
        }}
      >
        <Button icon={<MoreOutlined />} aria-label={t('ticketTools.more')} />
      </Dropdown>
      <MergeTicketModal open={merging} onClose={() => setMerging(false)} />
      <EscalateModal open={escalating} ticket={ticket} audience="staff" onClose={() => setEscalating(false)} onEscalated={applyTicket} />
    </>
  );
}

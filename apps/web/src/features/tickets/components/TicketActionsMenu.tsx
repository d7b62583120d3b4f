import { useState } from 'react';
import { Button, Dropdown, Tooltip } from 'antd';
import { MergeCellsOutlined, MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useTicketWorkspace } from '../hooks/use-ticket';
import { MergeTicketModal } from './MergeTicketModal';

/** The ticket's rarer actions, behind one button in the header. */
export function TicketActionsMenu() {
  const { t } = useTranslation();
  const { ticket } = useTicketWorkspace();
  const [merging, setMerging] = useState(false);
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
          ],
        }}
      >
        <Button icon={<MoreOutlined />} aria-label={t('ticketTools.more')} />
      </Dropdown>
      <MergeTicketModal open={merging} onClose={() => setMerging(false)} />
    </>
  );
}

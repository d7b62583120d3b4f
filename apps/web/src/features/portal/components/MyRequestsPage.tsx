import { useState } from 'react';
import { Button, Card, Flex, Segmented, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketStatus } from '@kefu/contracts';
import { RequestScopeSwitch, useRequestScope, type RequestScope } from '../../portal-settings';
import { PortalLiveSync } from './PortalLiveSync';
import { MyRequestsList } from './MyRequestsList';

const filters: Record<'active' | 'resolved' | 'all', readonly TicketStatus[] | undefined> = {
  active: ['new', 'open', 'pending', 'on_hold'],
  resolved: ['resolved', 'closed'],
  all: undefined,
};

/** "My requests": every request with its state, kept current live. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<keyof typeof filters>('active');
  // "Mine / my organization", offered only when the customer's organization shares requests.
  const [scope, setScope] = useState<RequestScope>('mine');
  const { requesterId } = useRequestScope(scope);
  return (
    <div style={{ paddingTop: 24 }}>
      <PortalLiveSync />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('portal.myRequests')}</Typography.Title>
        <Link to="/portal/requests/new"><Button type="primary" icon={<PlusOutlined />}>{t('kb.request.title')}</Button></Link>
      </Flex>
      <Card>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as keyof typeof filters)}
          options={(['active', 'resolved', 'all'] as const).map((k) => ({ value: k, label: t(`kb.portal.filter.${k}`) }))}
          style={{ marginBottom: 8, marginInlineEnd: 12 }}
        />
        <RequestScopeSwitch value={scope} onChange={setScope} />
        <MyRequestsList status={filters[filter]} requesterId={requesterId} />
      </Card>
    </div>
  );
}

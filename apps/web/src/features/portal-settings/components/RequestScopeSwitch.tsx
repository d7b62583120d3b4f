import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalAccount } from '../hooks/use-portal-settings';

export type RequestScope = 'mine' | 'organization';

/**
 * "Mine / my organization" for the portal's request list, shown only when the customer's
 * organization shares requests. `requesterId` is what to pass to GET /tickets for the scope
 * (undefined: everything the customer may see, i.e. the organization's too).
 */
export function useRequestScope(scope: RequestScope) {
  const account = usePortalAccount();
  const shared = account.data?.organization?.sharedTickets ?? false;
  return { shared, requesterId: shared && scope === 'mine' ? account.data?.customerId : undefined };
}

export function RequestScopeSwitch({ value, onChange }: { value: RequestScope; onChange: (scope: RequestScope) => void }) {
  const { t } = useTranslation();
  const account = usePortalAccount();
  const org = account.data?.organization;
  if (!org?.sharedTickets) return null;
  return (
    <Segmented<RequestScope>
      value={value}
      onChange={onChange}
      options={[
        { value: 'mine', label: t('accounts.portal.scope.mine') },
        { value: 'organization', label: t('accounts.portal.scope.organization', { name: org.name }) },
      ]}
    />
  );
}

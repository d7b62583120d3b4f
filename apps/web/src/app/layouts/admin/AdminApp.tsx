import { useTranslation } from 'react-i18next';
import { Navigate, useRoutes } from 'react-router';
import { auditRoutes } from '../../../features/audit/routes';
import { businessCalendarsRoutes } from '../../../features/business-calendars/routes';
import { cannedResponsesRoutes } from '../../../features/canned-responses/routes';
import { customersRoutes } from '../../../features/customers/routes';
import { customFieldsRoutes } from '../../../features/custom-fields/routes';
import { organizationsRoutes } from '../../../features/organizations/routes';
import { outboxRoutes } from '../../../features/outbox/routes';
import { portalSettingsRoutes } from '../../../features/portal-settings/routes';
import { mailRoutes } from '../../../features/mail/routes';
import { kbRoutes } from '../../../features/kb/routes';
import { slaPoliciesRoutes } from '../../../features/sla-policies/routes';
import { teamsRoutes } from '../../../features/teams/routes';
import { usersRoutes } from '../../../features/users/routes';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useAdminNav } from '../nav';
import { AppShell } from '../shell/AppShell';

/** The admin console (/admin/*), loaded as its own chunk. */
export function AdminApp() {
  const { t } = useTranslation();
  const routes = useRoutes([
    { index: true, element: <Navigate to="users" replace /> },
    ...usersRoutes,
    ...teamsRoutes,
    ...organizationsRoutes,
    ...customersRoutes,
    ...auditRoutes,
    ...cannedResponsesRoutes,
    ...customFieldsRoutes,
    ...businessCalendarsRoutes,
    ...slaPoliciesRoutes,
    ...outboxRoutes,
    ...portalSettingsRoutes,
    ...mailRoutes,
    ...kbRoutes,
    { path: '*', element: <ProblemResult status={404} home="/admin" /> },
  ]);
  return (
    <AppShell consoleName={t('nav.adminConsole')} nav={useAdminNav()}>
      {routes}
    </AppShell>
  );
}

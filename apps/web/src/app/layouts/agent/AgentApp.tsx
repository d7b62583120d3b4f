import { useTranslation } from 'react-i18next';
import { useRoutes } from 'react-router';
import { agentHomeRoutes } from '../../../features/agent-home/routes';
import { cannedResponsesRoutes } from '../../../features/canned-responses/routes';
import { customersRoutes } from '../../../features/customers/routes';
import { followUpsRoutes } from '../../../features/follow-ups/routes';
import { ticketsRoutes } from '../../../features/tickets/routes';
import { organizationsRoutes } from '../../../features/organizations/routes';
import { reportsRoutes } from '../../../features/reports/routes';
import { slaPoliciesRoutes } from '../../../features/sla-policies/routes';
import { kbRoutes } from '../../../features/kb/routes';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useAgentNav } from '../nav';
import { AppShell } from '../shell/AppShell';

/** The agent console (/agent/*) for agents and supervisors (admins may visit too). */
export function AgentApp() {
  const { t } = useTranslation();
  const routes = useRoutes([
    ...agentHomeRoutes,
    ...customersRoutes,
    ...organizationsRoutes,
    ...cannedResponsesRoutes,
    ...ticketsRoutes,
    ...followUpsRoutes,
    ...reportsRoutes,
    ...slaPoliciesRoutes,
    ...kbRoutes,
    { path: '*', element: <ProblemResult status={404} home="/agent" /> },
  ]);
  return (
    <AppShell consoleName={t('nav.agentConsole')} nav={useAgentNav()}>
      {routes}
    </AppShell>
  );
}

import { useTranslation } from 'react-i18next';
import { Navigate, useRoutes } from 'react-router';
import { useCurrentUser } from '../../../features/auth/hooks/use-session';
import { tokensRoutes } from '../../../features/tokens/routes';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { useAdminNav, useAgentNav } from '../nav';
import { AppShell } from '../shell/AppShell';

/** Personal settings (/settings/*), framed by the console the user normally works in. */
export function SettingsApp() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const adminNav = useAdminNav();
  const agentNav = useAgentNav();
  const routes = useRoutes([
    { index: true, element: <Navigate to="tokens" replace /> },
    ...tokensRoutes,
    { path: '*', element: <ProblemResult status={404} /> },
  ]);
  const isAdmin = user.role === 'admin';
  return (
    <AppShell consoleName={isAdmin ? t('nav.adminConsole') : t('nav.agentConsole')} nav={isAdmin ? adminNav : agentNav}>
      {routes}
    </AppShell>
  );
}

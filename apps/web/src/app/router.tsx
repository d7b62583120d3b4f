import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useParams, useRouteError } from 'react-router';
import type { Role } from '@kefu/contracts';
import { authRoutes } from '../features/auth/routes';
import { ProblemResult } from '../shared/ui/ProblemResult';
import { FullPageSpin, HomeRedirect, RequireAuth } from './RequireAuth';

// Each console is its own chunk, so the login page loads without the admin tables and forms.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const AdminApp = named(() => import('./layouts/admin/AdminApp'), 'AdminApp');
const AgentApp = named(() => import('./layouts/agent/AgentApp'), 'AgentApp');
const SettingsApp = named(() => import('./layouts/settings/SettingsApp'), 'SettingsApp');
const PortalApp = named(() => import('./layouts/portal/PortalApp'), 'PortalApp');

const staff: readonly Role[] = ['admin', 'supervisor', 'agent'];

function guarded(roles: readonly Role[], element: ReactNode) {
  return (
    <RequireAuth roles={roles}>
      <Suspense fallback={<FullPageSpin />}>{element}</Suspense>
    </RequireAuth>
  );
}

function TicketLink() {
  const { id = '' } = useParams();
  return <Navigate to={`/agent/tickets/${encodeURIComponent(id)}`} replace />;
}

function Centered({ children }: { children: ReactNode }) {
  return <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>{children}</div>;
}

function RouteError() {
  const error = useRouteError();
  return (
    <Centered>
      <ProblemResult error={error} />
    </Centered>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      ...authRoutes,
      { path: '/', element: <HomeRedirect /> },
      { path: '/admin/*', element: guarded(['admin'], <AdminApp />) },
      { path: '/agent/*', element: guarded(staff, <AgentApp />) },
      { path: '/settings/*', element: guarded(staff, <SettingsApp />) },
      // Public articles are open to anonymous visitors; the portal's request pages guard themselves.
      { path: '/portal/*', element: <Suspense fallback={<FullPageSpin />}><PortalApp /></Suspense> },
      // Links in notification mail name the ticket only; staff open it in the agent console.
      { path: '/tickets/:id', element: guarded(staff, <TicketLink />) },
      {
        path: '*',
        element: (
          <Centered>
            <ProblemResult status={404} />
          </Centered>
        ),
      },
    ],
  },
]);

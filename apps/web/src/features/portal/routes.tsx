import type { RouteObject } from 'react-router';
import { PortalHomePage } from './components/PortalHomePage';
import { PortalRequestPage } from './components/PortalRequestPage';

export const portalRoutes: RouteObject[] = [
  { index: true, element: <PortalHomePage /> },
  { path: 'requests/:id', element: <PortalRequestPage /> },
];

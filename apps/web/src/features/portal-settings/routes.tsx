import type { RouteObject } from 'react-router';
import { PortalSettingsPage } from './components/PortalSettingsPage';

export const portalSettingsRoutes: RouteObject[] = [{ path: 'portal-settings', element: <PortalSettingsPage /> }];

import type { RouteObject } from 'react-router';
import { PortalHomePage } from './components/PortalHomePage';

export const portalRoutes: RouteObject[] = [{ index: true, element: <PortalHomePage /> }];

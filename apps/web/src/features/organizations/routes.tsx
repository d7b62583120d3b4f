import type { RouteObject } from 'react-router';
import { OrganizationsPage } from './components/OrganizationsPage';

export const organizationsRoutes: RouteObject[] = [{ path: 'organizations', element: <OrganizationsPage /> }];

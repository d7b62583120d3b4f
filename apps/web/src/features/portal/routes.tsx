import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/RequireAuth';
import { KbArticlePage } from '../kb/portal/KbArticlePage';
import { KbCategoryPage } from '../kb/portal/KbCategoryPage';
import { KbSearchPage } from '../kb/portal/KbSearchPage';
import { MyRequestsPage } from './components/MyRequestsPage';
import { NewRequestPage } from './components/NewRequestPage';
import { PortalHomePage } from './components/PortalHomePage';
import { PortalRequestPage } from './components/PortalRequestPage';

// Public articles are for anyone; requests only for a signed-in customer.
const customer = (element: ReactNode) => <RequireAuth roles={['customer']}>{element}</RequireAuth>;

export const portalRoutes: RouteObject[] = [
  { index: true, element: <PortalHomePage /> },
  { path: 'kb/search', element: <KbSearchPage /> },
  { path: 'kb/categories/:id', element: <KbCategoryPage /> },
  { path: 'kb/articles/:id', element: <KbArticlePage /> },
  { path: 'requests', element: customer(<MyRequestsPage />) },
  { path: 'requests/new', element: customer(<NewRequestPage />) },
  { path: 'requests/:id', element: customer(<PortalRequestPage />) },
];

import type { RouteObject } from 'react-router';
import { CannedResponsesPage } from './components/CannedResponsesPage';

export const cannedResponsesRoutes: RouteObject[] = [{ path: 'canned-responses', element: <CannedResponsesPage /> }];

import type { RouteObject } from 'react-router';
import { TeamsPage } from './components/TeamsPage';

export const teamsRoutes: RouteObject[] = [{ path: 'teams', element: <TeamsPage /> }];

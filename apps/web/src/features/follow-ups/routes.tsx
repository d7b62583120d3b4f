import type { RouteObject } from 'react-router';
import { FollowUpsPage } from './components/FollowUpsPage';

export const followUpsRoutes: RouteObject[] = [{ path: 'follow-ups', element: <FollowUpsPage /> }];

import type { RouteObject } from 'react-router';
import { UsersPage } from './components/UsersPage';

export const usersRoutes: RouteObject[] = [{ path: 'users', element: <UsersPage /> }];

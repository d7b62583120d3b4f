import type { RouteObject } from 'react-router';
import { OutboxPage } from './components/OutboxPage';

export const outboxRoutes: RouteObject[] = [{ path: 'outbox', element: <OutboxPage /> }];

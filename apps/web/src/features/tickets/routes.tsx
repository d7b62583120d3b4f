import type { RouteObject } from 'react-router';
import { NewTicketPage } from './components/NewTicketPage';
import { TicketPage } from './components/TicketPage';
import { TicketQueuePage } from './components/TicketQueuePage';

export const ticketsRoutes: RouteObject[] = [
  { path: 'tickets', element: <TicketQueuePage /> },
  { path: 'tickets/new', element: <NewTicketPage /> },
  { path: 'tickets/:id', element: <TicketPage /> },
];

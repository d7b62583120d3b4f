import type { RouteObject } from 'react-router';
import { MailboxesPage } from './components/MailboxesPage';
import { MailboxPage } from './components/MailboxPage';

export const mailRoutes: RouteObject[] = [
  { path: 'mailboxes', element: <MailboxesPage /> },
  { path: 'mailboxes/:id', element: <MailboxPage /> },
];

import type { RouteObject } from 'react-router';
import { BusinessCalendarPage } from './components/BusinessCalendarPage';
import { BusinessCalendarsPage } from './components/BusinessCalendarsPage';

export const businessCalendarsRoutes: RouteObject[] = [
  { path: 'business-calendars', element: <BusinessCalendarsPage /> },
  { path: 'business-calendars/:id', element: <BusinessCalendarPage /> },
];

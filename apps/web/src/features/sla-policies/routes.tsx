import type { RouteObject } from 'react-router';
import { SlaPoliciesPage } from './components/SlaPoliciesPage';
import { SlaPolicyPage } from './components/SlaPolicyPage';

export const slaPoliciesRoutes: RouteObject[] = [
  { path: 'sla-policies', element: <SlaPoliciesPage /> },
  { path: 'sla-policies/new', element: <SlaPolicyPage /> },
  { path: 'sla-policies/:id', element: <SlaPolicyPage /> },
];

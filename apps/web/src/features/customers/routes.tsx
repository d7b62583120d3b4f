import type { RouteObject } from 'react-router';
import { CustomersPage } from './components/CustomersPage';

export const customersRoutes: RouteObject[] = [{ path: 'customers', element: <CustomersPage /> }];

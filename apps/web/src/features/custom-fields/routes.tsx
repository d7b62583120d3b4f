import type { RouteObject } from 'react-router';
import { CustomFieldsPage } from './components/CustomFieldsPage';

export const customFieldsRoutes: RouteObject[] = [{ path: 'custom-fields', element: <CustomFieldsPage /> }];

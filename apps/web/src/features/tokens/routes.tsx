import type { RouteObject } from 'react-router';
import { TokensPage } from './components/TokensPage';

export const tokensRoutes: RouteObject[] = [{ path: 'tokens', element: <TokensPage /> }];

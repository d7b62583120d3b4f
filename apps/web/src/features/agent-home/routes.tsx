import type { RouteObject } from 'react-router';
import { AgentHomePage } from './components/AgentHomePage';

export const agentHomeRoutes: RouteObject[] = [{ index: true, element: <AgentHomePage /> }];

import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { KbArticleEditorPage } from './components/KbArticleEditorPage';
import { KbArticlesPage } from './components/KbArticlesPage';
import { KbCategoriesPage } from './components/KbCategoriesPage';
import { KbHistoryPage } from './components/KbHistoryPage';

// ECharts loads with the analytics page only.
const KbAnalyticsPage = lazy(async () => ({ default: (await import('./components/KbAnalyticsPage')).KbAnalyticsPage }));

/** The staff knowledge base, mounted in both the agent and the admin console. */
export const kbRoutes: RouteObject[] = [
  { path: 'kb', element: <KbArticlesPage /> },
  { path: 'kb/articles', element: <KbArticlesPage /> },
  { path: 'kb/articles/new', element: <KbArticleEditorPage /> },
  { path: 'kb/articles/:id', element: <KbArticleEditorPage /> },
  { path: 'kb/articles/:id/history', element: <KbHistoryPage /> },
  { path: 'kb/categories', element: <KbCategoriesPage /> },
  { path: 'kb/analytics', element: <KbAnalyticsPage /> },
];

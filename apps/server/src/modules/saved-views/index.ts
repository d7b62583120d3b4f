export { savedViewsRoutes } from './saved-views.routes.js';
export { createSavedView, listSavedViews } from './saved-views.service.js';
export { savedViews } from './saved-views.tables.js';

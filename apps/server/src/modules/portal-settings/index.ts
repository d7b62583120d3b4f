export { portalSettingsRoutes } from './portal-settings.routes.js';
export { getPortalSettings } from './portal-settings.service.js';
export { portalSettings } from './portal-settings.tables.js';

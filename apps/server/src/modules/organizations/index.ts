export { organizationsRoutes } from './organizations.routes.js';
export { createOrganization } from './organizations.service.js';
export { organizations } from './organizations.tables.js';

export { usersRoutes } from './users.routes.js';
export { createUser, updateOwnProfile } from './users.service.js';
export { ensureFirstAdmin } from './first-admin.js';
export { users } from './users.tables.js';

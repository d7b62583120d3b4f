export { atLeast, isAdmin, isStaff, systemContext, type Actor, type RequestContext } from './actor.js';
export { contextOf, registerAuthentication, SESSION_COOKIE } from './authenticate.js';
export { authRoutes } from './auth.routes.js';
export { deleteExpiredSessions, deleteUserSessions } from './auth.repository.js';
export { loginThrottle } from './auth.service.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { minRole } from './roles.js';
export { authorizeCrud, type CrudAction } from './policy.js';
export { AuthCache, authCacheOf, invalidateAuth, type AuthInvalidation } from './auth-cache.js';

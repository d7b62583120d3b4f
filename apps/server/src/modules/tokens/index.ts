export { tokensRoutes } from './tokens.routes.js';
export { createToken } from './tokens.service.js';
export { apiTokens } from './tokens.tables.js';

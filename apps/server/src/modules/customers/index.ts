export { customersRoutes } from './customers.routes.js';
export { createCustomer, findOrCreateCustomer } from './customers.service.js';
export { customerIdentities, customers } from './customers.tables.js';
export { normalizePhone, searchTextOf } from './customers.repository.js';

export { outboxRoutes } from './outbox.routes.js';
export { openMailTransport, outboxTransport } from './outbox-transport.js';
export { outboxMessages } from './outbox.tables.js';

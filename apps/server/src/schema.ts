// Every table, for drizzle's typed queries and drizzle-kit's migrations. Modules own their tables.
export * from './modules/users/users.tables.js';
export * from './modules/teams/teams.tables.js';
export * from './modules/organizations/organizations.tables.js';
export * from './modules/customers/customers.tables.js';
export * from './modules/auth/auth.tables.js';
export * from './modules/tokens/tokens.tables.js';
export * from './modules/audit/audit.tables.js';
export * from './modules/tickets/tickets.tables.js';
export * from './modules/custom-fields/custom-fields.tables.js';
export * from './modules/canned-responses/canned-responses.tables.js';
export * from './modules/saved-views/saved-views.tables.js';
export * from './modules/attachments/attachments.tables.js';
export * from './modules/sla/business-calendars.tables.js';
export * from './modules/sla/sla-policies.tables.js';
export * from './modules/outbox/outbox.tables.js';
export * from './modules/notifications/notifications.tables.js';

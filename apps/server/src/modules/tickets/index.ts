export { followUpsRoutes } from './follow-ups.routes.js';
export { ticketsRoutes } from './tickets.routes.js';
export { createTicket, getTicket, updateTicket } from './tickets.service.js';
export { addMessage, toSafeHtml } from './ticket-messages.service.js';
export { TICKETS_CHANNEL, type TicketChanged } from './ticket-events.js';
export { NOTIFICATIONS_CHANNEL } from './notifications.js';
export { followUps, lessons, notifications, ticketEvents, ticketMessages, tickets } from './tickets.tables.js';
export { ticketsUseCustomField } from './tickets.repository.js';

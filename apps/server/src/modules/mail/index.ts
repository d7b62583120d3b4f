export { mailRoutes } from './mailboxes.routes.js';
export { defineMailInboundJobs, startMailListener } from './mail-inbound.js';
export { ingestRawMail, type IngestInput, type IngestResult, type MailDeps } from './mail-ingest.js';
export { pollMailbox, POLL_MAILBOXES } from './mail-imap-poll.js';
export { startSmtpListener, type SmtpListener } from './smtp-listener.js';
export { afterIngest } from './mail-after-ingest.js';
export { mailboxes, mailMessages, mailSyncState, ticketParticipants } from './mail.tables.js';

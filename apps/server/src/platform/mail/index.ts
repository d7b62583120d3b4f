// Outbound mail: other code imports only from here. See mail-transport.ts for the design.
export { addressOf, finalize, headerSafe, newMessageId, type MailTransport, type OutboundMail, type SentMail } from './mail-transport.js';
export { smtpTransport } from './smtp-transport.js';

// Outbound mail: other code imports only from here. See mail-transport.ts for the design.
export {
  addressOf, finalize, headerSafe, newMessageId, sendFailureOf,
  type MailAddress, type MailAttachment, type MailTransport, type OutboundMail, type SendFailure, type SentMail,
} from './mail-transport.js';
export { smtpTransport, type SmtpSettings } from './smtp-transport.js';

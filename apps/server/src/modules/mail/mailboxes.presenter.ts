import { defaultAutoReplyTemplates, type Mailbox } from '@kefu/contracts';
import type { MailboxRow } from './mailboxes.repository.js';

/** Row → DTO; passwords only as `hasPassword`. */
export const presentMailbox = (r: MailboxRow): Mailbox => ({
  id: r.id,
  name: r.name,
  address: r.address,
  active: r.active,
  isDefault: r.isDefault,
  imap: r.imapHost
    ? {
        host: r.imapHost, port: r.imapPort ?? 993, tls: r.imapTls, user: r.imapUser ?? '', folder: r.imapFolder,
        pollIntervalSeconds: r.pollIntervalSeconds, hasPassword: r.imapPasswordEnc !== null,
      }
    : null,
  smtp: r.smtpHost
    ? { host: r.smtpHost, port: r.smtpPort ?? 587, secure: r.smtpSecure, user: r.smtpUser, hasPassword: r.smtpPasswordEnc !== null, from: r.smtpFrom }
    : null,
  autoReply: { enabled: r.autoReplyEnabled, templates: r.autoReplyTemplates ?? defaultAutoReplyTemplates },
  unknownSenderPolicy: r.unknownSenderPolicy,
  teamId: r.teamId,
  lastPollAt: r.lastPollAt?.toISOString() ?? null,
  lastPollError: r.lastPollError,
  lastPollCount: r.lastPollCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a mailbox: settings, never secrets. */
export const mailboxSnapshot = (r: MailboxRow) => {
  const { imap, smtp, ...rest } = presentMailbox(r);
  return {
    name: rest.name, address: rest.address, active: rest.active, isDefault: rest.isDefault, unknownSenderPolicy: rest.unknownSenderPolicy,
    teamId: rest.teamId, autoReplyEnabled: rest.autoReply.enabled, imap, smtp,
  };
};

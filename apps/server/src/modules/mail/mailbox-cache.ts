/*
 * The mailboxes, kept in process: every inbound message needs its recipient's mailbox (SMTP RCPT),
 * its own mailbox row and the set of our addresses, and the table changes only when an admin edits
 * it. Writers call `mailboxCache.changed` in their transaction; every instance drops its copy on
 * commit (see platform/realtime/shared-cache.ts), so an edit applies to the next message.
 */
import type { Executor } from '../../platform/db/client.js';
import { sharedCache } from '../../platform/realtime/shared-cache.js';
import { mailboxes } from './mail.tables.js';
import type { MailboxRow } from './mailboxes.repository.js';

export interface MailboxDirectory {
  byId: Map<string, MailboxRow>;
  /** Active mailboxes by their (lower-cased) address. */
  activeByAddress: Map<string, MailboxRow>;
  /** Every mailbox address, active or not: never a customer, never a participant. */
  addresses: Set<string>;
}

export const mailboxCache = sharedCache<MailboxDirectory>('mailboxes_changed', async (db) => {
  const rows = await db.select().from(mailboxes);
  return {
    byId: new Map(rows.map((r) => [r.id, r])),
    activeByAddress: new Map(rows.filter((r) => r.active).map((r) => [r.address.toLowerCase(), r])),
    addresses: new Set(rows.map((r) => r.address.toLowerCase())),
  };
});

/** The directory for the app's `db`; inside a transaction pass it as `exec` (PGlite has one connection). */
export const mailboxDirectory = (db: Executor, exec: Executor = db) => mailboxCache.get(db, exec);

import type { AppDeps } from '../../platform/context.js';
import { openBlobStore, type BlobStore } from '../../platform/storage/index.js';
import { afterIngest } from './mail-after-ingest.js';
import { mailboxCache } from './mailbox-cache.js';
import { defineMailPolling } from './mail-imap-poll.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';

/** Registers the IMAP poll sweep (runs on worker instances). */
export function defineMailInboundJobs(deps: AppDeps, blobs: BlobStore) {
  const mailDeps = { ...deps, blobs };
  // IMAP ingest reads the cached mailboxes too: an edit on another instance drops this copy.
  mailboxCache.listen(deps.db, deps.realtime).catch((err: unknown) => deps.log.warn({ err }, 'mailbox cache: not listening for changes'));
  defineMailPolling(mailDeps, (r) => afterIngest(mailDeps, r));
}

/** Starts the inbound SMTP listener when KEFU_SMTP_PORT is set; null otherwise. */
export async function startMailListener(deps: AppDeps, blobs: BlobStore = openBlobStore(deps.config)): Promise<SmtpListener | null> {
  const settings = deps.config.smtpListener;
  if (!settings) return null;
  const mailDeps = { ...deps, blobs };
  return startSmtpListener(mailDeps, { ...settings, afterIngest: (r) => afterIngest(mailDeps, r) });
}

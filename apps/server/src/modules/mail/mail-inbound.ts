import type { AppDeps } from '../../platform/context.js';
import { openBlobStore, type BlobStore } from '../../platform/storage/index.js';
import { afterIngest } from './mail-after-ingest.js';
import { defineMailPolling } from './mail-imap-poll.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';

/** Registers the IMAP poll sweep (runs on worker instances). */
export function defineMailInboundJobs(deps: AppDeps, blobs: BlobStore) {
  const mailDeps = { ...deps, blobs };
  defineMailPolling(mailDeps, (r) => afterIngest(mailDeps, r));
}

/** Starts the inbound SMTP listener when KEFU_SMTP_PORT is set; null otherwise. */
export async function startMailListener(deps: AppDeps, blobs: BlobStore = openBlobStore(deps.config)): Promise<SmtpListener | null> {
  const settings = deps.config.smtpListener;
  if (!settings) return null;
  const mailDeps = { ...deps, blobs };
  return startSmtpListener(mailDeps, { ...settings, afterIngest: (r) => afterIngest(mailDeps, r) });
}

import { afterInboundMail } from './mail-auto-reply.js';
import type { IngestResult, MailDeps } from './mail-ingest.js';

/**
 * What follows a stored inbound email, after its transaction committed (the mail is safe whatever
 * happens here): the acknowledgment of a new ticket, and for a delivery report the bounce handling.
 */
export async function afterIngest(deps: MailDeps, result: IngestResult): Promise<void> {
  if (result.status !== 'stored') return;
  await afterInboundMail(deps, result);
  // BOUNCE HOOK: mail-outbound's recordBounce(deps, parsed, result) is called here once it exists.
}

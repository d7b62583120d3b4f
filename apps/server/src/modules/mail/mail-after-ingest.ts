import { afterInboundMail } from './mail-auto-reply.js';
import { recordBounce } from './mail-bounce.js';
import type { IngestResult, MailDeps } from './mail-ingest.js';

/**
 * What follows a stored inbound email, after its transaction committed (the mail is safe whatever
 * happens here): for a delivery report, the bounce handling; else the acknowledgment of a new ticket.
 */
export async function afterIngest(deps: MailDeps, result: IngestResult): Promise<void> {
  if (result.status !== 'stored' || !result.parsed) return;
  if (result.parsed.bounce) await recordBounce(deps, result.parsed, result);
  await afterInboundMail(deps, result);
}

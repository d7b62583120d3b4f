import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import type { RequestContext } from '../auth/index.js';
import type { TicketRow } from './tickets.repository.js';

/** A staff member's public reply, just written in `tx`. */
export interface PublicReply {
  ctx: RequestContext;
  ticket: TicketRow;
  messageId: string;
  attachmentIds: string[];
  /** The mailbox the agent chose to answer from, if any (validated by whoever sends mail). */
  mailboxId: string | undefined;
}

export type PublicReplyHook = (deps: AppDeps, tx: Executor, reply: PublicReply) => Promise<void>;

/**
 * Other channels (email) deliver staff replies without the tickets module knowing them: they
 * register here when the app is built. Hooks run inside the reply's transaction, so whatever they
 * book (a queued mail and its job) exists exactly when the reply does; a hook that throws an
 * AppError refuses the reply. A Set: building a second app in one process registers nothing twice.
 */
const hooks = new Set<PublicReplyHook>();

export function onPublicReply(hook: PublicReplyHook) {
  hooks.add(hook);
}

export async function runPublicReplyHooks(deps: AppDeps, tx: Executor, reply: PublicReply) {
  for (const hook of hooks) await hook(deps, tx, reply);
}

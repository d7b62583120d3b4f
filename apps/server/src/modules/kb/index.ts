import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { onPublicReply, ticketMessages, type PublicReplyHook } from '../tickets/index.js';
import { kbAttachmentRoutes } from './kb-attachments.js';
import { recordLinkedUses } from './kb-feedback.service.js';
import { kbRoutes as kbApiRoutes } from './kb.routes.js';

export { draftArticleFromTicket } from './kb-from-ticket.js';
export { kbArticles, kbArticleUses, kbCategories } from './kb.tables.js';

/** A staff reply linking /kb/articles/<id> counts as using that article on the ticket. */
const recordReplyUses: PublicReplyHook = async (deps, tx, reply) => {
  const [m] = await tx.select({ html: ticketMessages.bodyHtml }).from(ticketMessages).where(eq(ticketMessages.id, reply.messageId)).limit(1);
  if (m) await recordLinkedUses(tx, reply.ticket.id, m.html, reply.ctx.actor.userId, deps.clock.now());
};

/** The knowledge base's HTTP API; also hooks staff replies (a Set: registering twice is harmless). */
export function kbRoutes(deps: AppDeps, blobs: BlobStore) {
  onPublicReply(recordReplyUses);
  return async (instance: FastifyInstance) => {
    await instance.register(kbApiRoutes(deps));
    await instance.register(kbAttachmentRoutes(deps, blobs));
  };
}

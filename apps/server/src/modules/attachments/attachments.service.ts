import { Readable } from 'node:stream';
import { attachmentLimits, type Attachment } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Db, Executor } from '../../platform/db/client.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { findVisibleTicket } from '../tickets/index.js';
import { isUploader, mayReadMessageFiles, uploaderOf } from './attachments.policy.js';
import * as repo from './attachments.repository.js';
import { detectContentType, SNIFF_BYTES } from './content-type.js';
import { cleanFilename } from './filenames.js';

export type AttachmentDto = Attachment;

export const presentAttachment = (a: repo.AttachmentRow): AttachmentDto => ({
  id: a.id,
  filename: a.filename,
  size: a.size,
  contentType: a.contentType,
  createdAt: a.createdAt.toISOString(),
});

/** Passes every chunk on and keeps the first SNIFF_BYTES for type detection. */
async function* keepingHead(source: AsyncIterable<Buffer>, head: Buffer[]) {
  let kept = 0;
  for await (const chunk of source) {
    if (kept < SNIFF_BYTES) {
      head.push(chunk.subarray(0, SNIFF_BYTES - kept));
      kept += Math.min(chunk.length, SNIFF_BYTES - kept);
    }
    yield chunk;
  }
}

export interface IncomingFile {
  stream: Readable;
  filename: string;
  claimedType: string;
}

/** An upload's bytes, stored and identified, not yet recorded. */
export interface StoredUpload {
  sha256: string;
  size: number;
  contentType: string;
  claimedType: string;
  filename: string;
  uploader: ReturnType<typeof uploaderOf>;
}

/** Stores the bytes of one uploaded file and detects its type from them; the claimed type is only kept. */
export async function storeUpload(deps: AppDeps, blobs: BlobStore, ctx: RequestContext, file: IncomingFile): Promise<StoredUpload> {
  const uploader = uploaderOf(ctx.actor);
  const head: Buffer[] = [];
  const stored = await blobs.put(Readable.from(keepingHead(file.stream, head)), { maxBytes: deps.config.attachmentMaxBytes });
  const filename = cleanFilename(file.filename);
  return {
    ...stored,
    contentType: detectContentType(Buffer.concat(head), filename, stored.size <= SNIFF_BYTES),
    claimedType: file.claimedType.slice(0, 255).replace(/[^\x20-\x7e]/g, ''),
    filename,
    uploader,
  };
}

/**
 * For a transaction about to record a row pointing at stored bytes. Identical bytes found already
 * stored were not written again, and the stale-upload sweep may have deleted them since; under the
 * blob's lock (held to the commit, the sweep deletes under it too) a row is only recorded for a blob
 * that exists.
 */
export async function holdStoredBlob(tx: Executor, blobs: BlobStore, sha256: string) {
  await repo.lockBlob(tx, sha256);
  if (!(await blobs.has(sha256))) throw new AppError('unavailable', 'The file was removed from storage while it was being uploaded; send it again');
}

/**
 * Records a stored upload for its uploader, once the whole request was read without fault (a
 * refused request leaves at most an unreferenced blob, never an attachment).
 */
export async function recordUpload(deps: AppDeps, blobs: BlobStore, ctx: RequestContext, u: StoredUpload): Promise<AttachmentDto> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await holdStoredBlob(tx, blobs, u.sha256);
    const row = await repo.insertAttachment(tx, {
      id: uuidv7(now.getTime()), sha256: u.sha256, size: u.size, contentType: u.contentType, claimedType: u.claimedType, filename: u.filename, ...u.uploader, createdAt: now,
    });
    await recordAudit(tx, ctx, { action: 'attachment.uploaded', entityType: 'attachment', entityId: row.id, after: { filename: u.filename, size: u.size, contentType: u.contentType, sha256: u.sha256 } }, now);
    return presentAttachment(row);
  });
}

/**
 * The attachment if this caller may download it, else 404 (never saying whether it exists): an
 * unlinked upload only to its uploader; a linked one to whoever may see the ticket, and an
 * internal note's files to staff only.
 */
export async function findDownloadable(deps: AppDeps, ctx: RequestContext, id: string): Promise<repo.AttachmentRow> {
  const found = await repo.findAttachment(deps.db, id);
  if (!found) throw notFound('Attachment');
  const { attachment: a, internal } = found;
  if (!a.messageId || !a.ticketId) {
    if (!isUploader(ctx.actor, a)) throw notFound('Attachment');
    return a;
  }
  if (!mayReadMessageFiles(ctx.actor, internal ?? false)) throw notFound('Attachment');
  if (!(await findVisibleTicket(deps.db, ctx.actor, a.ticketId))) throw notFound('Attachment');
  return a;
}

/**
 * Attaches earlier uploads to a message, inside the caller's transaction. Each id must be an
 * upload of this same caller that is not attached yet; otherwise 400 naming `attachmentIds`
 * (the same answer whether the upload is someone else's or does not exist).
 */
export async function linkAttachments(
  tx: Executor,
  ctx: RequestContext,
  attachmentIds: string[],
  target: { ticketId: string; messageId: string },
): Promise<AttachmentDto[]> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return [];
  if (ids.length > attachmentLimits.perMessage) throw invalidField('attachmentIds', `must list at most ${attachmentLimits.perMessage} attachments`);
  const rows = await repo.lockAttachments(tx, ids);
  const usable = rows.filter((r) => !r.messageId && isUploader(ctx.actor, r));
  if (usable.length !== ids.length) {
    throw invalidField('attachmentIds', 'names an upload that does not exist, is not yours or is already attached to a message');
  }
  const linked = await repo.linkRows(tx, ids, target);
  if (linked.length !== ids.length) throw invalidField('attachmentIds', 'names an upload that is already attached to a message');
  // Upload order, as the timeline lists them.
  return linked.sort((a, b) => a.id.localeCompare(b.id)).map(presentAttachment);
}

/** Each message's attachments, oldest first, for the ticket timeline. */
export async function attachmentsOfMessages(db: Db | Executor, messageIds: string[]): Promise<Map<string, AttachmentDto[]>> {
  const out = new Map<string, AttachmentDto[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return out;
  for (const row of await repo.attachmentsOfMessageIds(db, [...new Set(messageIds)])) out.get(row.messageId!)?.push(presentAttachment(row));
  return out;
}

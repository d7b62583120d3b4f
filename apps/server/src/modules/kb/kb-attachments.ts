import fastifyMultipart from '@fastify/multipart';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, kbAttachmentSchema, problemSchema, type KbAttachment } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from '../../platform/storage/index.js';
import { recordAudit } from '../audit/index.js';
import { contextOf } from '../auth/index.js';
import { contentDisposition, holdStoredBlob, servingOf, storeUpload, type StoredUpload } from '../attachments/index.js';
import { extractText } from './extract-text.js';
import { dayOf } from './kb-feedback.service.js';
import { canReadArticle, requireKbEditor, viewerOf } from './kb.policy.js';
import { presentAttachment } from './kb.presenter.js';
import * as repo from './kb.repository.js';
import { kbAttachments, kbDownloadsDaily } from './kb.tables.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const OFFICE = /^application\/vnd\.openxmlformats-officedocument\./;
const LEGACY_OFFICE = /\.(?:doc|xls|ppt)$/i;
/** Documents and pictures only: an article is not a place to publish executables or web pages. */
function allowedType(u: StoredUpload): boolean {
  return u.contentType === 'application/pdf' || OFFICE.test(u.contentType) || /^image\/(?:png|jpeg|gif|webp)$/.test(u.contentType)
    || u.contentType === 'text/plain' || ((u.contentType === 'application/octet-stream' || u.contentType === 'application/zip') && LEGACY_OFFICE.test(u.filename));
}

async function readAll(stream: NodeJS.ReadableStream, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) break;
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const tooLarge = (max: number) => new AppError('payload_too_large', `A file may be at most ${Math.round(max / 1048576)} MB`, { errors: [{ field: 'file', message: `is larger than ${max} bytes` }] });

function uploadError(err: unknown, max: number): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof BlobTooLargeError) return tooLarge(max);
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(max);
  if (code === 'FST_FILES_LIMIT') return invalidField('file', 'only one file may be sent per request');
  if (typeof code === 'string' && code.startsWith('FST_')) return invalidField('file', 'is not a well-formed multipart upload');
  if (err instanceof Error && /multipart|boundary|unexpected end|terminated early|malformed/i.test(err.message)) return invalidField('file', 'is not a well-formed multipart upload');
  return err;
}

/** Stores one uploaded document for the caller (staff), with its text extracted for search. */
async function receive(deps: AppDeps, blobs: BlobStore, request: FastifyRequest): Promise<KbAttachment> {
  const ctx = contextOf(request);
  const actor = requireKbEditor(ctx.actor);
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  let stored: StoredUpload | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      stored = await storeUpload(deps, blobs, ctx, { stream: part.file, filename: part.filename ?? '', claimedType: part.mimetype ?? '' });
    }
  } catch (err) {
    throw uploadError(err, deps.config.attachmentMaxBytes);
  }
  if (!stored) throw invalidField('file', 'is required: send one file part');
  if (!allowedType(stored)) throw invalidField('file', `is ${stored.contentType}; attach PDF, Office documents, images or plain text`);
  const text = await extractText(await readAll(await blobs.get(stored.sha256), deps.config.attachmentMaxBytes), stored.contentType);
  const now = deps.clock.now();
  const u = stored;
  return inTransaction(deps.db, async (tx) => {
    await holdStoredBlob(tx, blobs, u.sha256);
    const [row] = await tx.insert(kbAttachments).values({
      id: uuidv7(now.getTime()), sha256: u.sha256, size: u.size, contentType: u.contentType, filename: u.filename, extractedText: text, uploadedById: actor.userId, createdAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'kb_attachment.uploaded', entityType: 'kb_attachment', entityId: row!.id, after: { filename: u.filename, size: u.size, contentType: u.contentType } }, now);
    return presentAttachment(row!);
  });
}

export function kbAttachmentRoutes(deps: AppDeps, blobs: BlobStore) {
  return async (instance: FastifyInstance) => {
    await instance.register(fastifyMultipart, {
      limits: { fileSize: deps.config.attachmentMaxBytes + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    });
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge base'];
    app.post('/kb/attachments', {
      schema: { tags, summary: 'Upload a document (PDF, Office, image) to attach to an article', consumes: ['multipart/form-data'], response: { 201: kbAttachmentSchema, ...errors, 413: problemSchema, 415: problemSchema } },
    }, async (request, reply) => reply.status(201).send(await receive(deps, blobs, request)));

    app.get('/kb/attachments/:id', {
      schema: { tags, summary: "Download an article's document (counted); only for who may read the article", params: idParamsSchema, response: { 200: z.unknown().describe("The file's bytes"), ...errors } },
    }, async (request, reply) => {
      const viewer = viewerOf(request, reply);
      const [f] = await deps.db.select().from(kbAttachments).where(eq(kbAttachments.id, request.params.id)).limit(1);
      if (!f) throw notFound('Attachment');
      if (f.articleId) {
        const a = await repo.findArticle(deps.db, f.articleId);
        if (!a || !canReadArticle(viewer, a)) throw notFound('Attachment');
      } else if (!viewer.actor || f.uploadedById !== viewer.actor.userId) {
        throw notFound('Attachment');
      }
      let stream;
      try {
        stream = await blobs.get(f.sha256);
      } catch (err) {
        if (err instanceof BlobNotFoundError) throw new AppError('not_found', 'The file of this attachment is missing');
        throw err;
      }
      if (f.articleId) {
        const articleId = f.articleId;
        await inTransaction(deps.db, async (tx) => {
          await tx.update(kbAttachments).set({ downloadCount: sql`${kbAttachments.downloadCount} + 1` }).where(eq(kbAttachments.id, f.id));
          await tx.insert(kbDownloadsDaily).values({ attachmentId: f.id, articleId, day: dayOf(deps.clock.now()), count: 1 })
            .onConflictDoUpdate({ target: [kbDownloadsDaily.attachmentId, kbDownloadsDaily.day], set: { count: sql`${kbDownloadsDaily.count} + 1` } });
        });
      }
      const serving = servingOf(f.contentType);
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-type', serving.contentType)
        .header('content-length', String(f.size))
        .header('content-disposition', contentDisposition(serving.inline ? 'inline' : 'attachment', f.filename))
        .send(stream);
    });
  };
}

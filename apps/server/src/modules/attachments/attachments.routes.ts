import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentSchema, idParamsSchema, problemSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { AppError, invalidField } from '../../platform/http/app-error.js';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from '../../platform/storage/index.js';
import { contextOf } from '../auth/index.js';
import { findDownloadable, recordUpload, storeUpload, type AttachmentDto, type StoredUpload } from './attachments.service.js';
import { servingOf } from './content-type.js';
import { contentDisposition } from './filenames.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `A file may be at most ${Math.round(maxBytes / 1048576)} MB`, { errors: [{ field: 'file', message: `is larger than ${maxBytes} bytes` }] });

/** Maps what the multipart parser throws to answers naming the field; disk trouble stays a 500. */
function uploadError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof BlobTooLargeError) return tooLarge(maxBytes);
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return invalidField('file', 'only one file may be sent per request');
  if (typeof code === 'string' && code.startsWith('FST_')) return invalidField('file', 'is not a well-formed multipart upload');
  if (err instanceof Error && /multipart|boundary|unexpected end|terminated early|malformed/i.test(err.message)) {
    return invalidField('file', 'is not a well-formed multipart upload');
  }
  return err;
}

async function receiveOne(deps: AppDeps, blobs: BlobStore, request: FastifyRequest): Promise<AttachmentDto> {
  const ctx = contextOf(request);
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  let stored: StoredUpload | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      // The parser's files limit (1) makes the loop throw on a second file.
      stored = await storeUpload(deps, blobs, ctx, { stream: part.file, filename: part.filename ?? '', claimedType: part.mimetype ?? '' });
    }
  } catch (err) {
    throw uploadError(err, deps.config.attachmentMaxBytes);
  }
  if (!stored) throw invalidField('file', 'is required: send one file part');
  return recordUpload(deps, blobs, ctx, stored);
}

/** `If-None-Match` lists (or `*`) matching our strong ETag, weak forms included. */
const matches = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

export function attachmentsRoutes(deps: AppDeps, blobs: BlobStore) {
  return async (instance: FastifyInstance) => {
    // Multipart only here: every other route keeps answering 415 to form posts.
    await instance.register(fastifyMultipart, {
      limits: {
        // One byte over the cap reaches the blob store, which refuses it and removes the partial file.
        fileSize: deps.config.attachmentMaxBytes + 1,
        files: 1,
        fields: 10,
        fieldSize: 1024,
        parts: 12,
        headerPairs: 20,
      },
    });
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['attachments'];

    app.post('/attachments', {
      schema: {
        tags,
        summary: 'Upload one file (multipart/form-data) to attach to a message later',
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema, ...errors, 413: problemSchema, 415: problemSchema, 503: problemSchema },
      },
    }, async (request, reply) => reply.status(201).send(await receiveOne(deps, blobs, request)));

    app.get('/attachments/:id', {
      schema: {
        tags,
        summary: 'Download an attachment (raster images inline, everything else as a download)',
        params: idParamsSchema,
        response: { 200: z.unknown().describe("The file's bytes"), 304: z.null().describe('Not modified (If-None-Match)'), ...errors },
      },
    }, async (request, reply) => {
      const a = await findDownloadable(deps, contextOf(request), request.params.id);
      const etag = `"${a.sha256}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox");
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      let stream;
      try {
        stream = await blobs.get(a.sha256);
      } catch (err) {
        if (err instanceof BlobNotFoundError) {
          request.log.error({ attachmentId: a.id, sha256: a.sha256 }, 'attachment row without its blob');
          throw new AppError('not_found', 'The file of this attachment is missing');
        }
        throw err;
      }
      const serving = servingOf(a.contentType);
      return reply
        .header('content-type', serving.contentType)
        .header('content-length', String(a.size))
        .header('content-disposition', contentDisposition(serving.inline ? 'inline' : 'attachment', a.filename))
        .send(stream);
    });
  };
}

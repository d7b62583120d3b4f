import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createMailboxBodySchema, idParamsSchema, listMailboxesQuerySchema, mailboxChoicesSchema, mailboxSchema, mailboxTestResultSchema, pageSchema, problemSchema, updateMailboxBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { BlobNotFoundError, type BlobStore } from '../../platform/storage/index.js';
import { contextOf } from '../auth/index.js';
import { findRawDownloadable } from './mail-messages.service.js';
import { testMailbox } from './mailbox-test.js';
import { createMailbox, deleteMailbox, getMailbox, listMailboxChoices, listMailboxes, updateMailbox } from './mailboxes.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function mailRoutes(deps: AppDeps, blobs: BlobStore) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['mail'];
    app.get('/mailboxes', { schema: { tags, summary: 'Mailboxes', querystring: listMailboxesQuerySchema, response: { 200: pageSchema(mailboxSchema), ...errors } } },
      async (request) => listMailboxes(deps, contextOf(request), request.query));
    app.get('/mailboxes/choices', { schema: { tags, summary: 'Active mailboxes a reply can go out from (any staff)', response: { 200: mailboxChoicesSchema, ...errors } } },
      async (request) => listMailboxChoices(deps, contextOf(request)));
    app.post('/mailboxes', { schema: { tags, summary: 'Create a mailbox', body: createMailboxBodySchema, response: { 201: mailboxSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createMailbox(deps, contextOf(request), request.body)));
    app.get('/mailboxes/:id', { schema: { tags, summary: 'One mailbox (passwords never returned)', params: idParamsSchema, response: { 200: mailboxSchema, ...errors } } },
      async (request) => getMailbox(deps, contextOf(request), request.params.id));
    app.patch('/mailboxes/:id', { schema: { tags, summary: 'Change a mailbox', params: idParamsSchema, body: updateMailboxBodySchema, response: { 200: mailboxSchema, ...errors } } },
      async (request) => updateMailbox(deps, contextOf(request), request.params.id, request.body));
    app.delete('/mailboxes/:id', { schema: { tags, summary: 'Delete a mailbox', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteMailbox(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
    app.post('/mailboxes/:id/test', { schema: { tags, summary: 'Log in to the IMAP and SMTP servers and report the exact failure', params: idParamsSchema, response: { 200: mailboxTestResultSchema, ...errors } } },
      async (request) => testMailbox(deps, contextOf(request), request.params.id));
    app.get('/mail-messages/:id/raw', {
      schema: { tags, summary: 'The original email (.eml)', params: idParamsSchema, response: { 200: z.unknown().describe('message/rfc822'), ...errors } },
    }, async (request, reply) => {
      const m = await findRawDownloadable(deps, contextOf(request), request.params.id);
      let stream;
      try {
        stream = await blobs.get(m.rawBlobKey!);
      } catch (err) {
        if (err instanceof BlobNotFoundError) throw new AppError('not_found', 'The original of this email is missing');
        throw err;
      }
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-length', String(m.rawSize))
        .header('content-disposition', `attachment; filename="email-${m.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=300')
        .send(stream);
    });
  };
}

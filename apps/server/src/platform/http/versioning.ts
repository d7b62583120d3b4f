/*
 * Optimistic concurrency over HTTP: a record's version travels as its ETag, and a write may send it
 * back as If-Match so a stale write is refused (412) instead of overwriting an unseen change.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { invalidField } from './app-error.js';

export const ifMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() }).loose();

/** Parses `If-Match: "7"` (or W/"7", or 7) into the version it names. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw invalidField('If-Match', 'must be the version from the ETag, e.g. "3"');
  return Number(m[1]);
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('etag', `"${record.version}"`);
  return record;
}

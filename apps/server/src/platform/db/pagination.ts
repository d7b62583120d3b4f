import { and, desc, lt, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Page } from '@kefu/contracts';
import { invalidField } from '../http/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cursors are opaque to clients: the last row's time-ordered id, base64url-encoded. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw invalidField('cursor', 'is not a cursor from a previous page');
  return id;
}

/** Newest first, keyset-paginated on a UUIDv7 primary key. */
export function keyset(idColumn: AnyColumn, cursor: string | undefined, filters: (SQL | undefined)[]) {
  const after = decodeCursor(cursor);
  return {
    where: and(...filters, after ? lt(idColumn, after) : undefined),
    orderBy: desc(idColumn),
  };
}

/** Fetch `limit + 1` rows, then call this: the extra row only tells that another page exists. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, present: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(present), nextCursor: more && last ? encodeCursor(last.id) : null };
}

/** `%q%` for LIKE with the user's own % _ and \ taken literally. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Postgres rejects NUL in text; strip it from search input rather than fail the request. */
export function cleanSearch(q: string | undefined): string | undefined {
  const s = q?.replace(/\u0000/g, '').trim();
  return s ? s : undefined;
}

/** Groups child rows under their parents' ids; every requested id gets a list, empty if it has none. */
export function groupUnder<R, V>(ids: string[], rows: R[], parentOf: (r: R) => string, valueOf: (r: R) => V): Map<string, V[]> {
  const map = new Map<string, V[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(parentOf(r))?.push(valueOf(r));
  return map;
}

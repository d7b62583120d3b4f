import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.js';
import { uuidv7 } from '../ids.js';
import { cleanSearch, containsPattern, decodeCursor, encodeCursor, toPage } from './pagination.js';

/** The AppError `fn` throws; fails the test if it throws nothing or something else. */
function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

/** What LIKE would match with `pattern`, evaluated the way PostgreSQL does (backslash escapes). */
function likeMatches(pattern: string, text: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u').test(text);
}

describe('cursors', () => {
  it('round-trips an id through an opaque, URL-safe cursor', () => {
    for (let i = 0; i < 100; i++) {
      const id = uuidv7();
      const cursor = encodeCursor(id);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(id);
      expect(decodeCursor(cursor)).toBe(id);
    }
  });

  it('treats a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['garbage', 'garbage'],
    ['a bare id', uuidv7()],
    ['an encoded non-id', Buffer.from('not-a-uuid').toString('base64url')],
    ['an id with SQL after it', Buffer.from(`${uuidv7()}' or '1'='1`).toString('base64url')],
    ['an upper-case id', Buffer.from(uuidv7().toUpperCase()).toString('base64url')],
    ['punctuation', '%%%'],
  ])('refuses %s with a 400 naming cursor', (_what, cursor) => {
    const err = appError(() => decodeCursor(cursor));
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.extra.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });
});

describe('toPage', () => {
  const rows = Array.from({ length: 6 }, () => ({ id: uuidv7() })).reverse();

  it('uses the extra row only to tell that another page exists', () => {
    const page = toPage(rows, 5, (r) => r.id);
    expect(page.items).toEqual(rows.slice(0, 5).map((r) => r.id));
    expect(decodeCursor(page.nextCursor!)).toBe(rows[4]!.id);
  });

  it('ends with a null cursor when no extra row came back', () => {
    expect(toPage(rows.slice(0, 5), 5, (r) => r.id).nextCursor).toBeNull();
    expect(toPage(rows.slice(0, 2), 5, (r) => r.id)).toEqual({ items: rows.slice(0, 2).map((r) => r.id), nextCursor: null });
    expect(toPage([], 5, (r: { id: string }) => r.id)).toEqual({ items: [], nextCursor: null });
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('50%_off\\now')).toBe('%50\\%\\_off\\\\now%');
    expect(containsPattern('%')).toBe('%\\%%');
    expect(containsPattern('\\%')).toBe('%\\\\\\%%');
  });

  it('lower-cases, Chinese and emoji untouched', () => {
    expect(containsPattern('ABC 张伟 😀')).toBe('%abc 张伟 😀%');
  });

  it.each([
    ['%', '100% 满意', true],
    ['%', '100 满意', false],
    ['_', 'a_b', true],
    ['_', 'ab', false],
    ['a_c', 'xa_cx', true],
    ['a_c', 'abc', false],
    ['a%c', 'a%c', true],
    ['a%c', 'abbc', false],
    ['\\', 'c:\\dir', true],
    ['\\', 'c:/dir', false],
    ["'; drop table users; --", "x'; drop table users; --y", true],
  ])('q=%s against %s matches: %s', (q, text, expected) => {
    expect(likeMatches(containsPattern(q), text.toLowerCase())).toBe(expected);
  });
});

describe('cleanSearch', () => {
  it('trims, drops NUL bytes, and treats blank as no search', () => {
    expect(cleanSearch('  张伟 ')).toBe('张伟');
    expect(cleanSearch('a\u0000b')).toBe('ab');
    expect(cleanSearch('\u0000 ')).toBeUndefined();
    expect(cleanSearch('   ')).toBeUndefined();
    expect(cleanSearch(undefined)).toBeUndefined();
  });
});

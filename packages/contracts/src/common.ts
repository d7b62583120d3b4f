import { z } from 'zod';
import { limits } from './limits.js';

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: idSchema }).strict();

// Tab, newline and carriage return are text; NUL (which PostgreSQL cannot store) and other controls are not.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControlCharacters = (s: string) => !controlCharacters.test(s);
const controlMessage = 'must not contain control characters';

/** Trimmed single-line text without control characters. */
export const textSchema = (max: number) => z.string().trim().min(1).max(max).refine(noControlCharacters, controlMessage);

/** Free text (notes, descriptions, filters): may be empty or span lines, but holds no control characters. */
export const freeTextSchema = (max: number) => z.string().max(max).refine(noControlCharacters, controlMessage);

export const emailSchema = z
  .string()
  .trim()
  .max(limits.email)
  .pipe(z.email())
  .transform((s) => s.toLowerCase());

export const phoneSchema = z
  .string()
  .trim()
  .min(3)
  .max(limits.phone)
  .regex(/^\+?[0-9][0-9 ()\-.]*(?:ext\.? ?[0-9]+)?$/i, 'must be a phone number: digits, spaces, + ( ) - .');

export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const tagSchema = textSchema(limits.tag);

/** Cursor pagination: `cursor` is opaque, taken from the previous page's `nextCursor`. */
export const pageQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(limits.pageSize.max).default(limits.pageSize.default),
    q: z.string().trim().max(limits.search).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const okSchema = z.object({ ok: z.literal(true) });
export const isoDate = z.iso.datetime({ offset: true });

/** A point in time a client asks about: ISO 8601 with offset, within the years PostgreSQL stores (1–9999). */
export const instantSchema = isoDate.refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'must be between the years 1 and 9999');

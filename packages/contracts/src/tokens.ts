import { z } from 'zod';
import { roleSchema } from './auth.js';
import { idSchema, isoDate, textSchema } from './common.js';
import { limits } from './limits.js';

/** An API token for integrations; the secret is shown once, at creation. */
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The token acts with at most this role, never above its owner's current role. */
  role: roleSchema,
  prefix: z.string(),
  lastUsedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenBodySchema = z
  .object({
    name: textSchema(limits.name),
    role: roleSchema.optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const createdTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export const listTokensResponseSchema = z.object({ items: z.array(apiTokenSchema) });

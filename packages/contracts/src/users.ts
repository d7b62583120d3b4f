import { z } from 'zod';
import { passwordSchema, roleSchema, staffRoleSchema } from './auth.js';
import { emailSchema, idSchema, isoDate, localeSchema, pageQuerySchema, textSchema } from './common.js';
import { limits } from './limits.js';

/** Staff account (admin, supervisor, agent) as admins see it. */
export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  locale: localeSchema,
  active: z.boolean(),
  /** Marked away: automatic assignment skips this agent. */
  away: z.boolean(),
  teamIds: z.array(idSchema),
  lastLoginAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type User = z.infer<typeof userSchema>;

export const createUserBodySchema = z
  .object({
    email: emailSchema,
    name: textSchema(limits.name),
    role: staffRoleSchema,
    password: passwordSchema,
    locale: localeSchema.default('zh-CN'),
    teamIds: z.array(idSchema).max(100).default([]),
  })
  .strict();
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    email: emailSchema.optional(),
    name: textSchema(limits.name).optional(),
    role: staffRoleSchema.optional(),
    password: passwordSchema.optional(),
    locale: localeSchema.optional(),
    active: z.boolean().optional(),
    away: z.boolean().optional(),
    teamIds: z.array(idSchema).max(100).optional(),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const listUsersQuerySchema = pageQuerySchema.extend({
  role: staffRoleSchema.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  teamId: idSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

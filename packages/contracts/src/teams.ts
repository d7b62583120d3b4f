import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, pageQuerySchema, textSchema } from './common.js';
import { limits } from './limits.js';

export const assignmentModes = ['manual', 'round_robin', 'least_open'] as const;

/** A service team (服务组/部门): 售后, 技术支持, 物流, 质检 … */
export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  assignmentMode: z.enum(assignmentModes),
  memberIds: z.array(idSchema),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Team = z.infer<typeof teamSchema>;

export const createTeamBodySchema = z
  .object({
    name: textSchema(limits.name),
    description: freeTextSchema(limits.note).trim().default(''),
    assignmentMode: z.enum(assignmentModes).default('manual'),
    memberIds: z.array(idSchema).max(limits.teamMembers).default([]),
  })
  .strict();
export type CreateTeamBody = z.input<typeof createTeamBodySchema>;

export const updateTeamBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    description: freeTextSchema(limits.note).trim().optional(),
    assignmentMode: z.enum(assignmentModes).optional(),
    memberIds: z.array(idSchema).max(limits.teamMembers).optional(),
  })
  .strict();
export type UpdateTeamBody = z.infer<typeof updateTeamBodySchema>;

export const listTeamsQuerySchema = pageQuerySchema;

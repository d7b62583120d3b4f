import { z } from 'zod';
import { emailSchema, idSchema, localeSchema, textSchema } from './common.js';
import { limits } from './limits.js';

export const roles = ['admin', 'supervisor', 'agent', 'customer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const staffRoles = ['admin', 'supervisor', 'agent'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Ordered powers: a token may be limited to a role at or below its owner's. */
export const roleRank: Record<Role, number> = { customer: 0, agent: 1, supervisor: 2, admin: 3 };

export const passwordSchema = z.string().min(limits.password.min).max(limits.password.max);

export const loginBodySchema = z
  .object({ email: emailSchema, password: z.string().min(1).max(limits.password.max) })
  .strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

export const sessionUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  locale: localeSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({ user: sessionUserSchema });
export const meResponseSchema = z.object({
  user: sessionUserSchema,
  /** How the request was authenticated; a token may be limited below the owner's role. */
  via: z.enum(['session', 'token']),
  effectiveRole: roleSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const updateMeBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    locale: localeSchema.optional(),
    currentPassword: z.string().max(limits.password.max).optional(),
    newPassword: passwordSchema.optional(),
  })
  .strict()
  .refine((b) => !b.newPassword || b.currentPassword, {
    message: 'currentPassword is required to set newPassword',
    path: ['currentPassword'],
  });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

// ——— Customer accounts: sign-up, verification, password reset, sign-in links, invitations ———

/** Single-use links are 43 URL-safe characters; anything much longer is not one of ours. */
export const accountTokenSchema = z.string().trim().min(1).max(200);

export const registerBodySchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: textSchema(limits.name),
    locale: localeSchema.optional(),
  })
  .strict();
export type RegisterBody = z.infer<typeof registerBodySchema>;

/**
 * The answer to every request that may mail someone (sign-up, resend, reset, sign-in link): the same
 * whether or not an account exists, so nobody learns which addresses have one.
 */
export const accountRequestAcceptedSchema = z.object({ status: z.literal('accepted') });
export type AccountRequestAccepted = z.infer<typeof accountRequestAcceptedSchema>;

export const emailOnlyBodySchema = z.object({ email: emailSchema }).strict();
export type EmailOnlyBody = z.infer<typeof emailOnlyBodySchema>;

export const accountTokenBodySchema = z.object({ token: accountTokenSchema }).strict();
export type AccountTokenBody = z.infer<typeof accountTokenBodySchema>;

export const resetPasswordBodySchema = z.object({ token: accountTokenSchema, password: passwordSchema }).strict();
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;

export const acceptInvitationBodySchema = z
  .object({ token: accountTokenSchema, password: passwordSchema, name: textSchema(limits.name).optional() })
  .strict();
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

/** An admin invites a customer to the portal, at one of the customer's addresses (the first by default). */
export const inviteCustomerBodySchema = z
  .object({ email: emailSchema.optional(), locale: localeSchema.optional() })
  .strict();
export type InviteCustomerBody = z.infer<typeof inviteCustomerBodySchema>;

export const customerInvitationSchema = z.object({
  customerId: idSchema,
  userId: idSchema,
  email: z.string(),
  expiresAt: z.string(),
});
export type CustomerInvitation = z.infer<typeof customerInvitationSchema>;

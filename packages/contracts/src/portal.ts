import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, localeSchema } from './common.js';

/** Who may open a portal account: anyone (with a verified address), or only people an admin invites. */
export const signupModes = ['open', 'invitation'] as const;
export const signupModeSchema = z.enum(signupModes);
export type SignupMode = z.infer<typeof signupModeSchema>;

export const portalLimits = {
  name: 100,
  /** The logo's bytes; its data URL is about a third longer. */
  logoBytes: 200 * 1024,
  logoDataUrl: 280_000,
} as const;

export const logoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml'] as const;

export const hexColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1d4ed8')
  .transform((s) => s.toLowerCase());

/** The portal's branding and sign-up rules; public, so the sign-in and sign-up pages can use them. */
export const portalSettingsSchema = z.object({
  /** Empty: the product's own name. */
  name: z.string(),
  /** Where the logo is served (changes with the logo), or null for the product's mark. */
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  /** The languages the portal offers, in the order shown; the first is the default. */
  languages: z.array(localeSchema),
  signupMode: signupModeSchema,
  loginLinkEnabled: z.boolean(),
  updatedAt: isoDate.nullable(),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

const uniqueItems = <T>(xs: T[]) => new Set(xs).size === xs.length;

/** Omitted fields are kept. `logo` is a `data:image/…;base64,` URL, or null to remove it. */
export const updatePortalSettingsBodySchema = z
  .object({
    name: freeTextSchema(portalLimits.name).transform((s) => s.trim()).refine((s) => !/[\r\n]/.test(s), 'must be one line').optional(),
    logo: z
      .string()
      .max(portalLimits.logoDataUrl, 'is larger than 200 KB')
      .regex(/^data:image\/(png|jpeg|webp|gif|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a PNG, JPEG, WebP, GIF or SVG image as a base64 data URL')
      .nullable()
      .optional(),
    primaryColor: hexColorSchema.optional(),
    languages: z.array(localeSchema).min(1).max(2).refine(uniqueItems, 'must not repeat a language').optional(),
    signupMode: signupModeSchema.optional(),
    loginLinkEnabled: z.boolean().optional(),
  })
  .strict();
export type UpdatePortalSettingsBody = z.input<typeof updatePortalSettingsBodySchema>;

/** The signed-in customer's place in the CRM: what the portal needs to offer "my organization". */
export const portalAccountSchema = z.object({
  customerId: idSchema,
  customerName: z.string(),
  organization: z
    .object({
      id: idSchema,
      name: z.string(),
      /** Members see (and reply to) each other's requests. */
      sharedTickets: z.boolean(),
    })
    .nullable(),
});
export type PortalAccount = z.infer<typeof portalAccountSchema>;

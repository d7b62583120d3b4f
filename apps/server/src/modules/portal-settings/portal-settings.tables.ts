import { sql } from 'drizzle-orm';
import { boolean, check, customType, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../platform/db/columns.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The portal's branding and who may open an account: one row (id = 1), written by admins. */
export const portalSettings = pgTable(
  'portal_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Empty: the product's own name. */
    name: text('name').notNull().default(''),
    logo: bytea('logo'),
    logoType: text('logo_type'),
    /** SHA-256 of the logo, so its URL changes when it does and browsers may cache it for good. */
    logoHash: text('logo_hash'),
    primaryColor: text('primary_color').notNull().default('#1d4ed8'),
    languages: text('languages').array().notNull().default(sql`'{zh-CN,en}'::text[]`),
    signupMode: text('signup_mode', { enum: ['open', 'invitation'] }).notNull().default('open'),
    loginLinkEnabled: boolean('login_link_enabled').notNull().default(false),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('portal_settings_single_row', sql`${t.id} = 1`),
    check('portal_settings_signup_mode_check', sql`${t.signupMode} in ('open','invitation')`),
  ],
);

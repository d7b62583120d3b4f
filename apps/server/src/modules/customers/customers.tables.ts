import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { organizations } from '../organizations/organizations.tables.js';

export const customers = pgTable(
  'customers',
  {
    id: id(),
    name: text('name').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull().default('zh-CN'),
    /** Customer value tier (vip · key · regular · potential); SLA policies may match on it. */
    tier: text('tier', { enum: ['vip', 'key', 'regular', 'potential'] }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes').notNull().default(''),
    /** Lower-cased name, emails and phone digits: one trigram-indexed column answers list search. */
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customers_org_idx').on(t.organizationId),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** How we recognise a customer on a channel: an email address or a phone number. */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: id(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['email', 'phone'] }).notNull(),
    value: text('value').notNull(),
    /** Email lower-cased; phone reduced to + and digits. */
    normalized: text('normalized').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('customer_identities_customer_idx').on(t.customerId),
    // One person per email address: mail from it must land with one customer, never two.
    uniqueIndex('customer_identities_email_key').on(t.normalized).where(sql`${t.kind} = 'email'`),
    index('customer_identities_lookup_idx').on(t.kind, t.normalized),
    check('customer_identities_kind_check', sql`${t.kind} in ('email','phone')`),
  ],
);

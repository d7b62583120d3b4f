import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { ListCustomersQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, keyset } from '../../platform/db/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { organizations } from '../organizations/organizations.tables.js';
import { customerIdentities, customers } from './customers.tables.js';

export type CustomerRow = typeof customers.$inferSelect;
export interface Identities { emails: string[]; phones: string[] }

export const normalizePhone = (p: string) => p.replace(/(?!^\+)[^0-9]/g, '');

/** One lower-cased line holding everything list search matches: name, emails, phones as typed and as digits. */
export const searchTextOf = (name: string, ids: Identities) =>
  [name, ...ids.emails, ...ids.phones, ...ids.phones.map(normalizePhone)].join(' ').toLowerCase();

export async function findCustomer(db: Executor, id: string) {
  const rows = await db
    .select({ customer: customers, organizationName: organizations.name })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(eq(customers.id, id))
    .limit(1);
  return rows[0];
}

export function listCustomers(db: Executor, q: ListCustomersQuery) {
  const search = cleanSearch(q.q);
  const digits = search && /^[+0-9 ()\-.]{3,}$/.test(search) ? normalizePhone(search) : undefined;
  const page = keyset(customers.id, q.cursor, [
    q.organizationId ? eq(customers.organizationId, q.organizationId) : undefined,
    q.tag ? sql`${q.tag} = any(${customers.tags})` : undefined,
    search
      ? sql`(${customers.searchText} like ${containsPattern(search)}${digits ? sql` or ${customers.searchText} like ${containsPattern(digits)}` : sql``})`
      : undefined,
  ]);
  return db
    .select({ customer: customers, organizationName: organizations.name })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(page.where)
    .orderBy(page.orderBy)
    .limit(q.limit + 1);
}

export async function identitiesOf(db: Executor, customerIds: string[]) {
  const map = new Map<string, Identities>(customerIds.map((id) => [id, { emails: [], phones: [] }]));
  if (customerIds.length === 0) return map;
  const rows = await db
    .select()
    .from(customerIdentities)
    .where(inArray(customerIdentities.customerId, customerIds))
    .orderBy(asc(customerIdentities.position));
  for (const r of rows) {
    const ids = map.get(r.customerId);
    if (ids) (r.kind === 'email' ? ids.emails : ids.phones).push(r.value);
  }
  return map;
}

export async function replaceIdentities(db: Executor, customerId: string, ids: Identities, now: Date) {
  await db.delete(customerIdentities).where(eq(customerIdentities.customerId, customerId));
  const rows = [
    ...ids.emails.map((value, position) => ({ kind: 'email' as const, value, normalized: value.toLowerCase(), position })),
    ...ids.phones.map((value, position) => ({ kind: 'phone' as const, value, normalized: normalizePhone(value), position })),
  ];
  if (rows.length) {
    await db.insert(customerIdentities).values(rows.map((r) => ({ ...r, id: uuidv7(now.getTime()), customerId, createdAt: now })));
  }
}

/** Emails already held by some other customer. */
export async function emailsTakenByOthers(db: Executor, emails: string[], exceptCustomerId?: string) {
  if (emails.length === 0) return [];
  const rows = await db
    .select({ value: customerIdentities.normalized })
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.kind, 'email'),
        inArray(customerIdentities.normalized, emails.map((e) => e.toLowerCase())),
        exceptCustomerId ? ne(customerIdentities.customerId, exceptCustomerId) : undefined,
      ),
    );
  return rows.map((r) => r.value);
}

export const organizationExists = async (db: Executor, id: string) =>
  (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).limit(1)).length > 0;

export const insertCustomer = async (db: Executor, row: typeof customers.$inferInsert) =>
  (await db.insert(customers).values(row).returning())[0]!;
export const updateCustomerRow = async (db: Executor, id: string, patch: Partial<typeof customers.$inferInsert>) =>
  (await db.update(customers).set(patch).where(eq(customers.id, id)).returning())[0]!;

/**
 * The same number written nationally or internationally (139-0000-1111 and +86 139 0000 1111):
 * equal digits, or one ending in the other when at least 7 digits are compared.
 */
function samePhone(phone: string) {
  const digits = normalizePhone(phone).replace('+', '');
  const stored = sql`replace(${customerIdentities.normalized}, '+', '')`;
  if (digits.length < 7) return eq(customerIdentities.normalized, normalizePhone(phone));
  return or(eq(stored, digits), sql`${stored} like ${'%' + digits}`, and(sql`length(${stored}) >= 7`, sql`${digits} like '%' || ${stored}`));
}

/** A customer by email first (unique), else by phone digits (the oldest match). */
export async function findByIdentity(db: Executor, email?: string, phone?: string) {
  const lookups = [
    email ? and(eq(customerIdentities.kind, 'email'), eq(customerIdentities.normalized, email.toLowerCase())) : undefined,
    phone ? and(eq(customerIdentities.kind, 'phone'), samePhone(phone)) : undefined,
  ];
  for (const match of lookups) {
    if (!match) continue;
    const [row] = await db
      .select({ id: customers.id, organizationId: customers.organizationId, name: customers.name })
      .from(customerIdentities)
      .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
      .where(match)
      .orderBy(asc(customers.id))
      .limit(1);
    if (row) return row;
  }
  return undefined;
}

/** New people from a company's mail domain join that organization. */
export async function organizationForEmailDomain(db: Executor, email: string) {
  const domain = email.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(sql`${domain} = any(${organizations.domains})`).orderBy(asc(organizations.id)).limit(1);
  return org?.id ?? null;
}

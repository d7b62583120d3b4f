import type { CreateCustomerBody, Customer, ListCustomersQuery, Page, UpdateCustomerBody } from '@kefu/contracts';
import { createCustomerBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { toPage } from '../../platform/db/pagination.js';
import { fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeCustomers } from './customers.policy.js';
import * as repo from './customers.repository.js';

const uniq = (xs: string[]) => [...new Set(xs)];

const present = (c: repo.CustomerRow, organizationName: string | null, ids: repo.Identities): Customer => ({
  id: c.id,
  name: c.name,
  emails: ids.emails,
  phones: ids.phones,
  organizationId: c.organizationId,
  organizationName,
  locale: c.locale,
  tier: c.tier,
  tags: c.tags,
  notes: c.notes,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
const snapshot = (c: repo.CustomerRow, ids: repo.Identities) => ({
  name: c.name, emails: ids.emails, phones: ids.phones, organizationId: c.organizationId, locale: c.locale, tier: c.tier, tags: c.tags, notes: c.notes,
});

const emailTaken = () => fieldConflict('emails', 'an address already belongs to another customer');

async function assertWritable(db: Executor, emails: string[] | undefined, organizationId: string | null | undefined, exceptId?: string) {
  if (organizationId && !(await repo.organizationExists(db, organizationId))) {
    throw invalidField('organizationId', 'names an organization that does not exist');
  }
  const taken = await repo.emailsTakenByOthers(db, emails ?? [], exceptId);
  if (taken.length) throw fieldConflict('emails', `${taken.join(', ')} already belongs to another customer`);
}

export async function listCustomers(deps: AppDeps, ctx: RequestContext, query: ListCustomersQuery): Promise<Page<Customer>> {
  authorizeCustomers(ctx.actor, 'list');
  const rows = await repo.listCustomers(deps.db, query);
  const ids = await repo.identitiesOf(deps.db, rows.map((r) => r.customer.id));
  const page = toPage(rows.map((r) => ({ ...r, id: r.customer.id })), query.limit, (r) =>
    present(r.customer, r.organizationName, ids.get(r.customer.id) ?? { emails: [], phones: [] }),
  );
  return page;
}

export async function getCustomer(deps: AppDeps, ctx: RequestContext, id: string): Promise<Customer> {
  authorizeCustomers(ctx.actor, 'read', id);
  const found = await repo.findCustomer(deps.db, id);
  if (!found) throw notFound('Customer');
  const ids = (await repo.identitiesOf(deps.db, [id])).get(id)!;
  return present(found.customer, found.organizationName, ids);
}

export async function createCustomer(deps: AppDeps, ctx: RequestContext, input: CreateCustomerBody): Promise<Customer> {
  authorizeCustomers(ctx.actor, 'create');
  const body = createCustomerBodySchema.parse(input);
  const ids = { emails: body.emails, phones: body.phones };
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await uniqueOr('customer_identities_email_key', emailTaken, () =>
    deps.db.transaction(async (tx) => {
      await assertWritable(tx, body.emails, body.organizationId);
      const row = await repo.insertCustomer(tx, {
        id, name: body.name, organizationId: body.organizationId, locale: body.locale, tier: body.tier, tags: uniq(body.tags), notes: body.notes,
        searchText: repo.searchTextOf(body.name, ids), createdAt: now, updatedAt: now,
      });
      await repo.replaceIdentities(tx, id, ids, now);
      await recordAudit(tx, ctx, { action: 'customer.created', entityType: 'customer', entityId: id, after: snapshot(row, ids) }, now);
    }),
  );
  return getCustomer(deps, ctx, id);
}

export async function updateCustomer(deps: AppDeps, ctx: RequestContext, id: string, body: UpdateCustomerBody): Promise<Customer> {
  authorizeCustomers(ctx.actor, 'update');
  const now = deps.clock.now();
  await uniqueOr('customer_identities_email_key', emailTaken, () =>
    deps.db.transaction(async (tx) => {
      const found = await repo.findCustomer(tx, id);
      if (!found) throw notFound('Customer');
      const before = found.customer;
      const idsBefore = (await repo.identitiesOf(tx, [id])).get(id)!;
      await assertWritable(tx, body.emails, body.organizationId, id);
      const ids = { emails: body.emails ?? idsBefore.emails, phones: body.phones ?? idsBefore.phones };
      const { emails: _e, phones: _p, ...fields } = body;
      const name = body.name ?? before.name;
      const row = await repo.updateCustomerRow(tx, id, {
        ...fields, ...(body.tags ? { tags: uniq(body.tags) } : {}), searchText: repo.searchTextOf(name, ids), updatedAt: now,
      });
      if (body.emails || body.phones) await repo.replaceIdentities(tx, id, ids, now);
      await recordAudit(tx, ctx, { action: 'customer.updated', entityType: 'customer', entityId: id, before: snapshot(before, idsBefore), after: snapshot(row, ids) }, now);
    }),
  );
  return getCustomer(deps, ctx, id);
}

/**
 * The customer with this email (or, failing that, phone), or a new one — inside the caller's
 * transaction, so a ticket opened on someone's behalf and its new customer commit together.
 */
export async function findOrCreateCustomer(
  deps: AppDeps,
  tx: Executor,
  ctx: RequestContext,
  who: { name: string; email?: string; phone?: string },
): Promise<{ id: string; organizationId: string | null; name: string; created: boolean }> {
  const found = await repo.findByIdentity(tx, who.email, who.phone);
  if (found) return { ...found, created: false };
  const now = deps.clock.now();
  const ids = { emails: who.email ? [who.email] : [], phones: who.phone ? [who.phone] : [] };
  const organizationId = who.email ? await repo.organizationForEmailDomain(tx, who.email) : null;
  const row = await repo.insertCustomer(tx, {
    id: uuidv7(now.getTime()), name: who.name, organizationId, searchText: repo.searchTextOf(who.name, ids), createdAt: now, updatedAt: now,
  });
  await repo.replaceIdentities(tx, row.id, ids, now);
  await recordAudit(tx, ctx, { action: 'customer.created', entityType: 'customer', entityId: row.id, after: snapshot(row, ids) }, now);
  return { id: row.id, organizationId, name: row.name, created: true };
}

import type { CreateOrganizationBody, Organization, Page, PageQuery, UpdateOrganizationBody } from '@kefu/contracts';
import { createOrganizationBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { toPage } from '../../platform/db/pagination.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeOrganizations } from './organizations.policy.js';
import * as repo from './organizations.repository.js';

const uniq = (xs: string[]) => [...new Set(xs)];

const present = (o: repo.OrganizationRow, customerCount: number): Organization => ({
  id: o.id,
  name: o.name,
  domains: o.domains,
  tags: o.tags,
  notes: o.notes,
  sharedTickets: o.sharedTickets,
  customerCount,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
const snapshot = ({ name, domains, tags, notes, sharedTickets }: repo.OrganizationRow) => ({ name, domains, tags, notes, sharedTickets });

export async function listOrganizations(deps: AppDeps, ctx: RequestContext, query: PageQuery): Promise<Page<Organization>> {
  authorizeOrganizations(ctx.actor, 'list');
  const rows = await repo.listOrganizations(deps.db, query);
  const counts = await repo.customerCounts(deps.db, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => present(r, counts.get(r.id) ?? 0));
}

export async function getOrganization(deps: AppDeps, ctx: RequestContext, id: string): Promise<Organization> {
  authorizeOrganizations(ctx.actor, 'read');
  const row = await repo.findOrganization(deps.db, id);
  if (!row) throw notFound('Organization');
  return present(row, (await repo.customerCounts(deps.db, [id])).get(id) ?? 0);
}

export async function createOrganization(deps: AppDeps, ctx: RequestContext, input: CreateOrganizationBody): Promise<Organization> {
  authorizeOrganizations(ctx.actor, 'create');
  const body = createOrganizationBodySchema.parse(input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertOrganization(tx, {
      id: uuidv7(now.getTime()), name: body.name, domains: uniq(body.domains), tags: uniq(body.tags), notes: body.notes,
      sharedTickets: body.sharedTickets, createdAt: now, updatedAt: now,
    });
    await recordAudit(tx, ctx, { action: 'organization.created', entityType: 'organization', entityId: row.id, after: snapshot(row) }, now);
    return present(row, 0);
  });
}

export async function updateOrganization(deps: AppDeps, ctx: RequestContext, id: string, body: UpdateOrganizationBody): Promise<Organization> {
  authorizeOrganizations(ctx.actor, 'update');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await repo.findOrganization(tx, id);
    if (!before) throw notFound('Organization');
    const row = await repo.updateOrganizationRow(tx, id, {
      ...body,
      ...(body.domains ? { domains: uniq(body.domains) } : {}),
      ...(body.tags ? { tags: uniq(body.tags) } : {}),
      updatedAt: now,
    });
    await recordAudit(tx, ctx, { action: 'organization.updated', entityType: 'organization', entityId: id, before: snapshot(before), after: snapshot(row) }, now);
    return present(row, (await repo.customerCounts(tx, [id])).get(id) ?? 0);
  });
}

export async function deleteOrganization(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeOrganizations(ctx.actor, 'delete');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await repo.findOrganization(tx, id);
    if (!before) throw notFound('Organization');
    // Never orphan people silently: their records must be moved or removed first.
    const members = (await repo.customerCounts(tx, [id])).get(id) ?? 0;
    if (members > 0) throw new AppError('conflict', `The organization still has ${members} customer(s); move them first`);
    await repo.deleteOrganizationRow(tx, id);
    await recordAudit(tx, ctx, { action: 'organization.deleted', entityType: 'organization', entityId: id, before: snapshot(before) }, now);
  });
}

import type { CreateCustomFieldBody, CustomField, CustomFieldList, ListCustomFieldsQuery, ReorderCustomFieldsBody, UpdateCustomFieldBody } from '@kefu/contracts';
import {
  appliesToTicketType,
  createCustomFieldBodySchema,
  customFieldDefinitionIssues,
  reorderCustomFieldsBodySchema,
  updateCustomFieldBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { AppError, fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { customFieldsChanged, loadCustomFieldDefs } from './custom-fields.cache.js';
import { authorizeCustomFields, canSeeField } from './custom-fields.policy.js';
import { presentField, snapshotField } from './custom-fields.presenter.js';
import * as repo from './custom-fields.repository.js';

/**
 * The app's deps plus what the tickets module knows: whether any ticket holds a value for a field.
 * It receives the deleting transaction, so the check and the delete see the same rows. Until the
 * tickets module provides it, nothing counts as used and delete is always allowed.
 */
export interface CustomFieldsDeps extends AppDeps {
  readonly isFieldInUse?: (key: string, exec: Executor) => Promise<boolean>;
}

const keyTaken = () => fieldConflict('key', 'is already used by another custom field');
const KEY_INDEX = 'custom_fields_key_key';

function assertDefinition(def: Parameters<typeof customFieldDefinitionIssues>[0]) {
  const errors = customFieldDefinitionIssues(def);
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** Runs a definition change in a transaction and makes every instance re-read the definitions after it commits. */
function change<T>(deps: AppDeps, work: (tx: Executor) => Promise<T>): Promise<T> {
  return inTransaction(deps.db, async (tx) => {
    const value = await work(tx);
    await customFieldsChanged(deps.db, tx);
    return value;
  });
}

export async function listCustomFields(deps: AppDeps, ctx: RequestContext, query: ListCustomFieldsQuery): Promise<CustomFieldList> {
  authorizeCustomFields(ctx.actor, 'list');
  const items = (await loadCustomFieldDefs(deps.db)).filter(
    (f) =>
      canSeeField(ctx.actor, f) &&
      (query.active === undefined || f.active === query.active) &&
      (query.ticketType === undefined || appliesToTicketType(f, query.ticketType)),
  );
  return { items: [...items] };
}

export async function getCustomField(deps: AppDeps, ctx: RequestContext, id: string): Promise<CustomField> {
  authorizeCustomFields(ctx.actor, 'read');
  const row = await repo.findField(deps.db, id);
  if (!row || !canSeeField(ctx.actor, row)) throw notFound('CustomField');
  return presentField(row);
}

export async function createCustomField(deps: AppDeps, ctx: RequestContext, input: CreateCustomFieldBody): Promise<CustomField> {
  authorizeCustomFields(ctx.actor, 'create');
  const body = createCustomFieldBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr(KEY_INDEX, keyTaken, () =>
    change(deps, async (tx) => {
      await repo.lockFields(tx);
      if (await repo.findFieldByKey(tx, body.key)) throw keyTaken();
      const row = await repo.insertField(tx, { id: uuidv7(now.getTime()), ...body, position: await repo.nextPosition(tx), createdAt: now, updatedAt: now });
      await recordAudit(tx, ctx, { action: 'custom_field.created', entityType: 'custom_field', entityId: row.id, after: snapshotField(row) }, now);
      return presentField(row);
    }),
  );
}

export async function updateCustomField(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateCustomFieldBody): Promise<CustomField> {
  authorizeCustomFields(ctx.actor, 'update');
  const body = updateCustomFieldBodySchema.parse(input);
  const now = deps.clock.now();
  return change(deps, async (tx) => {
    const before = await repo.findField(tx, id);
    if (!before) throw notFound('CustomField');
    assertDefinition({ ...before, ...body });
    const row = await repo.updateFieldRow(tx, id, { ...body, updatedAt: now });
    await recordAudit(tx, ctx, { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, before: snapshotField(before), after: snapshotField(row) }, now);
    return presentField(row);
  });
}

export async function deleteCustomField(deps: CustomFieldsDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeCustomFields(ctx.actor, 'delete');
  const now = deps.clock.now();
  await change(deps, async (tx) => {
    await repo.lockFields(tx);
    const before = await repo.findField(tx, id);
    if (!before) throw notFound('CustomField');
    if (await (deps.isFieldInUse ?? (async () => false))(before.key, tx)) {
      const message = 'is used by tickets: deactivate the field (active: false) instead of deleting it';
      throw new AppError('conflict', `This custom field ${message}`, { errors: [{ field: 'active', message }] });
    }
    await repo.deleteFieldRow(tx, id);
    await recordAudit(tx, ctx, { action: 'custom_field.deleted', entityType: 'custom_field', entityId: id, before: snapshotField(before) }, now);
  });
}

/**
 * Puts the listed fields in the given order, in the places they hold now; unlisted fields keep
 * theirs. Moving one field up is a two-id call, and a reorder never undoes a field added meanwhile.
 */
export async function reorderCustomFields(deps: AppDeps, ctx: RequestContext, input: ReorderCustomFieldsBody): Promise<CustomFieldList> {
  authorizeCustomFields(ctx.actor, 'update');
  const { ids } = reorderCustomFieldsBodySchema.parse(input);
  if (new Set(ids).size !== ids.length) throw invalidField('ids', 'must not repeat a field');
  const now = deps.clock.now();
  return change(deps, async (tx) => {
    await repo.lockFields(tx);
    const all = await repo.listAllFields(tx);
    const listed = new Set(ids);
    const slots = all.flatMap((r, i) => (listed.has(r.id) ? [i] : []));
    if (slots.length !== ids.length) throw invalidField('ids', 'names a custom field that does not exist');
    const byId = new Map(all.map((r) => [r.id, r]));
    const ordered = [...all];
    slots.forEach((slot, i) => (ordered[slot] = byId.get(ids[i]!)!));
    for (const [position, row] of ordered.entries()) {
      if (row.position !== position) await repo.setPosition(tx, row.id, position, now);
    }
    await recordAudit(tx, ctx, {
      action: 'custom_field.reordered', entityType: 'custom_field', entityId: null,
      before: { order: all.map((r) => r.key) }, after: { order: ordered.map((r) => r.key) },
    }, now);
    return { items: ordered.map((r, position) => presentField({ ...r, position, updatedAt: r.position === position ? r.updatedAt : now })) };
  });
}

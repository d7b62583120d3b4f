import {
  createSlaPolicyBodySchema, reorderSlaPoliciesBodySchema, updateSlaPolicyBodySchema,
  type CreateSlaPolicyBody, type SlaEscalationStep, type SlaPolicy, type SlaTargets, type UpdateSlaPolicyBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { slaConfig } from './sla-config.js';
import { authorizeSlaPolicies } from './sla-policies.policy.js';
import { presentPolicy, snapshotPolicy } from './sla-policies.presenter.js';
import * as repo from './sla-policies.repository.js';

const NAME_INDEX = 'sla_policies_name_key';
const nameTaken = () => fieldConflict('name', 'is already used by another SLA policy');

/** An escalation step must watch a target the policy sets; a calendar must exist. */
async function assertCoherent(tx: Executor, targets: SlaTargets, escalations: SlaEscalationStep[], calendarId: string | null) {
  escalations.forEach((step, i) => {
    if (!targets[step.target]) throw invalidField(`escalations.${i}.target`, `watches ${step.target}, which this policy sets no target for`);
  });
  if (calendarId && !(await repo.calendarExists(tx, calendarId))) throw invalidField('calendarId', 'names a business calendar that does not exist');
}

export async function listSlaPolicies(deps: AppDeps, ctx: RequestContext) {
  authorizeSlaPolicies(ctx.actor, 'list');
  return { items: (await repo.listPolicies(deps.db)).map(presentPolicy) };
}

export async function getSlaPolicy(deps: AppDeps, ctx: RequestContext, id: string): Promise<SlaPolicy> {
  authorizeSlaPolicies(ctx.actor, 'read');
  const row = await repo.findPolicy(deps.db, id);
  if (!row) throw notFound('SlaPolicy');
  return presentPolicy(row);
}

export async function createSlaPolicy(deps: AppDeps, ctx: RequestContext, input: CreateSlaPolicyBody): Promise<SlaPolicy> {
  authorizeSlaPolicies(ctx.actor, 'create');
  const body = createSlaPolicyBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr(NAME_INDEX, nameTaken, () =>
    inTransaction(deps.db, async (tx) => {
      await repo.lockPolicies(tx);
      if (await repo.findPolicyByName(tx, body.name)) throw nameTaken();
      const escalations = body.escalations ?? [];
      await assertCoherent(tx, body.targets, escalations, body.calendarId ?? null);
      const row = await repo.insertPolicy(tx, {
        id: uuidv7(now.getTime()), name: body.name, description: body.description ?? '', active: body.active ?? true,
        position: await repo.nextPosition(tx), conditions: body.conditions ?? {}, targets: body.targets, calendarId: body.calendarId ?? null,
        pauseStatuses: body.pauseStatuses ?? ['pending', 'on_hold'], escalations, createdAt: now, updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'sla_policy.created', entityType: 'sla_policy', entityId: row.id, after: snapshotPolicy(row) }, now);
      await slaConfig.changed(deps.db, tx);
      return presentPolicy(row);
    }),
  );
}

export async function updateSlaPolicy(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateSlaPolicyBody, ifMatch?: number): Promise<SlaPolicy> {
  authorizeSlaPolicies(ctx.actor, 'update');
  const body = updateSlaPolicyBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr(NAME_INDEX, nameTaken, () =>
    inTransaction(deps.db, async (tx) => {
      const before = await repo.findPolicy(tx, id);
      if (!before) throw notFound('SlaPolicy');
      if (ifMatch !== undefined && ifMatch !== before.version) {
        throw new AppError('precondition_failed', `The policy changed since you loaded it (now version ${before.version})`, { current: presentPolicy(before) });
      }
      if (body.name && body.name.toLowerCase() !== before.name.toLowerCase() && (await repo.findPolicyByName(tx, body.name))) throw nameTaken();
      const next = { ...before, ...body };
      await assertCoherent(tx, next.targets, next.escalations, next.calendarId);
      const after = await repo.updatePolicyRow(tx, id, before.version, { ...body, updatedAt: now });
      if (!after) throw new AppError('precondition_failed', 'The policy changed meanwhile; reload it', {});
      await recordAudit(tx, ctx, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: id, before: snapshotPolicy(before), after: snapshotPolicy(after) }, now);
      await slaConfig.changed(deps.db, tx);
      return presentPolicy(after);
    }),
  );
}

export async function deleteSlaPolicy(deps: AppDeps, ctx: RequestContext, id: string) {
  authorizeSlaPolicies(ctx.actor, 'delete');
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const before = await repo.findPolicy(tx, id);
    if (!before || !(await repo.deletePolicy(tx, id))) throw notFound('SlaPolicy');
    await recordAudit(tx, ctx, { action: 'sla_policy.deleted', entityType: 'sla_policy', entityId: id, before: snapshotPolicy(before) }, now);
    await slaConfig.changed(deps.db, tx);
  });
}

/** Sets the order policies are tried in: `ids` must name every policy exactly once. */
export async function reorderSlaPolicies(deps: AppDeps, ctx: RequestContext, input: { ids: string[] }) {
  authorizeSlaPolicies(ctx.actor, 'update');
  const { ids } = reorderSlaPoliciesBodySchema.parse(input);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    await repo.lockPolicies(tx);
    const all = await repo.listPolicies(tx);
    const known = new Set(all.map((p) => p.id));
    if (ids.length !== all.length || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i))) {
      throw invalidField('ids', 'must list every SLA policy exactly once');
    }
    for (const [i, policyId] of ids.entries()) await repo.setPosition(tx, policyId, i + 1);
    await recordAudit(tx, ctx, { action: 'sla_policy.reordered', entityType: 'sla_policy', entityId: ids[0]!, after: { order: ids } }, now);
    await slaConfig.changed(deps.db, tx);
    return { items: (await repo.listPolicies(tx)).map(presentPolicy) };
  });
}

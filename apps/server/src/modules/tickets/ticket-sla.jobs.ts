/*
 * The SLA timer: `evaluate-sla` runs at the instant the row's `sla_next_at` named when it was booked.
 * It locks the row, acts on every step that has come due and not fired (the breach, warnings,
 * escalations), records each as fired in the same transaction, and books the next instant.
 *
 * Exactly once: two instances, a retried job or a stale job booked before the deadlines moved all
 * find the fired marks under the row lock and do nothing more. A job that fires after a restart is
 * late by the downtime and acts then, once.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { BREACH, dueSteps, loadSlaConfig, type StoredSla } from '../sla/index.js';
import { notifyUsers } from './notifications.js';
import { audienceIds, raiseLevel, teamSupervisorIds } from './ticket-escalation.js';
import { recordTicketEvent } from './ticket-events.js';
import { calendarOf, EVALUATE_SLA, storeSla } from './ticket-sla.js';
import * as repo from './tickets.repository.js';
import { tickets } from './tickets.tables.js';

const payload = z.object({ ticketId: z.uuid() });

export function defineSlaJobs(deps: AppDeps) {
  deps.jobs.defineJob(EVALUATE_SLA, payload, async ({ ticketId }) => {
    await inTransaction(deps.db, (tx) => evaluateSla(deps, tx, ticketId));
  }, { retryLimit: 10, retryDelaySeconds: 5 });
}

export async function evaluateSla(deps: AppDeps, tx: Executor, ticketId: string) {
  const [locked] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update').limit(1);
  if (!locked?.sla) return;
  let row = locked;
  const config = await loadSlaConfig(deps.db, tx);
  const cal = calendarOf(config, locked.sla.calendarId);
  const now = deps.clock.now();
  const due = dueSteps(locked.sla, cal, now);
  const sla: StoredSla = { ...locked.sla, targets: locked.sla.targets.map((t) => ({ ...t, fired: [...t.fired] })) };
  for (const { targetIndex, step } of due) {
    const target = sla.targets[targetIndex]!;
    target.fired.push(step);
    if (step === BREACH) {
      target.breachedAt ??= now.toISOString();
      await recordTicketEvent(deps, tx, null, row, 'sla.breached', { target: target.target, policyId: sla.policyId });
      await notifyUsers(deps, tx, null, row.assigneeId ? [row.assigneeId] : await teamSupervisorIds(tx, row.teamId), 'sla.breached', row.id, {
        number: row.number, subject: row.subject, target: target.target,
      });
      continue;
    }
    const rule = sla.escalations[step]!;
    const data = { target: target.target, step, ...(rule.atPercent !== undefined ? { atPercent: rule.atPercent } : { afterBreachMinutes: rule.afterBreachMinutes }) };
    if (rule.atPercent !== undefined && rule.atPercent < 100) await recordTicketEvent(deps, tx, null, row, 'sla.warning', data);
    const kind = rule.raiseToLevel ? 'escalation' : rule.atPercent !== undefined && rule.atPercent < 100 ? 'sla.warning' : 'sla.breached';
    await notifyUsers(deps, tx, null, await audienceIds(tx, row, rule.notify), kind, row.id, { number: row.number, subject: row.subject, ...data });
    if (rule.raiseToLevel && rule.raiseToLevel > row.escalationLevel) row = await raiseLevel(deps, tx, null, row, rule.raiseToLevel, { by: 'sla', ...data });
    if (rule.reassignToSupervisor) row = await reassignToSupervisor(deps, tx, row);
  }
  await storeSla(deps, tx, row, sla, cal, now);
}

async function reassignToSupervisor(deps: AppDeps, tx: Executor, row: repo.TicketRow): Promise<repo.TicketRow> {
  const [supervisor] = await teamSupervisorIds(tx, row.teamId);
  if (!supervisor || supervisor === row.assigneeId) return row;
  const after = await repo.updateTicketRow(tx, row.id, row.version, { assigneeId: supervisor, updatedAt: deps.clock.now() });
  if (!after) return row;
  await recordTicketEvent(deps, tx, null, after, 'ticket.updated', { changes: { assigneeId: [row.assigneeId, supervisor] }, by: 'sla' });
  await notifyUsers(deps, tx, null, [supervisor], 'ticket.assigned', after.id, { number: after.number, subject: after.subject });
  return after;
}

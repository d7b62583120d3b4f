/*
 * The SLA timers. Each ticket's next due instant is a column (`tickets.sla_next_at`, partially
 * indexed), so timers are rows: durable across restarts, moved by an UPDATE when a deadline moves,
 * and cancelled by setting it null. The `sweep-sla` sweep picks rows whose instant has come, locks
 * each (FOR UPDATE SKIP LOCKED: instances share the work, never the same row), acts on every step
 * due and not fired (the breach, warnings, escalations), records it as fired in the same
 * transaction, and stores the next instant.
 *
 * Exactly once: a second instance finds the row locked and skips it; a later pass finds the fired
 * marks. A row that fell due while every instance was down is picked up on the first pass after
 * the restart, late by the downtime.
 *
 * A calendar change moves the instants of every ticket counting on it (`recompute-sla-deadlines`),
 * in batches of short transactions so agents' requests are never held up.
 */
import { and, asc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { BREACH, dueSteps, loadSlaConfig, nextDueAt, RECOMPUTE_SLA_DEADLINES, type StoredSla } from '../sla/index.js';
import { notifyUsers } from './notifications.js';
import { audienceIds, raiseLevel, teamSupervisorIds } from './ticket-escalation.js';
import { recordTicketEvent } from './ticket-events.js';
import { calendarOf, storeSla } from './ticket-sla.js';
import * as repo from './tickets.repository.js';
import { tickets } from './tickets.tables.js';

/** Rows one pass takes; the sweep runs again at once while passes come back full. */
const SWEEP_BATCH = 200;
/** How often an idle worker looks for due rows: the most a timer is late when nothing else is. */
const SWEEP_EVERY_MS = 500;
const RECOMPUTE_BATCH = 1000;

export function defineSlaJobs(deps: AppDeps) {
  deps.jobs.defineSweep('sweep-sla', SWEEP_EVERY_MS, () => sweepDueSla(deps));
  deps.jobs.defineJob(RECOMPUTE_SLA_DEADLINES, z.object({ calendarId: z.uuid() }), async ({ calendarId }) => {
    await recomputeDeadlines(deps, calendarId);
  }, { retryLimit: 10 });
}

/** Handles the rows due now; returns how many it handled. */
export async function sweepDueSla(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(isNotNull(tickets.slaNextAt), lte(tickets.slaNextAt, now)))
    .orderBy(asc(tickets.slaNextAt))
    .limit(SWEEP_BATCH);
  // A few transactions at once on a server (each waits on its own round trips); one on PGlite.
  const width = deps.database.driver === 'pglite' ? 1 : 8;
  let handled = 0;
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const { id } = due[next++]!;
      if (await inTransaction(deps.db, (tx) => evaluateSla(deps, tx, id))) handled++;
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return handled;
}

/** Acts on what is due for one ticket; false when another instance holds it or nothing is due. */
export async function evaluateSla(deps: AppDeps, tx: Executor, ticketId: string): Promise<boolean> {
  const now = deps.clock.now();
  const [locked] = await tx.select().from(tickets).where(and(eq(tickets.id, ticketId), lte(tickets.slaNextAt, now))).for('update', { skipLocked: true }).limit(1);
  if (!locked?.sla) return false;
  let row = locked;
  const config = await loadSlaConfig(deps.db, tx);
  const cal = calendarOf(config, locked.sla.calendarId);
  const sla: StoredSla = { ...locked.sla, targets: locked.sla.targets.map((t) => ({ ...t, fired: [...t.fired] })) };
  for (const { targetIndex, step } of dueSteps(locked.sla, cal, now)) {
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
    const warning = rule.atPercent !== undefined && rule.atPercent < 100;
    const data = { target: target.target, step, ...(rule.atPercent !== undefined ? { atPercent: rule.atPercent } : { afterBreachMinutes: rule.afterBreachMinutes }) };
    if (warning) await recordTicketEvent(deps, tx, null, row, 'sla.warning', data);
    const kind = rule.raiseToLevel ? 'escalation' : warning ? 'sla.warning' : 'sla.breached';
    await notifyUsers(deps, tx, null, await audienceIds(tx, row, rule.notify), kind, row.id, { number: row.number, subject: row.subject, ...data, ...(rule.raiseToLevel ? { level: rule.raiseToLevel } : {}) });
    if (rule.raiseToLevel && rule.raiseToLevel > row.escalationLevel) row = await raiseLevel(deps, tx, null, row, rule.raiseToLevel, { by: 'sla', ...data });
    if (rule.reassignToSupervisor) row = await reassignToSupervisor(deps, tx, row);
  }
  // At least a second on: a mark a hair from due by rounding is picked up next pass, not this one.
  await storeSla(tx, row, sla, cal, now, new Date(now.getTime() + 1000));
  return true;
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

/**
 * After a calendar changes, moves the due instants of every running ticket counting on it. A row
 * whose instant changed meanwhile (a ticket event recomputed it) is left as that event set it.
 */
export async function recomputeDeadlines(deps: AppDeps, calendarId: string): Promise<number> {
  const config = await loadSlaConfig(deps.db);
  const cal = calendarOf(config, calendarId);
  let after = '00000000-0000-0000-0000-000000000000';
  let moved = 0;
  for (;;) {
    const rows = await deps.db
      .select({ id: tickets.id, sla: tickets.sla, slaNextAt: tickets.slaNextAt })
      .from(tickets)
      .where(and(gt(tickets.id, after), isNotNull(tickets.slaNextAt), sql`${tickets.sla}->>'calendarId' = ${calendarId}`))
      .orderBy(asc(tickets.id))
      .limit(RECOMPUTE_BATCH);
    if (rows.length === 0) return moved;
    after = rows[rows.length - 1]!.id;
    const now = deps.clock.now();
    const changes = rows.flatMap((r) => {
      const next = r.sla ? nextDueAt(r.sla, cal, now) : null;
      return next?.getTime() === r.slaNextAt?.getTime() ? [] : [{ id: r.id, was: r.slaNextAt!.toISOString(), next: next?.toISOString() ?? null }];
    });
    if (changes.length) {
      const result = await deps.db.execute(sql`
        update tickets t set sla_next_at = c.next::timestamptz
        from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(id uuid, was timestamptz, next text)
        where t.id = c.id and t.sla_next_at = c.was
        returning t.id`);
      moved += result.rows.length;
    }
  }
}

/*
 * SLA clocks on tickets. Every change to a ticket passes through recordTicketEvent, which calls
 * `followSla` in the same transaction: it re-reads the row, re-matches the policy when a field the
 * conditions look at may have changed, moves the clocks for status changes and replies, stores the
 * result on the row (`tickets.sla`, `tickets.sla_next_at` = the next instant something falls due).
 * The SLA sweep (ticket-sla.jobs.ts) acts on rows whose instant has come.
 *
 * Derived from the row, not from each event's payload: the clocks compare the status they last saw
 * with the row's, so every path that changes a status (PATCH, reply, follow-up, merge, auto-close)
 * moves them the same way.
 */
import { eq } from 'drizzle-orm';
import type { SlaTargetKind, Ticket } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { customers } from '../customers/index.js';
import {
  calendarIdFor, loadSlaConfig, matchPolicy, meet, nextDueAt, pause, presentSla, restartCycle, resume, startTarget, unmeet,
  type Calendar, type SlaConfig, type SlaPolicyRow, type StoredSla, type StoredTarget,
} from '../sla/index.js';
import { ticketMessages, tickets } from './tickets.tables.js';
import type { TicketRow } from './tickets.repository.js';

/** Events the clocks never react to: their own. */
const OWN_EVENTS = new Set(['sla.warning', 'sla.breached', 'ticket.escalated']);
const STOPPED = new Set(['resolved', 'closed']);

export interface SlaView {
  now: Date;
  config: SlaConfig;
}

/** `exec`: the transaction when called inside one. */
export const slaView = async (deps: AppDeps, exec: Executor = deps.db): Promise<SlaView> => ({ now: deps.clock.now(), config: await loadSlaConfig(deps.db, exec) });

export const calendarOf = (config: SlaConfig, id: string | null | undefined): Calendar => (id ? (config.calendars.get(id) ?? null) : null);

export const presentTicketSla = (row: Pick<TicketRow, 'sla'>, view: SlaView): Ticket['sla'] =>
  presentSla(row.sla ?? null, calendarOf(view.config, row.sla?.calendarId), view.now);

type SlaState = StoredSla;

function fromPolicy(config: SlaConfig, policy: SlaPolicyRow, row: TicketRow, previous: SlaState | null): SlaState {
  const kept = new Map((previous?.targets ?? []).map((t) => [t.target, t]));
  const paused = policy.pauseStatuses.includes(row.status) || STOPPED.has(row.status);
  const targets: StoredTarget[] = [];
  for (const kind of ['first_response', 'next_response', 'resolution'] as SlaTargetKind[]) {
    const spec = policy.targets[kind];
    if (!spec) continue;
    const old = kept.get(kind);
    if (old) {
      // Same time used, the new policy's size; its steps are new, so only a recorded breach stays.
      targets.push({ ...old, minutes: spec.minutes, businessTime: spec.businessTime, fired: old.breachedAt ? [-1] : [] });
    } else if (kind === 'resolution' || (kind === 'first_response' && !row.firstRespondedAt)) {
      // A promise made at opening counts from the opening, even when the policy arrives later.
      targets.push(startTarget(kind, spec, row.createdAt, !paused));
    }
  }
  return {
    policyId: policy.id, policyVersion: policy.version, policyName: policy.name, calendarId: calendarIdFor(config, policy), pauseStatuses: policy.pauseStatuses,
    specs: policy.targets, escalations: policy.escalations, targets, status: previous?.status ?? row.status,
  };
}

/** Moves the clocks from the status they last saw to the row's. */
function followStatus(sla: SlaState, status: string, cal: Calendar, now: Date): SlaState {
  const was = sla.status;
  let targets = sla.targets;
  if (STOPPED.has(status)) targets = targets.map((t) => meet(t, cal, now));
  else {
    if (STOPPED.has(was)) targets = targets.map((t) => (t.target === 'resolution' ? unmeet(t, now) : t));
    targets = sla.pauseStatuses.includes(status) ? targets.map((t) => pause(t, cal, now)) : targets.map((t) => resume(t, now));
  }
  return { ...sla, targets, status };
}

/** A public reply: staff fulfil the response targets; a customer's message starts a next-response cycle. */
function followReply(sla: SlaState, byStaff: boolean, cal: Calendar, now: Date): SlaState {
  if (byStaff) {
    return { ...sla, targets: sla.targets.map((t) => (t.target === 'resolution' ? t : meet(t, cal, now))) };
  }
  const spec = sla.specs.next_response;
  const first = sla.targets.find((t) => t.target === 'first_response');
  if (!spec || (first && !first.metAt) || STOPPED.has(sla.status)) return sla;
  const current = sla.targets.find((t) => t.target === 'next_response');
  if (current && !current.metAt) return sla;
  const running = !sla.pauseStatuses.includes(sla.status);
  const cycle = current ? restartCycle(current, now) : startTarget('next_response', spec, now, true);
  const next = running ? cycle : pause(cycle, cal, now);
  return { ...sla, targets: current ? sla.targets.map((t) => (t === current ? next : t)) : [...sla.targets, next] };
}

async function loadRow(tx: Executor, ticketId: string) {
  const [found] = await tx
    .select({ row: tickets, tier: customers.tier })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.requesterId))
    .where(eq(tickets.id, ticketId))
    .limit(1);
  return found;
}

async function publicReplyByStaff(tx: Executor, messageId: unknown): Promise<boolean | null> {
  if (typeof messageId !== 'string') return null;
  const [m] = await tx.select({ internal: ticketMessages.internal, userId: ticketMessages.authorUserId }).from(ticketMessages).where(eq(ticketMessages.id, messageId)).limit(1);
  if (!m || m.internal) return null;
  return m.userId !== null;
}

/**
 * Stores the clocks on the row, with the next instant anything falls due: the SLA sweep
 * (ticket-sla.jobs.ts) picks the row up when that instant comes. `notBefore` keeps a row the sweep
 * just handled from being picked again at once.
 */
export async function storeSla(tx: Executor, row: TicketRow, sla: StoredSla | null, cal: Calendar, now: Date, notBefore?: Date) {
  let nextAt = sla ? nextDueAt(sla, cal, now) : null;
  if (nextAt && notBefore && nextAt < notBefore) nextAt = notBefore;
  await tx.update(tickets).set({ sla, slaNextAt: nextAt }).where(eq(tickets.id, row.id));
  return { sla, slaNextAt: nextAt };
}

/**
 * Called for every ticket event inside its transaction (see ticket-events.ts). Returns what it
 * stored on the row, or undefined when it left the row alone.
 */
export async function followSla(deps: AppDeps, tx: Executor, ticket: { id: string; sla?: StoredSla | null }, type: string, data: Record<string, unknown>) {
  if (OWN_EVENTS.has(type)) return undefined;
  const config = await loadSlaConfig(deps.db, tx);
  // Nothing to follow and nothing to start: no read of the row on the common path without policies.
  if (config.policies.length === 0 && ticket.sla === null) return undefined;
  const found = await loadRow(tx, ticket.id);
  if (!found || (!found.row.sla && config.policies.length === 0)) return undefined;
  const { row, tier } = found;
  const now = deps.clock.now();
  const previous = row.sla as SlaState | null;
  const policy = matchPolicy(config, {
    priority: row.priority, type: row.type, channel: row.channel, complaintCategory: row.complaintCategory,
    complaintImpact: row.complaintImpact, organizationId: row.organizationId, customerTier: tier, tags: row.tags,
  });
  if (!policy || row.mergedIntoId) {
    return previous ? storeSla(tx, row, null, null, now) : undefined;
  }
  const calendar = calendarOf(config, calendarIdFor(config, policy));
  const samePolicy = previous?.policyId === policy.id && previous.policyVersion === policy.version && previous.calendarId === calendarIdFor(config, policy);
  let sla: SlaState = samePolicy ? previous : fromPolicy(config, policy, row, previous);
  sla = followStatus(sla, row.status, calendar, now);
  if (type === 'message.added') {
    const byStaff = await publicReplyByStaff(tx, data.messageId);
    if (byStaff !== null) sla = followReply(sla, byStaff, calendar, now);
  }
  return storeSla(tx, row, sla, calendar, now);
}

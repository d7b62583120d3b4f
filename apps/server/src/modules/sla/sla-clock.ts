/*
 * The SLA clocks of one ticket: pure functions over the state stored on the ticket row
 * (`tickets.sla`), so every change and every timer is a read-modify-write of one row under its lock.
 *
 * A target's clock measures *used* time: `usedMinutes` banked before the current running stretch,
 * plus the time since `runningSince` (business minutes on the calendar, or wall minutes). Pausing
 * banks the stretch; meeting banks it and stamps `metAt`. So pauses, policy changes (new minutes,
 * same used time) and reopening all reduce to moving `runningSince` and `usedMinutes`.
 *
 * Escalation steps and the breach itself fire when used time reaches their mark (a share of the
 * target, or the target plus some minutes). Each fired step is recorded in `fired`, in the same
 * transaction that acts on it: a second run of the same timer, on this instance or another,
 * finds it recorded and does nothing.
 */
import type { SlaEscalationStep, SlaTarget, SlaTargetKind, SlaTargets, TicketSla, TicketSlaTarget } from '@kefu/contracts';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-time.js';

/** Marks the breach itself in `fired` (escalation steps are marked by their index). */
export const BREACH = -1;

export interface StoredTarget {
  target: SlaTargetKind;
  minutes: number;
  businessTime: boolean;
  usedMinutes: number;
  runningSince: string | null;
  metAt: string | null;
  breachedAt: string | null;
  fired: number[];
  /** Completed cycles of a next-response target (one per customer message answered). */
  cycles: { met: number; breached: number };
}

export interface StoredSla {
  policyId: string;
  /** The policy as applied: an edit takes effect at the ticket's next change. */
  policyVersion: number;
  policyName: string;
  calendarId: string | null;
  /** The ticket status the clocks last followed. */
  status: string;
  pauseStatuses: string[];
  specs: SlaTargets;
  escalations: SlaEscalationStep[];
  targets: StoredTarget[];
}

/** The calendar business-time targets count on; null counts them in wall time. */
export type Calendar = BusinessCalendar | null;

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

function add(t: Pick<StoredTarget, 'businessTime'>, cal: Calendar, start: Date, minutes: number): Date {
  if (minutes <= 0) return start;
  return t.businessTime && cal ? addBusinessMinutes(cal, start, minutes) : new Date(start.getTime() + minutes * MINUTE);
}

function between(t: Pick<StoredTarget, 'businessTime'>, cal: Calendar, from: Date, to: Date): number {
  return t.businessTime && cal ? businessMinutesBetween(cal, from, to) : (to.getTime() - from.getTime()) / MINUTE;
}

/** Time used so far, in the target's minutes. */
export function usedAt(t: StoredTarget, cal: Calendar, now: Date): number {
  return t.usedMinutes + (t.runningSince ? Math.max(0, between(t, cal, at(t.runningSince), now)) : 0);
}

export function startTarget(kind: SlaTargetKind, spec: SlaTarget, now: Date, running: boolean): StoredTarget {
  return {
    target: kind, minutes: spec.minutes, businessTime: spec.businessTime, usedMinutes: 0,
    runningSince: running ? now.toISOString() : null, metAt: null, breachedAt: null, fired: [], cycles: { met: 0, breached: 0 },
  };
}

export function pause(t: StoredTarget, cal: Calendar, now: Date): StoredTarget {
  if (!t.runningSince || t.metAt) return t;
  return { ...t, usedMinutes: usedAt(t, cal, now), runningSince: null };
}

export function resume(t: StoredTarget, now: Date): StoredTarget {
  if (t.runningSince || t.metAt) return t;
  return { ...t, runningSince: now.toISOString() };
}

/** Stops the clock as fulfilled; met after the due time reads as breached. */
export function meet(t: StoredTarget, cal: Calendar, now: Date): StoredTarget {
  if (t.metAt) return t;
  const used = usedAt(t, cal, now);
  const late = used > t.minutes;
  return {
    ...t, usedMinutes: used, runningSince: null, metAt: now.toISOString(),
    breachedAt: t.breachedAt ?? (late ? now.toISOString() : null),
    cycles: t.target === 'next_response' ? { met: t.cycles.met + (late ? 0 : 1), breached: t.cycles.breached + (late ? 1 : 0) } : t.cycles,
  };
}

/** Reopening: the target runs again with the time it had already used. */
export function unmeet(t: StoredTarget, now: Date): StoredTarget {
  if (!t.metAt) return t;
  return { ...t, metAt: null, runningSince: now.toISOString() };
}

/** A new next-response cycle after a customer message: fresh time, fresh steps. */
export function restartCycle(t: StoredTarget, now: Date): StoredTarget {
  return { ...t, usedMinutes: 0, runningSince: now.toISOString(), metAt: null, breachedAt: null, fired: [] };
}

/** When used time reaches `mark` minutes, given the clock runs from now on; null while stopped. */
function instantOfUse(t: StoredTarget, cal: Calendar, now: Date, mark: number): Date | null {
  if (!t.runningSince || t.metAt) return null;
  const left = mark - usedAt(t, cal, now);
  return left <= 0 ? now : add(t, cal, now, left);
}

/** When the target falls (or fell) due: null while paused, or once met in time. */
export function dueAt(t: StoredTarget, cal: Calendar, now: Date): Date | null {
  if (t.breachedAt) return at(t.breachedAt);
  if (t.metAt) return null;
  return instantOfUse(t, cal, now, t.minutes);
}

/** The use mark of a step: a share of the target, or the target plus minutes after the breach. */
const markOf = (t: StoredTarget, step: SlaEscalationStep) =>
  step.atPercent !== undefined ? (t.minutes * step.atPercent) / 100 : t.minutes + (step.afterBreachMinutes ?? 0);

export interface DueStep {
  targetIndex: number;
  /** BREACH, or the index of the policy's escalation step. */
  step: number;
}

/** What has come due at `now` and not fired yet: the breach, then steps in policy order. */
export function dueSteps(sla: StoredSla, cal: Calendar, now: Date): DueStep[] {
  const out: DueStep[] = [];
  sla.targets.forEach((t, targetIndex) => {
    if (t.metAt) return;
    const used = usedAt(t, cal, now);
    if (used >= t.minutes && !t.fired.includes(BREACH)) out.push({ targetIndex, step: BREACH });
    sla.escalations.forEach((step, i) => {
      if (step.target === t.target && used >= markOf(t, step) && !t.fired.includes(i)) out.push({ targetIndex, step: i });
    });
  });
  return out;
}

/** The next instant something is due (what the timer waits for), or null when nothing will be. */
export function nextDueAt(sla: StoredSla, cal: Calendar, now: Date): Date | null {
  let next: Date | null = null;
  for (const t of sla.targets) {
    const marks = [...(t.fired.includes(BREACH) ? [] : [t.minutes])];
    sla.escalations.forEach((step, i) => {
      if (step.target === t.target && !t.fired.includes(i)) marks.push(markOf(t, step));
    });
    for (const mark of marks) {
      const when = instantOfUse(t, cal, now, mark);
      if (when && (!next || when < next)) next = when;
    }
  }
  return next;
}

function stateOf(t: StoredTarget, cal: Calendar, now: Date): TicketSlaTarget['state'] {
  if (t.breachedAt) return 'breached';
  if (t.metAt) return 'met';
  if (usedAt(t, cal, now) >= t.minutes) return 'breached';
  return t.runningSince ? 'running' : 'paused';
}

export function presentSla(sla: StoredSla | null, cal: Calendar, now: Date): TicketSla | null {
  if (!sla) return null;
  return {
    policyId: sla.policyId,
    policyName: sla.policyName,
    targets: sla.targets.map((t) => {
      return {
        target: t.target,
        state: stateOf(t, cal, now),
        dueAt: dueAt(t, cal, now)?.toISOString() ?? null,
        remainingSeconds: Math.round((t.minutes - usedAt(t, cal, now)) * 60),
        businessTime: t.businessTime,
        minutes: t.minutes,
        metAt: t.metAt,
        breachedAt: t.breachedAt,
      };
    }),
  };
}

import type { TFunction } from 'i18next';
import type { SlaTargetKind, SlaTargetState, TicketSla, TicketSlaTarget } from '@kefu/contracts';

/** A ticket's target as it reads at `now`, between two answers from the server. */
export interface LiveTarget {
  target: SlaTargetKind;
  /** The server's state, turned to breached the moment a running countdown passes zero. */
  state: SlaTargetState;
  /** Left (positive) or overdue (negative); business seconds for a business-time target. */
  seconds: number;
  businessTime: boolean;
  /** Less than a quarter of the target left (known only when the target's size is). */
  urgent: boolean;
  /** Met, after the due time: history, not something to act on. */
  late: boolean;
  dueAt: string | null;
  metAt: string | null;
}

/** Below this share of the target left, a running countdown turns orange. */
const URGENT_SHARE = 0.25;

/**
 * Calendar-time targets count down to `dueAt`, so a page opened long after the answer still reads
 * right. A business-time target's clock stops outside working hours, which the browser cannot see:
 * it shows the server's business seconds until the wall clock left is shorter (from there on no
 * gap remains before the due time), so it never claims more urgency than is true.
 */
export function liveTarget(t: TicketSlaTarget, now: number, totalMinutes?: number): LiveTarget {
  let seconds = t.remainingSeconds;
  let state = t.state;
  const counting = (t.state === 'running' || (t.state === 'breached' && !t.metAt)) && t.dueAt !== null;
  if (counting) {
    const wallLeft = Math.round((Date.parse(t.dueAt!) - now) / 1000);
    if (!t.businessTime) seconds = t.state === 'running' ? wallLeft : Math.min(wallLeft, t.remainingSeconds);
    else if (t.state === 'running') seconds = Math.min(t.remainingSeconds, wallLeft);
    if (state === 'running' && seconds <= 0) state = 'breached';
  }
  const urgent = state === 'running' && totalMinutes !== undefined && seconds < totalMinutes * 60 * URGENT_SHARE;
  return { target: t.target, state, seconds, businessTime: t.businessTime, urgent, late: state === 'breached' && t.metAt !== null, dueAt: t.dueAt, metAt: t.metAt };
}

const rank = (t: LiveTarget) => (t.state === 'breached' && !t.late ? 0 : t.state === 'running' ? 1 : t.state === 'paused' ? 2 : t.late ? 3 : 4);

/** The targets in the order they ask for attention: overdue first, then the nearest deadline. */
export function byUrgency(targets: LiveTarget[]): LiveTarget[] {
  return [...targets].sort((a, b) => rank(a) - rank(b) || a.seconds - b.seconds);
}

export function liveTargets(sla: TicketSla, now: number, minutesOf: (policyId: string, target: SlaTargetKind) => number | undefined): LiveTarget[] {
  return sla.targets.map((t) => liveTarget(t, now, minutesOf(sla.policyId, t.target)));
}

/** `2天3小时` / `2d 3h`, `5分12秒` / `5m 12s`: the two largest units, seconds only under an hour. */
export function formatSeconds(total: number, t: TFunction): string {
  const s = Math.abs(Math.trunc(total));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return t('sla.time.dh', { d: days, h: hours });
  if (hours > 0) return t('sla.time.hm', { h: hours, m: minutes });
  if (minutes > 0) return t('sla.time.ms', { m: minutes, s: seconds });
  return t('sla.time.s', { s: seconds });
}

/** A target's size as hours and minutes, for lists: `4小时`, `1小时30分钟`, `30分钟`. */
export function formatMinutes(total: number, t: TFunction): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return t('sla.time.minutes', { m: minutes });
  if (minutes === 0) return t('sla.time.hours', { h: hours });
  return t('sla.time.hoursMinutes', { h: hours, m: minutes });
}

/** What the badge says: the time left or overdue, or the state when no clock runs. */
export function countdownText(target: LiveTarget, t: TFunction): string {
  const time = formatSeconds(target.seconds, t);
  switch (target.state) {
    case 'met':
      return t('sla.state.met');
    case 'breached':
      return target.late ? t('sla.state.metLate', { time }) : t('sla.state.overdue', { time });
    case 'paused':
      return t('sla.state.paused', { time });
    default:
      return target.businessTime ? t('sla.state.leftBusiness', { time }) : t('sla.state.left', { time });
  }
}

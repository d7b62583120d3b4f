/*
 * What every ticket write consults: the active SLA policies in order and the business calendars.
 * Kept in process (sharedCache): policy and calendar writers announce their change, and every
 * instance drops its copy when that change commits.
 */
import type { SlaConditions, TicketChannel, TicketPriority, TicketType } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { sharedCache } from '../../platform/realtime/shared-cache.js';
import type { BusinessCalendar } from './business-time.js';
import { listAllCalendars } from './business-calendars.repository.js';
import { listActivePolicies, type SlaPolicyRow } from './sla-policies.repository.js';

export interface SlaConfig {
  readonly policies: readonly SlaPolicyRow[];
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
  readonly defaultCalendarId: string | null;
}

/** The job (defined where tickets live) that moves due instants after a calendar changes. */
export const RECOMPUTE_SLA_DEADLINES = 'recompute-sla-deadlines';

export const slaConfig = sharedCache<SlaConfig>('kefu_sla_config', async (db) => {
  const [policies, calendars] = await Promise.all([listActivePolicies(db), listAllCalendars(db)]);
  return {
    policies,
    calendars: new Map(calendars.map((c) => [c.id, { timeZone: c.timeZone, weekly: c.weekly, holidays: c.holidays, workdays: c.workdays, makeUpWeekday: c.makeUpWeekday }])),
    defaultCalendarId: calendars.find((c) => c.isDefault)?.id ?? null,
  };
});

/** The calendar a policy's business-time targets count on: its own, else the default one. */
export const calendarIdFor = (config: SlaConfig, policy: Pick<SlaPolicyRow, 'calendarId'>) => policy.calendarId ?? config.defaultCalendarId;

/** What policy conditions look at. */
export interface TicketFacts {
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  complaintCategory: string | null;
  complaintImpact: string | null;
  organizationId: string | null;
  customerTier: string | null;
  tags: readonly string[];
}

const holds = <T>(allowed: readonly T[] | undefined, value: T | null) => !allowed?.length || (value !== null && allowed.includes(value));

export function conditionsHold(c: SlaConditions, f: TicketFacts): boolean {
  return (
    holds(c.priorities, f.priority) &&
    holds(c.types, f.type) &&
    holds(c.channels, f.channel) &&
    holds(c.complaintCategories as readonly string[] | undefined, f.complaintCategory) &&
    holds(c.complaintImpacts as readonly string[] | undefined, f.complaintImpact) &&
    holds(c.organizationIds, f.organizationId) &&
    holds(c.customerTiers as readonly string[] | undefined, f.customerTier) &&
    (!c.tags?.length || c.tags.some((t) => f.tags.includes(t)))
  );
}

/** The first active policy, in order, whose conditions all hold. */
export const matchPolicy = (config: SlaConfig, facts: TicketFacts) => config.policies.find((p) => conditionsHold(p.conditions, facts));

/** `exec`: the transaction when called inside one (see sharedCache). */
export const loadSlaConfig = (db: Executor, exec: Executor = db) => slaConfig.get(db, exec);

import { z } from 'zod';
import { idSchema, instantSchema, isoDate, tagSchema, textSchema } from './common.js';
import { customerTiers } from './customers.js';
import { limits } from './limits.js';
import { slaTargetKinds } from './sla-state.js';
import { complaintCategories, complaintImpacts, ticketChannels, ticketPriorities, ticketStatuses, ticketTypes } from './tickets.js';

/** Who an escalation step tells: the ticket's assignee, its team's supervisors, the managers (admins). */
export const escalationAudiences = ['assignee', 'supervisors', 'managers'] as const;

/** Highest escalation level: 1 team supervisor · 2 manager · 3 top management. */
export const maxEscalationLevel = 3;

const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max).optional();

export const slaConditionsSchema = z
  .object({
    priorities: list(z.enum(ticketPriorities)),
    types: list(z.enum(ticketTypes)),
    channels: list(z.enum(ticketChannels)),
    complaintCategories: list(z.enum(complaintCategories)),
    complaintImpacts: list(z.enum(complaintImpacts)),
    organizationIds: list(idSchema, 200),
    customerTiers: list(z.enum(customerTiers)),
    tags: list(tagSchema),
  })
  .strict();
export type SlaConditions = z.infer<typeof slaConditionsSchema>;

export const slaTargetSchema = z
  .object({
    /** Up to a year of minutes. */
    minutes: z.number().int().min(1).max(525_600),
    /** Business time on the policy's calendar, or calendar (wall-clock) time. */
    businessTime: z.boolean(),
  })
  .strict();
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const slaTargetsSchema = z
  .object({
    first_response: slaTargetSchema.optional(),
    next_response: slaTargetSchema.optional(),
    resolution: slaTargetSchema.optional(),
  })
  .strict()
  .refine((t) => Object.values(t).some(Boolean), { message: 'must set at least one target' });
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

/**
 * One escalation level of a policy: when it fires (a share of a target's time used, or minutes
 * after its breach) and what it does.
 */
export const slaEscalationStepSchema = z
  .object({
    target: z.enum(slaTargetKinds),
    /** Fires when this share of the target's time is used (75 = at 75%; 100 = at the breach). */
    atPercent: z.number().int().min(1).max(100).optional(),
    /** Or fires this many minutes (of the target's kind of time) after the breach. */
    afterBreachMinutes: z.number().int().min(1).max(525_600).optional(),
    notify: z.array(z.enum(escalationAudiences)).max(escalationAudiences.length),
    /** Raise the ticket's escalation level to this (it never goes down automatically). */
    raiseToLevel: z.number().int().min(1).max(maxEscalationLevel).optional(),
    /** Give the ticket to a supervisor of its team. */
    reassignToSupervisor: z.boolean().optional(),
  })
  .strict()
  .refine((s) => (s.atPercent === undefined) !== (s.afterBreachMinutes === undefined), {
    message: 'give exactly one of atPercent or afterBreachMinutes',
  });
export type SlaEscalationStep = z.infer<typeof slaEscalationStepSchema>;

const slaPolicyFields = {
  name: textSchema(100),
  description: z.string().max(limits.note),
  active: z.boolean(),
  conditions: slaConditionsSchema,
  targets: slaTargetsSchema,
  /** The calendar business-time targets use; null = the default calendar. */
  calendarId: idSchema.nullable(),
  /** While a ticket is in one of these, its clocks stop (default pending and on hold). */
  pauseStatuses: z.array(z.enum(ticketStatuses)).max(ticketStatuses.length),
  escalations: z.array(slaEscalationStepSchema).max(20),
};

export const slaPolicySchema = z.object({
  id: idSchema,
  ...slaPolicyFields,
  /** Policies are tried in this order; the first whose conditions all hold applies. */
  position: z.number().int(),
  version: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const createSlaPolicyBodySchema = z
  .object({
    ...slaPolicyFields,
    description: slaPolicyFields.description.optional(),
    active: slaPolicyFields.active.optional(),
    conditions: slaConditionsSchema.optional(),
    calendarId: slaPolicyFields.calendarId.optional(),
    pauseStatuses: slaPolicyFields.pauseStatuses.optional(),
    escalations: slaPolicyFields.escalations.optional(),
  })
  .strict();
export type CreateSlaPolicyBody = z.infer<typeof createSlaPolicyBodySchema>;

export const updateSlaPolicyBodySchema = z
  .object({
    name: slaPolicyFields.name.optional(),
    description: slaPolicyFields.description.optional(),
    active: slaPolicyFields.active.optional(),
    conditions: slaConditionsSchema.optional(),
    targets: slaTargetsSchema.optional(),
    calendarId: slaPolicyFields.calendarId.optional(),
    pauseStatuses: slaPolicyFields.pauseStatuses.optional(),
    escalations: slaPolicyFields.escalations.optional(),
  })
  .strict();
export type UpdateSlaPolicyBody = z.infer<typeof updateSlaPolicyBodySchema>;

export const reorderSlaPoliciesBodySchema = z.object({ ids: z.array(idSchema).min(1).max(500) }).strict();

export const slaPolicyListSchema = z.object({ items: z.array(slaPolicySchema) });

export const escalateTicketBodySchema = z.object({ reason: textSchema(limits.note) }).strict();
export type EscalateTicketBody = z.infer<typeof escalateTicketBodySchema>;

/** What the SLA attainment report can group tickets by (`category`: complaints by complaint category). */
export const slaReportGroupings = ['policy', 'team', 'agent', 'priority', 'type', 'category'] as const;
export type SlaReportGrouping = (typeof slaReportGroupings)[number];

/** The longest range one report covers: a year, leap day included. */
export const slaReportMaxDays = 366;

/** Tickets created in [from, to). The server also checks from < to and the range cap. */
export const slaReportQuerySchema = z
  .object({
    from: instantSchema,
    to: instantSchema,
    groupBy: z.enum(slaReportGroupings).default('policy'),
  })
  .strict();
export type SlaReportQuery = z.infer<typeof slaReportQuerySchema>;

export const slaReportOutcomeSchema = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  /** met / (met + breached), 0–1; null when no target of this kind was decided yet. */
  attainment: z.number().nullable(),
});
export type SlaReportOutcome = z.infer<typeof slaReportOutcomeSchema>;

/** Median and 90th percentile of the minutes fulfilled targets took (business or calendar minutes, as each target counts). */
export const slaReportTimesSchema = z.object({ median: z.number().nullable(), p90: z.number().nullable() });

export const slaReportRowSchema = z.object({
  /** The group's id or enum value; null for tickets without one (no team, unassigned, uncategorized). */
  key: z.string().nullable(),
  /** Team, agent or policy name; the enum value for priority, type and category (the web translates it); '' when key is null. */
  label: z.string(),
  /** Tickets created in the range that carry an SLA. */
  tickets: z.number().int(),
  targets: z.record(z.enum(slaTargetKinds), slaReportOutcomeSchema),
  firstResponseMinutes: slaReportTimesSchema,
  resolutionMinutes: slaReportTimesSchema,
});
export type SlaReportRow = z.infer<typeof slaReportRowSchema>;

export const slaReportSchema = z.object({
  groupBy: z.enum(slaReportGroupings),
  from: isoDate,
  to: isoDate,
  /** The instant running targets were judged at. */
  asOf: isoDate,
  rows: z.array(slaReportRowSchema),
  totals: slaReportRowSchema,
});
export type SlaReport = z.infer<typeof slaReportSchema>;

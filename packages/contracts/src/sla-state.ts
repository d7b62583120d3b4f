import { z } from 'zod';
import { idSchema, isoDate } from './common.js';

/** The promises a policy can make: first reply, reply after each customer message, resolution. */
export const slaTargetKinds = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetKind = (typeof slaTargetKinds)[number];

/** What a target reads as now: met in time, breached (missed, or met late), paused or running. */
export const slaTargetStates = ['running', 'paused', 'met', 'breached'] as const;
export type SlaTargetState = (typeof slaTargetStates)[number];

/** One target of a ticket, as the ticket page and the queue show it. */
export const ticketSlaTargetSchema = z.object({
  target: z.enum(slaTargetKinds),
  state: z.enum(slaTargetStates),
  /** When it falls due; null while paused (the clock is stopped). */
  dueAt: isoDate.nullable(),
  /** Seconds left (business seconds for a business-time target); negative once breached. */
  remainingSeconds: z.number().int(),
  businessTime: z.boolean(),
  /** The target's size, in business or calendar minutes. */
  minutes: z.number().int(),
  metAt: isoDate.nullable(),
  breachedAt: isoDate.nullable(),
});
export type TicketSlaTarget = z.infer<typeof ticketSlaTargetSchema>;

export const ticketSlaSchema = z.object({
  policyId: idSchema,
  policyName: z.string(),
  targets: z.array(ticketSlaTargetSchema),
});
export type TicketSla = z.infer<typeof ticketSlaSchema>;


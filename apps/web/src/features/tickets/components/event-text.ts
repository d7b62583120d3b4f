import type { TFunction } from 'i18next';
import {
  complaintCategories, complaintImpacts, complaintRemedies, slaTargetKinds, ticketChannels, ticketPriorities, ticketStatuses, ticketTypes,
} from '@kefu/contracts';
import { ticketNumber } from '../format';
import type { TimelineEvent } from '../types';

export interface Names {
  team: (id: string) => string | undefined;
  staff: (id: string) => string | undefined;
}

/** Fields the server reports in `changes`, as the timeline names them. */
const fieldKeys = {
  subject: 'tickets.fields.subject',
  type: 'tickets.fields.type',
  status: 'tickets.fields.status',
  priority: 'tickets.fields.priority',
  teamId: 'tickets.fields.team',
  assigneeId: 'tickets.fields.assignee',
  tags: 'tickets.fields.tags',
  customFields: 'tickets.fields.customFields',
  complaintCategory: 'tickets.complaint.category',
  complaintImpact: 'tickets.complaint.impact',
  rootCause: 'tickets.complaint.rootCause',
  remedies: 'tickets.complaint.remedies',
  remedyNote: 'tickets.complaint.remedyNote',
} as const;

const includes = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** One value of a change as a person reads it: labels for codes, names for ids. */
export function valueText(field: string, value: unknown, t: TFunction, names: Names): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return field === 'assigneeId' ? t('tickets.unassigned') : t('tickets.timeline.none');
  }
  switch (field) {
    case 'status':
      return includes(ticketStatuses, value) ? t(`tickets.status.${value}`) : String(value);
    case 'priority':
      return includes(ticketPriorities, value) ? t(`tickets.priority.${value}`) : String(value);
    case 'type':
      return includes(ticketTypes, value) ? t(`tickets.type.${value}`) : String(value);
    case 'complaintCategory':
      return includes(complaintCategories, value) ? t(`tickets.category.${value}`) : String(value);
    case 'complaintImpact':
      return includes(complaintImpacts, value) ? t(`tickets.impact.${value}`) : String(value);
    case 'remedies':
      return Array.isArray(value) ? value.map((r) => (includes(complaintRemedies, r) ? t(`tickets.remedy.${r}`) : String(r))).join('、') : String(value);
    case 'teamId':
      return names.team(String(value)) ?? '…';
    case 'assigneeId':
      return names.staff(String(value)) ?? '…';
    case 'tags':
      return Array.isArray(value) ? value.join('、') : String(value);
    default:
      return typeof value === 'string' ? clip(value) : clip(JSON.stringify(value));
  }
}

export function fieldName(field: string, t: TFunction): string {
  return field in fieldKeys ? t(fieldKeys[field as keyof typeof fieldKeys]) : field;
}

/** One sentence per change, without the actor (the line shows who). */
export function changeSentences(changes: Record<string, unknown>, t: TFunction, names: Names): string[] {
  return Object.entries(changes).flatMap(([field, pair]) => {
    if (!Array.isArray(pair) || pair.length !== 2) return [];
    const [from, to] = pair as [unknown, unknown];
    if (field === 'customFields') return [t('tickets.timeline.customFieldsChanged')];
    if (field === 'assigneeId' && to) return [t('tickets.timeline.assigned', { to: valueText(field, to, t, names) })];
    if (field === 'assigneeId') return [t('tickets.timeline.unassigned')];
    if (field === 'teamId' && to) return [t('tickets.timeline.transferred', { to: valueText(field, to, t, names) })];
    if (field === 'rootCause' || field === 'remedyNote') return [t('tickets.timeline.textChanged', { field: fieldName(field, t) })];
    return [t('tickets.timeline.changed', { field: fieldName(field, t), from: valueText(field, from, t, names), to: valueText(field, to, t, names) })];
  });
}

/** The sentences of an event line; empty when the event needs no line of its own. */
export function eventSentences(e: TimelineEvent, t: TFunction, names: Names): string[] {
  const d = e.data;
  switch (e.type) {
    case 'ticket.created': {
      const channel = includes(ticketChannels, d.channel) ? d.channel : undefined;
      return [channel ? t('tickets.timeline.createdVia', { channel: t(`tickets.channel.${channel}`) }) : t('tickets.timeline.created')];
    }
    case 'ticket.updated':
      return changeSentences((d.changes as Record<string, unknown> | undefined) ?? {}, t, names);
    case 'message.added':
      // The message shows itself; only a status it moved deserves a line.
      return Array.isArray(d.status) ? changeSentences({ status: d.status }, t, names) : [];
    case 'complaint.confirmation_recorded':
      return [
        d.outcome === 'unreachable'
          ? t('tickets.timeline.confirmationUnreachable', { note: typeof d.note === 'string' ? d.note : '' })
          : t('tickets.timeline.confirmationConfirmed'),
      ];
    case 'follow_up.scheduled':
      return [t('tickets.timeline.followUpScheduled', { owner: valueText('assigneeId', d.ownerId, t, names) })];
    case 'follow_up.completed': {
      const outcome = d.outcome === 'satisfied' || d.outcome === 'not_satisfied' || d.outcome === 'unreachable' ? d.outcome : 'satisfied';
      const line = t('tickets.timeline.followUpCompleted', { outcome: t(`followUps.outcome.${outcome}`) });
      return d.reopened ? [line, t('tickets.timeline.reopened')] : [line];
    }
    case 'complaint.lesson_archived':
      return [t('tickets.timeline.lessonArchived')];
    case 'ticket.rated':
      return [ratedSentence(d, t)];
    case 'sla.warning':
    case 'sla.breached':
    case 'ticket.escalated':
      return [slaSentence(e.type, d, t)];
    case 'ticket.merged_into':
    case 'ticket.merged':
    case 'ticket.split_from':
    case 'ticket.split':
      return [toolSentence(e.type, d, t)];
    default:
      return [e.type];
  }
}

/** The customer's rating: the score, what it replaced, and whether a comment came with it (shown on the ticket). */
function ratedSentence(d: Record<string, unknown>, t: TFunction): string {
  const score = typeof d.score === 'number' ? d.score : '…';
  const line = typeof d.previousScore === 'number'
    ? t('tickets.timeline.ratedAgain', { from: d.previousScore, to: score })
    : t('tickets.timeline.rated', { score });
  return d.hasComment === true ? line + t('tickets.timeline.ratedWithComment') : line;
}

const toolKeys = {
  'ticket.merged_into': 'ticketTools.timeline.mergedInto',
  'ticket.merged': 'ticketTools.timeline.merged',
  'ticket.split_from': 'ticketTools.timeline.splitFrom',
  'ticket.split': 'ticketTools.timeline.split',
} as const;

/** Merge and split events name the other ticket, which the timeline links to (`linkedTicket`). */
function toolSentence(type: keyof typeof toolKeys, d: Record<string, unknown>, t: TFunction): string {
  const number = typeof d.number === 'number' ? ticketNumber(d.number) : '…';
  return t(toolKeys[type], { number, messages: typeof d.messages === 'number' ? d.messages : 0 });
}

/** The other ticket a merge or split event names, for a link beside its line. */
export function linkedTicket(e: TimelineEvent): string | undefined {
  return e.type in toolKeys && typeof e.data.ticketId === 'string' ? e.data.ticketId : undefined;
}

/** SLA warnings, breaches and escalations (by the customer, by staff, or by the SLA rules). */
function slaSentence(type: 'sla.warning' | 'sla.breached' | 'ticket.escalated', d: Record<string, unknown>, t: TFunction): string {
  const target = includes(slaTargetKinds, d.target) ? t(`sla.target.${d.target}`) : '';
  if (type === 'sla.warning') return t('sla.timeline.warning', { target, percent: typeof d.atPercent === 'number' ? d.atPercent : '…' });
  if (type === 'sla.breached') return t('sla.timeline.breached', { target });
  const to = Array.isArray(d.level) && typeof d.level[1] === 'number' ? d.level[1] : '…';
  const reason = typeof d.reason === 'string' && d.reason ? t('sla.timeline.reason', { reason: clip(d.reason, 200) }) : undefined;
  if (d.by === 'sla') {
    const rule = typeof d.atPercent === 'number'
      ? t('sla.timeline.slaAtPercent', { target, percent: d.atPercent })
      : typeof d.afterBreachMinutes === 'number' ? t('sla.timeline.slaAfterBreach', { target, minutes: d.afterBreachMinutes }) : undefined;
    const line = t('sla.timeline.escalatedBySla', { to });
    return rule ? line + t('sla.timeline.rule', { rule }) : line;
  }
  const line = d.by === 'customer' ? t('sla.timeline.escalatedByCustomer', { to }) : t('sla.timeline.escalatedByStaff', { to });
  return reason ? line + reason : line;
}

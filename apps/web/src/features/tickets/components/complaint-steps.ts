import type { Ticket, TimelineItem } from '../types';

export const complaintSteps = ['intake', 'investigate', 'remedy', 'confirm', 'followUp', 'archive'] as const;
export type ComplaintStep = (typeof complaintSteps)[number];

/**
 * Which of the complaint's closing steps are done, from the ticket and its timeline (the ticket
 * does not carry its follow-up, so the last follow-up event on the timeline tells).
 */
export function stepsDone(ticket: Ticket, timeline: TimelineItem[] | undefined): Record<ComplaintStep, boolean> {
  const c = ticket.complaint;
  const lastFollowUp = [...(timeline ?? [])].reverse().find((i) => i.kind === 'event' && i.type.startsWith('follow_up.'));
  const followedUp = lastFollowUp?.kind === 'event' && lastFollowUp.type === 'follow_up.completed' && !lastFollowUp.data.reopened;
  return {
    intake: true,
    investigate: Boolean(c?.rootCause.trim()),
    remedy: Boolean(c?.remedies.length),
    confirm: Boolean(c?.confirmation),
    followUp: followedUp,
    archive: Boolean(c?.lessonArchivedAt),
  };
}

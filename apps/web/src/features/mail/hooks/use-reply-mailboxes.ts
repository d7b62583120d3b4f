import type { Ticket, TimelineItem } from '@kefu/contracts';
import { useMailboxChoices } from './use-mailboxes';

export interface ReplyMailboxOption {
  value: string;
  label: string;
}

export interface ReplyMailboxes {
  /** The ticket is an email conversation: public replies go out by email and the composer offers a mailbox. */
  isEmail: boolean;
  options: ReplyMailboxOption[];
  /** What the server would choose by itself: the mailbox the customer last wrote to, else the default. */
  preselected: string | undefined;
}

/** The active mailboxes a reply on this ticket may go out from, the one the conversation uses first. */
export function useReplyMailboxes(ticket: Ticket, timeline: TimelineItem[] | undefined): ReplyMailboxes {
  const emails = (timeline ?? []).flatMap((i) => (i.kind === 'message' && i.email ? [i.email] : []));
  const isEmail = ticket.channel === 'email' || emails.length > 0;
  const { choices } = useMailboxChoices({ enabled: isEmail });

  const newestFirst = [...emails].reverse();
  // The same order the server follows when the reply names no mailbox (mail-outbound chooseMailbox).
  const used = [...newestFirst.filter((e) => e.direction === 'in'), ...newestFirst].map((e) => e.mailboxId);
  const active = new Set(choices.map((c) => c.id));
  const preselected = used.find((id): id is string => id !== null && active.has(id)) ?? choices.find((c) => c.isDefault)?.id ?? choices[0]?.id;
  return { isEmail, options: choices.map((c) => ({ value: c.id, label: `${c.name} <${c.address}>` })), preselected };
}

// Types the contracts export as schemas only (web does not depend on zod); see CONTRACT-REQUESTS.md.
import type { Ticket } from '@kefu/contracts';

export type {
  Complaint, CreateMessageBody, CreateTicketBody, Message, Ticket, TicketChannel, TicketPriority, TicketStatus, TicketType,
  TimelineItem, UpdateTicketBody,
} from '@kefu/contracts';

export type TicketListItem = Ticket & { snippet: string | null };

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: string | null;
  jumpTo: { kind: 'ticket' | 'customer'; id: string } | null;
}

export interface ArchivedLesson {
  lessonId: string;
  ticket: Ticket;
}

export type TimelineEvent = {
  kind: 'event';
  id: string;
  type: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};

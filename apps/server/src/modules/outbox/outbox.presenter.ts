import type { OutboxMessage, OutboxMessageSummary } from '@kefu/contracts';
import type { outboxMessages } from './outbox.tables.js';

type Row = typeof outboxMessages.$inferSelect;

export const presentSummary = (r: Pick<Row, 'id' | 'kind' | 'to' | 'from' | 'subject' | 'createdAt'>): OutboxMessageSummary => ({
  id: r.id,
  kind: r.kind,
  to: r.to,
  from: r.from,
  subject: r.subject,
  createdAt: r.createdAt.toISOString(),
});

export const presentMessage = (r: Row): OutboxMessage => ({ ...presentSummary(r), text: r.text, html: r.html, headers: r.headers });

import { ticketTypes, type CustomField, type TicketType } from '@kefu/contracts';
import type { CustomFieldRow } from './custom-fields.repository.js';

const isTicketType = (s: string): s is TicketType => (ticketTypes as readonly string[]).includes(s);

export const presentField = (r: CustomFieldRow): CustomField => ({
  id: r.id,
  key: r.key,
  label: r.label,
  kind: r.kind,
  options: r.options,
  required: r.required,
  ticketTypes: r.ticketTypes.filter(isTicketType),
  visibleToCustomer: r.visibleToCustomer,
  position: r.position,
  active: r.active,
  helpText: r.helpText,
  min: r.min,
  max: r.max,
  maxLength: r.maxLength,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a definition. */
export const snapshotField = (r: CustomFieldRow) => ({
  key: r.key, label: r.label, kind: r.kind, options: r.options, required: r.required, ticketTypes: r.ticketTypes,
  visibleToCustomer: r.visibleToCustomer, position: r.position, active: r.active, helpText: r.helpText,
  min: r.min, max: r.max, maxLength: r.maxLength,
});

import { ticketSorts, type CreateSavedViewBody, type SavedView, type TicketFilterKey } from '@kefu/contracts';

/**
 * Every filter GET /tickets takes. A record rather than a list so that the compiler fails when the
 * contract gains or loses a filter: a saved view made anywhere must open whole in the queue.
 */
const filterKeyRecord: Record<TicketFilterKey, true> = {
  q: true, status: true, priority: true, type: true, channel: true, category: true, teamId: true, assignee: true,
  requesterId: true, organizationId: true, escalated: true, tag: true, createdFrom: true, createdTo: true, updatedFrom: true, updatedTo: true,
  cf: true, sort: true,
};
export const filterKeys = Object.keys(filterKeyRecord) as TicketFilterKey[];

/**
 * Filters the queue understands, as URL search keys (a queue view can be linked and reloaded), plus
 * the preset (`view`) or saved view (`savedView`, an id) the filters came from.
 */
export type QueueKey = 'view' | 'savedView' | TicketFilterKey;
export const queueKeys: readonly QueueKey[] = ['view', 'savedView', ...filterKeys];
export type QueueFilters = Partial<Record<QueueKey, string>>;

export const queueViews = ['mine', 'unassigned', 'unresolved', 'resolved', 'complaints', 'escalated'] as const;
export type QueueView = (typeof queueViews)[number];

const unresolved = 'new,open,pending,on_hold';

/** The preset views of the left rail: each is a set of filters written into the URL. */
export const viewFilters: Record<QueueView, QueueFilters> = {
  mine: { assignee: 'me', status: unresolved },
  unassigned: { assignee: 'none', status: 'new,open' },
  unresolved: { status: unresolved },
  resolved: { status: 'resolved' },
  complaints: { type: 'complaint', status: unresolved },
  // The supervisors' escalation queue (everyone may look).
  escalated: { escalated: 'true', status: unresolved },
};

export const defaultView: QueueView = 'mine';

export const isQueueView = (v: string | undefined): v is QueueView => (queueViews as readonly string[]).includes(v ?? '');

/**
 * What the server is asked: the URL's filters, or the default view's when the URL has none. A saved
 * view without filters means every ticket, not the default view.
 */
export function effectiveFilters(filters: QueueFilters): QueueFilters {
  const { view, savedView, ...rest } = filters;
  if (savedView || Object.keys(rest).length > 0) return rest;
  return { ...viewFilters[isQueueView(view) ? view : defaultView] };
}

const isSort = (v: string | undefined): v is (typeof ticketSorts)[number] => (ticketSorts as readonly string[]).includes(v ?? '');
const listKeys = new Set<TicketFilterKey>(['status', 'priority', 'type', 'channel', 'category']);

/** One filter value as the queue URL writes it: lists in a fixed order, the default sort left out. */
function normal(key: TicketFilterKey, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (key === 'sort') return value === 'updated' ? undefined : value;
  return listKeys.has(key) ? value.split(',').filter(Boolean).sort().join(',') : value;
}

/** A saved view's filters in the form the queue URL holds them. */
export function savedViewFilters(view: SavedView): QueueFilters {
  const out: QueueFilters = {};
  for (const key of filterKeys) {
    const value = view.filters[key];
    if (value && normal(key, value)) out[key] = value;
  }
  return out;
}

/** Whether the queue shows exactly what a saved view holds (otherwise it was changed since). */
export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return filterKeys.every((key) => normal(key, a[key]) === normal(key, b[key]));
}

/** The queue's current filters as a saved view's body. */
export function toViewFilters(filters: QueueFilters): CreateSavedViewBody['filters'] {
  const picked: Partial<Record<Exclude<TicketFilterKey, 'sort'>, string>> = {};
  for (const key of filterKeys) {
    const value = filters[key];
    if (key !== 'sort' && value) picked[key] = value;
  }
  // URL strings; the server checks each against the queue's own schema (400 naming the filter).
  return (isSort(filters.sort) ? { ...picked, sort: filters.sort } : picked) as CreateSavedViewBody['filters'];
}

/** Filters the queue understands, as URL search keys (a queue view can be linked and reloaded). */
export const queueKeys = [
  'view', 'q', 'status', 'priority', 'type', 'channel', 'category', 'teamId', 'assignee', 'requesterId', 'tag',
  'createdFrom', 'createdTo', 'sort',
] as const;
export type QueueKey = (typeof queueKeys)[number];
export type QueueFilters = Partial<Record<QueueKey, string>>;

export const queueViews = ['mine', 'unassigned', 'unresolved', 'resolved', 'complaints'] as const;
export type QueueView = (typeof queueViews)[number];

const unresolved = 'new,open,pending,on_hold';

/** The preset views of the left rail: each is a set of filters written into the URL. */
export const viewFilters: Record<QueueView, QueueFilters> = {
  mine: { assignee: 'me', status: unresolved },
  unassigned: { assignee: 'none', status: 'new,open' },
  unresolved: { status: unresolved },
  resolved: { status: 'resolved' },
  complaints: { type: 'complaint', status: unresolved },
};

export const defaultView: QueueView = 'mine';

export const isQueueView = (v: string | undefined): v is QueueView => (queueViews as readonly string[]).includes(v ?? '');

/** What the server is asked: the URL's filters, or the default view's when the URL has none. */
export function effectiveFilters(filters: QueueFilters): QueueFilters {
  const { view, ...rest } = filters;
  if (Object.keys(rest).length === 0) return { ...viewFilters[isQueueView(view) ? view : defaultView] };
  return rest;
}

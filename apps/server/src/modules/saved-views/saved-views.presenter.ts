import { ticketFilterKeys, type SavedView, type SavedViewFilters, type ticketFilterQuerySchema } from '@kefu/contracts';
import type { z } from 'zod';
import type { Actor } from '../auth/index.js';
import { canChangeView } from './saved-views.policy.js';
import type { SavedViewRow } from './saved-views.repository.js';

type ParsedFilters = z.output<typeof ticketFilterQuerySchema>;

/**
 * Stores filters as query-string values, the form the queue URL and GET /tickets take, so a view
 * opens by pasting them into the URL. Lists become comma lists; empty ones are dropped.
 */
export function filtersToQuery(filters: ParsedFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ticketFilterKeys) {
    const value: unknown = filters[key];
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',');
    } else if (typeof value === 'string' && value !== '') {
      out[key] = value;
    }
  }
  return out;
}

/** Only the known keys leave the server, whatever an older version of the code stored. */
function presentFilters(stored: Record<string, unknown>): SavedViewFilters {
  const out: SavedViewFilters = {};
  for (const key of ticketFilterKeys) {
    const value = stored[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

export const presentSavedView = (actor: Actor, r: SavedViewRow): SavedView => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  filters: presentFilters(r.filters),
  position: r.position,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  editable: canChangeView(actor, r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const snapshotSavedView = (r: Omit<SavedViewRow, 'ownerName'>) => ({
  name: r.name,
  scope: r.scope,
  filters: r.filters,
  position: r.position,
  ownerId: r.ownerId,
});

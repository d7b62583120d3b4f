import type { Executor } from '../../platform/db/client.js';
import type { BusinessCalendar } from './business-time.js';
import { calendarRules } from './business-calendars.presenter.js';
import * as repo from './business-calendars.repository.js';

export interface StoredCalendarRules {
  id: string;
  version: number;
  name: string;
  rules: BusinessCalendar;
}

// One rules object per stored version: the library caches its compiled form per object, so a job
// computing many due times against one calendar compiles it once.
const shared = new Map<string, BusinessCalendar>();

/**
 * A stored calendar in the form the business-time library takes, by id, or the default calendar
 * when `id` is null (what an SLA policy without its own calendar uses). Undefined if not found.
 */
export async function findBusinessCalendarRules(exec: Executor, id: string | null): Promise<StoredCalendarRules | undefined> {
  const row = id === null ? await repo.findDefaultCalendar(exec) : await repo.findCalendar(exec, id);
  if (!row) return undefined;
  const key = `${row.id}@${row.version}`;
  let rules = shared.get(key);
  if (!rules) {
    if (shared.size > 200) shared.clear();
    rules = calendarRules(row);
    shared.set(key, rules);
  }
  return { id: row.id, version: row.version, name: row.name, rules };
}

import { weekdayKeys, type BusinessCalendarDto, type WeeklyHours } from '@kefu/contracts';
import type { BusinessCalendar } from './business-time.js';
import type { BusinessCalendarRow } from './business-calendars.repository.js';

/** Every weekday key present, whatever an older row stored. */
const fullWeek = (weekly: Partial<WeeklyHours>): WeeklyHours =>
  Object.fromEntries(weekdayKeys.map((k) => [k, (weekly[k] ?? []).map((p) => ({ start: p.start, end: p.end }))])) as WeeklyHours;

export const presentCalendar = (r: BusinessCalendarRow): BusinessCalendarDto => ({
  id: r.id,
  name: r.name,
  timeZone: r.timeZone,
  weekly: fullWeek(r.weekly),
  holidays: r.holidays.map((d) => ({ date: d.date, name: d.name })),
  workdays: r.workdays.map((d) => ({ date: d.date, name: d.name })),
  makeUpWeekday: r.makeUpWeekday,
  isDefault: r.isDefault,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What the audit log keeps of a calendar. */
export const snapshotCalendar = (r: BusinessCalendarRow) => ({
  name: r.name, timeZone: r.timeZone, weekly: r.weekly, holidays: r.holidays, workdays: r.workdays,
  makeUpWeekday: r.makeUpWeekday, isDefault: r.isDefault,
});

/** The business-time library's view of a stored calendar. */
export const calendarRules = (r: Pick<BusinessCalendarRow, 'timeZone' | 'weekly' | 'holidays' | 'workdays' | 'makeUpWeekday'>): BusinessCalendar => ({
  timeZone: r.timeZone, weekly: r.weekly, holidays: r.holidays, workdays: r.workdays, makeUpWeekday: r.makeUpWeekday,
});

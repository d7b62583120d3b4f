import type { TFunction } from 'i18next';
import { clockMinutes, weekdayKeys, type BusinessPeriod, type WeekdayKey, type WeeklyHours } from '@kefu/contracts';

/** Monday first, as Chinese (and ISO) calendars print the week. */
export const weekOrder: readonly WeekdayKey[] = ['1', '2', '3', '4', '5', '6', '0'];

export const isOvernight = (p: BusinessPeriod) => {
  const start = clockMinutes(p.start);
  const end = clockMinutes(p.end, true);
  return start !== undefined && end !== undefined && end < start;
};

export function periodMinutes(p: BusinessPeriod): number {
  const start = clockMinutes(p.start);
  const end = clockMinutes(p.end, true);
  if (start === undefined || end === undefined || start === end) return 0;
  return end > start ? end - start : end + 1440 - start;
}

export const weeklyMinutes = (weekly: WeeklyHours) =>
  weekdayKeys.reduce((sum, k) => sum + weekly[k].reduce((s, p) => s + periodMinutes(p), 0), 0);

/** `7 h 30 min` / `7小时30分钟`; negative durations keep their sign. */
export function formatDuration(minutes: number, t: TFunction): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return sign + t('businessCalendars.minutesOnly', { minutes: rest });
  if (rest === 0) return sign + t('businessCalendars.hoursOnly', { hours });
  return sign + t('businessCalendars.hoursMinutes', { hours, minutes: rest });
}

/** An instant as the wall clock of the calendar's zone shows it, with the weekday. */
export function formatInZone(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
}

/** Every time zone the browser knows, for the picker; a short list when it cannot tell. */
export function timeZoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set(['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC', ...known])];
}

function offsetMs(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant at which the calendar's zone shows this wall time (the picker's year…minute, read
 * as if in that zone), so the what-if asks "a ticket at 17:00 Shanghai time" whatever the browser's zone.
 */
export function zonedIso(wall: { year(): number; month(): number; date(): number; hour(): number; minute(): number }, timeZone: string): string {
  const asUtc = Date.UTC(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute());
  const first = asUtc - offsetMs(timeZone, asUtc);
  return new Date(asUtc - offsetMs(timeZone, first)).toISOString();
}

/** The wall clock of the zone right now, as `YYYY-MM-DD HH:mm`, to start the what-if from. */
export function nowInZone(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

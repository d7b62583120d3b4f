/**
 * Business time (工作时间): what SLA targets are measured in. Pure: no database, no clock, no
 * dependencies beyond `Intl`.
 *
 * ## The calendar
 * `BusinessCalendar` = `{ timeZone, weekly, holidays, workdays, makeUpWeekday? }`:
 * - `timeZone`: an IANA name (`Asia/Shanghai`); every wall time below is in it, DST included.
 * - `weekly`: open periods per weekday, keys `'0'` (Sunday) … `'6'` (Saturday), each
 *   `{ start: 'HH:MM', end: 'HH:MM' }`. `end` may be `24:00`. A period whose end is earlier than its
 *   start is overnight (`22:00`–`06:00`) and belongs to the day it starts: closing that day (a
 *   holiday) closes the whole period, and the next day's hours do not reopen its first hours.
 * - `holidays`: dates (`YYYY-MM-DD`) with no business hours.
 * - `workdays`: make-up working days (调休/补班), usually a weekend date; such a date is open with
 *   the hours of weekday `makeUpWeekday` (default 1, Monday), whatever its own weekday's hours.
 * A date in both lists counts as a holiday (the API refuses such calendars). Overlapping periods
 * count once. Treat a calendar object as immutable: its compiled form is cached per object.
 *
 * ## Semantics (Zendesk-like)
 * Open periods are half-open: exactly at a period's start is business time, exactly at its end
 * is not. Instants are `Date`s; results are exact to the millisecond.
 * - `addBusinessMinutes(cal, start, minutes)`: the due instant, i.e. the earliest instant by which
 *   `minutes` of business time have passed since `start`. A clock started outside business hours
 *   starts at the next opening; a target that runs out exactly at closing time is due at closing
 *   time (17:00 Friday, not 09:00 Monday). With `minutes = 0` the result is the first business
 *   instant at or after `start`: `start` itself when it is business time, else the next opening.
 *   Throws RangeError for negative or non-finite minutes, and when the calendar has no (or not
 *   enough) business time left before the year 9999.
 * - `businessMinutesBetween(cal, from, to)`: business minutes in [from, to), fractional when the
 *   bounds are not on whole minutes. Antisymmetric: negative when `to` is before `from` (an SLA
 *   clock past its due time reads as negative remaining time), 0 when they are equal. For whole
 *   `m`, `businessMinutesBetween(cal, s, addBusinessMinutes(cal, s, m)) === m`.
 * - `isBusinessTime(cal, at)`: whether `at` lies inside an open period.
 * - `nextBusinessTime(cal, at)`: the first business instant at or after `at`, or null if none.
 *
 * ## Cost
 * Work is per local day touched, never per minute: a year-long span costs a few hundred cheap day
 * steps and about one `Intl` call per day.
 *
 * DST: a wall time the clocks skip maps to the instant they jump (a period 02:00–04:00 on the
 * spring-forward day in New York is one hour long); a repeated wall time maps to its first
 * occurrence (01:00–02:00 on the fall-back day is two hours long).
 */
import { DAY_MS, epochDayOf, LAST_DAY, MINUTE_MS, weekdayOf, zoneOf, type Zone } from './zoned-time.js';

export type WeekdayKey = '0' | '1' | '2' | '3' | '4' | '5' | '6';
export interface BusinessPeriod {
  readonly start: string;
  readonly end: string;
}
export interface CalendarDate {
  readonly date: string;
  readonly name: string;
}
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly weekly: Readonly<Partial<Record<WeekdayKey, readonly BusinessPeriod[]>>>;
  readonly holidays: readonly CalendarDate[];
  readonly workdays: readonly CalendarDate[];
  /** Whose hours a make-up working day has: 0 (Sunday) … 6 (Saturday); default 1 (Monday). */
  readonly makeUpWeekday?: number;
}

export const weekdayKeys: readonly WeekdayKey[] = ['0', '1', '2', '3', '4', '5', '6'];

/** Minutes since local midnight, `start < end`; `end` past 1440 reaches into the next day. */
type Span = readonly [start: number, end: number];
type Interval = [start: number, end: number];

interface Compiled {
  readonly zone: Zone;
  readonly weekly: readonly (readonly Span[])[];
  readonly makeUp: readonly Span[];
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
  readonly hasHours: boolean;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` → minutes since midnight; `24:00` only where `allowMidnightEnd`. Undefined when malformed. */
export function parseClockTime(value: string, allowMidnightEnd = false): number | undefined {
  if (allowMidnightEnd && value === '24:00') return 1440;
  const m = TIME_RE.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * A period as minutes since its day's midnight: overnight periods end past 1440. Undefined for a
 * malformed time or a zero-length period.
 */
export function periodSpan(p: BusinessPeriod): Span | undefined {
  const start = parseClockTime(p.start);
  const end = parseClockTime(p.end, true);
  if (start === undefined || end === undefined || start === end) return undefined;
  return end > start ? [start, end] : [start, end + 1440];
}

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();

function compile(cal: BusinessCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  const zone = zoneOf(cal.timeZone);
  const weekly = weekdayKeys.map((key) =>
    (cal.weekly[key] ?? [])
      .map((p) => {
        const span = periodSpan(p);
        if (!span) throw new RangeError(`weekly.${key}: ${p.start}–${p.end} is not a period of HH:MM times`);
        return span;
      })
      .sort((a, b) => a[0] - b[0]),
  );
  const days = (list: readonly CalendarDate[], field: string) =>
    new Set(
      list.map((d) => {
        const day = epochDayOf(d.date);
        if (day === undefined) throw new RangeError(`${field}: ${d.date} is not a YYYY-MM-DD date`);
        return day;
      }),
    );
  const makeUpWeekday = cal.makeUpWeekday ?? 1;
  if (!Number.isInteger(makeUpWeekday) || makeUpWeekday < 0 || makeUpWeekday > 6) throw new RangeError('makeUpWeekday must be 0–6');
  const compiled: Compiled = {
    zone,
    weekly,
    makeUp: weekly[makeUpWeekday]!,
    holidays: days(cal.holidays, 'holidays'),
    workdays: days(cal.workdays, 'workdays'),
    // Make-up days borrow a weekday's hours, so without weekly hours nothing is ever open.
    hasHours: weekly.some((spans) => spans.length > 0),
  };
  compiledCache.set(cal, compiled);
  return compiled;
}

function spansOfDay(c: Compiled, day: number): readonly Span[] {
  if (c.holidays.has(day)) return [];
  if (c.workdays.has(day)) return c.makeUp;
  return c.weekly[weekdayOf(day)]!;
}

/**
 * The open intervals (UTC ms, in order, not overlapping) that end after `fromMs`, from the periods
 * of the day before `fromMs`'s local date onwards (an overnight period of that day may still be
 * open). Touching intervals are not merged: a 24/7 calendar would otherwise never yield.
 */
function* openIntervals(c: Compiled, fromMs: number): Generator<Interval> {
  if (!c.hasHours) return;
  let cursor = -Infinity;
  for (let day = c.zone.localDay(fromMs) - 1; day <= LAST_DAY; day++) {
    for (const [startMin, endMin] of spansOfDay(c, day)) {
      const s = Math.max(c.zone.toInstant(day, startMin), cursor);
      const e = c.zone.toInstant(day, endMin);
      if (e <= s || e <= fromMs) continue;
      cursor = e;
      yield [s, e];
    }
  }
}

function instantOf(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a valid Date`);
  if (t < -62_135_596_800_000 || t >= (LAST_DAY + 1) * DAY_MS) throw new RangeError(`${name} must lie between the years 1 and 9999`);
  return t;
}

/** The due instant `minutes` business minutes after `start` (see the file header for the rules). */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  const from = instantOf(start, 'start');
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError('minutes must be a finite number ≥ 0');
  }
  let remaining = Math.round(minutes * MINUTE_MS);
  for (const [s, e] of openIntervals(compile(cal), from)) {
    const begin = Math.max(s, from);
    if (remaining <= e - begin) return new Date(begin + remaining);
    remaining -= e - begin;
  }
  throw new RangeError('The calendar has not enough business time after start');
}

/** Business minutes in [from, to); negative when `to` is before `from`. */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = instantOf(from, 'from');
  const b = instantOf(to, 'to');
  // `|| 0` turns −0 into 0.
  if (b < a) return -businessMinutesBetween(cal, to, from) || 0;
  let total = 0;
  for (const [s, e] of openIntervals(compile(cal), a)) {
    if (s >= b) break;
    total += Math.min(e, b) - Math.max(s, a);
  }
  return total / MINUTE_MS;
}

/** Whether `at` is inside an open period (a period's start counts, its end does not). */
export function isBusinessTime(cal: BusinessCalendar, at: Date): boolean {
  const t = instantOf(at, 'at');
  for (const [s] of openIntervals(compile(cal), t)) return s <= t;
  return false;
}

/** The first business instant at or after `at` (`at` itself when open), or null when there is none. */
export function nextBusinessTime(cal: BusinessCalendar, at: Date): Date | null {
  const t = instantOf(at, 'at');
  for (const [s] of openIntervals(compile(cal), t)) return new Date(Math.max(s, t));
  return null;
}

/**
 * Wall clock ↔ instant for IANA time zones, with nothing but the built-in `Intl` API.
 *
 * Days are "epoch days": whole days since 1970-01-01 in the proleptic Gregorian calendar, so a
 * local date is one integer and date arithmetic is integer arithmetic. A wall time is an epoch day
 * plus minutes since that day's local midnight (past 1440 for the next day's early hours).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** 9999-12-31, the last day PostgreSQL timestamps and the API's instants allow. */
export const LAST_DAY = 2_932_896;

// Offsets on Earth run from −12:00 to +14:00; these bound where a wall time can fall in UTC.
const MAX_AHEAD_MS = 14 * 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of a `YYYY-MM-DD` date, or undefined when it is not a real calendar date. */
export function epochDayOf(date: string): number | undefined {
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = utcMidnight(y, mo, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / DAY_MS);
}

/** The `YYYY-MM-DD` date of an epoch day. */
export function dateOfEpochDay(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMidnight(y: number, month: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, month - 1, d);
  return t.getTime();
}

/**
 * One time zone's conversions. Offsets at a few anchor instants per day are cached, so walking a
 * calendar day by day costs about one `Intl` call per day; the exact (slower) path runs only on
 * the days next to an offset change.
 */
export class Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly anchors = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** Local time minus UTC at `utcMs`, in milliseconds (+8 h for Asia/Shanghai). */
  offsetAt(utcMs: number): number {
    let y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
    for (const p of this.format.formatToParts(utcMs)) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value);
      else if (p.type === 'minute') mi = Number(p.value);
      else if (p.type === 'second') s = Number(p.value);
    }
    const wall = utcMidnight(y, mo, d) + ((h * 60 + mi) * 60 + s) * 1000;
    return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
  }

  /** The local date (epoch day) at an instant. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.offsetAt(utcMs)) / DAY_MS);
  }

  /**
   * The instant of a wall time: `minute` minutes after local midnight of `day`. A wall time the
   * clocks skipped (spring forward) maps to the instant the clocks jumped, so a period starting or
   * ending in the gap begins or ends when the clock reads the first time after it; a wall time that
   * happened twice (fall back) maps to its first occurrence. Mapping stays monotonic either way.
   */
  toInstant(day: number, minute: number): number {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    // Every instant whose wall time lies in [day, day + 2] falls inside these anchors.
    const before = this.anchor(day);
    const after = this.anchor(day + 4);
    if (before === after) return wall - before;
    const tBefore = wall - before;
    const tAfter = wall - after;
    const validBefore = this.offsetAt(tBefore) === before;
    const validAfter = this.offsetAt(tAfter) === after;
    if (validBefore && validAfter) return Math.min(tBefore, tAfter);
    if (validBefore) return tBefore;
    if (validAfter) return tAfter;
    // In a gap: find the transition instant between the two candidates.
    let lo = Math.min(tBefore, tAfter);
    let hi = Math.max(tBefore, tAfter);
    const loOffset = this.offsetAt(lo);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid) === loOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private anchor(day: number): number {
    let offset = this.anchors.get(day);
    if (offset === undefined) {
      // Bounded: a long-running server walking many calendars must not grow this forever.
      if (this.anchors.size > 20_000) this.anchors.clear();
      offset = this.offsetAt(day * DAY_MS - MAX_AHEAD_MS);
      this.anchors.set(day, offset);
    }
    return offset;
  }
}

const zones = new Map<string, Zone>();

/** The shared `Zone` for a time zone name; throws RangeError for a name `Intl` does not know. */
export function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new Zone(timeZone);
    if (zones.size > 1000) zones.clear();
    zones.set(timeZone, zone);
  }
  return zone;
}

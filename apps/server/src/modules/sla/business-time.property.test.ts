import { describe, expect, it } from 'vitest';
import cn2026 from './calendars/cn-2026.json' with { type: 'json' };
import { addBusinessMinutes, businessMinutesBetween, isBusinessTime, periodSpan, type BusinessCalendar, type WeekdayKey } from './business-time.js';
import { epochDayOf, weekdayOf } from './zoned-time.js';

/** mulberry32: a small seeded generator, so every run checks the same cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const office = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
const calendars: Record<string, BusinessCalendar> = {
  'Asia/Shanghai with the 2026 holidays': {
    timeZone: 'Asia/Shanghai', weekly: { '1': office, '2': office, '3': office, '4': office, '5': office },
    holidays: cn2026.holidays, workdays: cn2026.workdays,
  },
  'America/New_York with overnight and DST-touching hours': {
    timeZone: 'America/New_York',
    weekly: {
      '0': [{ start: '01:00', end: '03:00' }, { start: '22:00', end: '02:00' }],
      '1': [{ start: '00:00', end: '01:00' }, { start: '09:00', end: '17:00' }],
      '3': [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '24:00' }],
      '5': [{ start: '20:00', end: '04:00' }],
      '6': [{ start: '02:00', end: '05:00' }],
    },
    holidays: [{ date: '2026-11-26', name: 'Thanksgiving' }, { date: '2027-03-14', name: 'x' }],
    workdays: [{ date: '2026-11-28', name: 'make-up' }],
  },
  'America/Santiago (clocks change at midnight)': {
    timeZone: 'America/Santiago', weekly: { '0': [{ start: '00:00', end: '08:00' }], '6': [{ start: '20:00', end: '24:00' }], '2': [{ start: '08:00', end: '18:00' }] },
    holidays: [], workdays: [],
  },
  'Australia/Lord_Howe (half-hour DST)': {
    timeZone: 'Australia/Lord_Howe', weekly: { '0': [{ start: '01:00', end: '04:00' }], '1': [{ start: '09:00', end: '17:00' }] }, holidays: [], workdays: [],
  },
};

const START = Date.parse('2025-12-01T00:00:00Z');
const SPAN = 3 * 365 * 86_400_000;

describe('round trip: businessMinutesBetween(s, addBusinessMinutes(s, m)) === m', () => {
  for (const [name, cal] of Object.entries(calendars)) {
    it(name, () => {
      const random = prng(20260229);
      for (let i = 0; i < 400; i++) {
        const start = new Date(START + Math.floor(random() * SPAN));
        const m = i % 10 === 0 ? 0 : Math.floor(random() * (i % 3 === 0 ? 60_000 : 3000));
        const due = addBusinessMinutes(cal, start, m);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMinutesBetween(cal, start, due), `${start.toISOString()} + ${m}`).toBe(m);
        expect(businessMinutesBetween(cal, due, start)).toBe(m === 0 ? 0 : -m);
        // The due instant is the earliest: business time runs right up to it.
        if (m > 0) expect(isBusinessTime(cal, new Date(due.getTime() - 1))).toBe(true);
        else expect(isBusinessTime(cal, due)).toBe(true);
        // One more minute is never due earlier.
        expect(addBusinessMinutes(cal, start, m + 1).getTime()).toBeGreaterThan(due.getTime());
      }
    });
  }
});

/**
 * An independent oracle: read each minute's local wall clock with Intl and apply the calendar's
 * rules directly. Hour-aligned period boundaries avoid the one place the two may legitimately
 * differ (a boundary strictly inside a repeated hour).
 */
function oracleMinutes(cal: BusinessCalendar, from: number, to: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: cal.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const holidays = new Set(cal.holidays.map((h) => epochDayOf(h.date)!));
  const workdays = new Set(cal.workdays.map((h) => epochDayOf(h.date)!));
  const spans = (day: number) => {
    if (holidays.has(day)) return [];
    const key = String(workdays.has(day) ? (cal.makeUpWeekday ?? 1) : weekdayOf(day)) as WeekdayKey;
    return (cal.weekly[key] ?? []).map((p) => periodSpan(p)!);
  };
  let open = 0;
  for (let t = from; t < to; t += 60_000) {
    const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
    const day = epochDayOf(`${p.year}-${p.month}-${p.day}`)!;
    const minute = Number(p.hour) * 60 + Number(p.minute);
    const today = spans(day).some(([s, e]) => minute >= s && minute < e);
    const lastNight = spans(day - 1).some(([, e]) => minute + 1440 < e);
    if (today || lastNight) open++;
  }
  return open;
}

describe('agrees minute by minute with a wall-clock oracle', () => {
  const windows = [
    '2026-03-05T00:00:00Z', // New York springs forward 03-08
    '2026-10-29T00:00:00Z', // New York falls back 11-01
    '2026-09-02T00:00:00Z', // Santiago springs forward at midnight 09-06
    '2026-04-02T00:00:00Z', // Santiago and Lord Howe fall back 04-05
    '2026-10-01T00:00:00Z', // Lord Howe springs forward 10-04; China's Golden Week
    '2026-02-10T00:00:00Z', // Spring Festival with make-up Saturdays
  ];
  for (const [name, cal] of Object.entries(calendars)) {
    it(name, () => {
      for (const w of windows) {
        const from = Date.parse(w);
        const to = from + 8 * 86_400_000;
        expect(businessMinutesBetween(cal, new Date(from), new Date(to)), w).toBe(oracleMinutes(cal, from, to));
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import cn2026 from './calendars/cn-2026.json' with { type: 'json' };
import { addBusinessMinutes, businessMinutesBetween, isBusinessTime, nextBusinessTime, type BusinessCalendar, type BusinessPeriod } from './business-time.js';

const d = (iso: string) => new Date(iso);
const iso = (x: Date) => x.toISOString();
const officeDay: BusinessPeriod[] = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
const weekdays = (periods: BusinessPeriod[]) => ({ '1': periods, '2': periods, '3': periods, '4': periods, '5': periods });

/** The shipped default: Asia/Shanghai, Mon–Fri 09:00–12:00 + 13:30–18:00, the 2026 holidays. */
const shanghai: BusinessCalendar = { timeZone: 'Asia/Shanghai', weekly: weekdays(officeDay), holidays: cn2026.holidays, workdays: cn2026.workdays };
const plainShanghai: BusinessCalendar = { ...shanghai, holidays: [], workdays: [] };

describe('period edges and the lunch gap (Asia/Shanghai, 2026-03-02 is a Monday)', () => {
  it('counts a period start as business time and its end as not', () => {
    expect(isBusinessTime(shanghai, d('2026-03-02T09:00:00+08:00'))).toBe(true);
    expect(isBusinessTime(shanghai, d('2026-03-02T08:59:59.999+08:00'))).toBe(false);
    expect(isBusinessTime(shanghai, d('2026-03-02T11:59:59.999+08:00'))).toBe(true);
    expect(isBusinessTime(shanghai, d('2026-03-02T12:00:00+08:00'))).toBe(false);
    expect(isBusinessTime(shanghai, d('2026-03-02T13:29:59+08:00'))).toBe(false);
    expect(isBusinessTime(shanghai, d('2026-03-02T13:30:00+08:00'))).toBe(true);
    expect(isBusinessTime(shanghai, d('2026-03-02T18:00:00+08:00'))).toBe(false);
    expect(isBusinessTime(shanghai, d('2026-03-07T10:00:00+08:00'))).toBe(false);
  });

  it('is due at closing time when the minutes run out exactly then, not at the next opening', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T11:00:00+08:00'), 60))).toBe('2026-03-02T04:00:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-06T17:00:00+08:00'), 60))).toBe('2026-03-06T10:00:00.000Z');
  });

  it('skips the lunch gap, nights and weekends', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T11:00:00+08:00'), 61))).toBe('2026-03-02T05:31:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T12:30:00+08:00'), 30))).toBe('2026-03-02T06:00:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-06T17:00:00+08:00'), 61))).toBe('2026-03-09T01:01:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T17:59:00+08:00'), 2))).toBe('2026-03-03T01:01:00.000Z');
  });

  it('with 0 minutes returns the start when open, else the next opening', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T10:15:30.500+08:00'), 0))).toBe('2026-03-02T02:15:30.500Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T09:00:00+08:00'), 0))).toBe('2026-03-02T01:00:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-02T12:00:00+08:00'), 0))).toBe('2026-03-02T05:30:00.000Z');
    expect(iso(addBusinessMinutes(shanghai, d('2026-03-06T18:00:00+08:00'), 0))).toBe('2026-03-09T01:00:00.000Z');
    expect(iso(nextBusinessTime(shanghai, d('2026-03-06T18:00:00+08:00'))!)).toBe('2026-03-09T01:00:00.000Z');
    expect(iso(nextBusinessTime(shanghai, d('2026-03-06T10:00:00+08:00'))!)).toBe('2026-03-06T02:00:00.000Z');
  });

  it('measures [from, to): lunch excluded, negative backwards, zero when equal, fractional on seconds', () => {
    const mon = (t: string) => d(`2026-03-02T${t}+08:00`);
    expect(businessMinutesBetween(shanghai, mon('08:00:00'), mon('19:00:00'))).toBe(450);
    expect(businessMinutesBetween(shanghai, mon('11:30:00'), mon('14:00:00'))).toBe(60);
    expect(businessMinutesBetween(shanghai, mon('14:00:00'), mon('11:30:00'))).toBe(-60);
    expect(businessMinutesBetween(shanghai, mon('10:00:00'), mon('10:00:00'))).toBe(0);
    expect(businessMinutesBetween(shanghai, mon('12:10:00'), mon('13:20:00'))).toBe(0);
    expect(businessMinutesBetween(shanghai, mon('09:00:00'), mon('09:00:30'))).toBe(0.5);
    expect(businessMinutesBetween(shanghai, d('2026-03-06T17:00:00+08:00'), d('2026-03-09T10:00:00+08:00'))).toBe(120);
  });
});

describe('holidays and make-up days (调休)', () => {
  it('skips a holiday on a Friday (2026-06-19, 端午节) and the weekend after it', () => {
    expect(isBusinessTime(shanghai, d('2026-06-19T10:00:00+08:00'))).toBe(false);
    expect(isBusinessTime(plainShanghai, d('2026-06-19T10:00:00+08:00'))).toBe(true);
    expect(iso(addBusinessMinutes(shanghai, d('2026-06-18T17:00:00+08:00'), 120))).toBe('2026-06-22T02:00:00.000Z');
    expect(businessMinutesBetween(shanghai, d('2026-06-18T00:00:00+08:00'), d('2026-06-23T00:00:00+08:00'))).toBe(900);
  });

  it('works a make-up Sunday (2026-09-20) with Monday hours, lunch gap included', () => {
    expect(isBusinessTime(shanghai, d('2026-09-20T09:00:00+08:00'))).toBe(true);
    expect(isBusinessTime(shanghai, d('2026-09-20T12:30:00+08:00'))).toBe(false);
    expect(isBusinessTime(plainShanghai, d('2026-09-20T09:00:00+08:00'))).toBe(false);
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-18T17:00:00+08:00'), 120))).toBe('2026-09-20T02:00:00.000Z');
  });

  it('gives make-up days the hours of the configured weekday', () => {
    const fridayShort: BusinessCalendar = {
      timeZone: 'Asia/Shanghai', weekly: { ...weekdays(officeDay), '5': [{ start: '09:00', end: '15:00' }] },
      holidays: [], workdays: [{ date: '2026-10-10', name: '国庆节补班' }], makeUpWeekday: 5,
    };
    expect(businessMinutesBetween(fridayShort, d('2026-10-10T00:00:00+08:00'), d('2026-10-11T00:00:00+08:00'))).toBe(360);
    expect(businessMinutesBetween({ ...fridayShort, makeUpWeekday: undefined }, d('2026-10-10T00:00:00+08:00'), d('2026-10-11T00:00:00+08:00'))).toBe(450);
  });

  it('closes the whole Golden Week and opens both make-up days around it', () => {
    // 09-30 Wed 17:00 → 1 h left that day; 10-01…07 closed; 10-08 Thu, 10-09 Fri, 10-10 Sat (补班) open.
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-30T17:00:00+08:00'), 60 + 450 * 2 + 30))).toBe('2026-10-10T01:30:00.000Z');
  });

  it('counts 248 working days of 7.5 hours in mainland China 2026', () => {
    expect(businessMinutesBetween(shanghai, d('2026-01-01T00:00:00+08:00'), d('2027-01-01T00:00:00+08:00'))).toBe(248 * 450);
    expect(businessMinutesBetween(plainShanghai, d('2026-01-01T00:00:00+08:00'), d('2027-01-01T00:00:00+08:00'))).toBe(261 * 450);
  });

  it('treats a date listed as both holiday and workday as a holiday', () => {
    const both: BusinessCalendar = { ...plainShanghai, holidays: [{ date: '2026-03-02', name: 'x' }], workdays: [{ date: '2026-03-02', name: 'y' }] };
    expect(isBusinessTime(both, d('2026-03-02T10:00:00+08:00'))).toBe(false);
  });
});

describe('overnight periods (22:00–06:00 belongs to the day it starts)', () => {
  const nights: BusinessCalendar = { timeZone: 'Asia/Shanghai', weekly: weekdays([{ start: '22:00', end: '06:00' }]), holidays: [], workdays: [] };

  it('is open after midnight on the strength of the previous day', () => {
    expect(isBusinessTime(nights, d('2026-03-03T03:00:00+08:00'))).toBe(true); // Tue morning: Monday's night
    expect(isBusinessTime(nights, d('2026-03-07T05:59:00+08:00'))).toBe(true); // Sat morning: Friday's night
    expect(isBusinessTime(nights, d('2026-03-07T06:00:00+08:00'))).toBe(false);
    expect(isBusinessTime(nights, d('2026-03-02T03:00:00+08:00'))).toBe(false); // Mon morning: Sunday has no night
    expect(businessMinutesBetween(nights, d('2026-03-02T00:00:00+08:00'), d('2026-03-09T00:00:00+08:00'))).toBe(5 * 480);
  });

  it('a holiday closes the night that starts on it, not the one that ends on it', () => {
    const mondayOff = { ...nights, holidays: [{ date: '2026-03-02', name: '假' }] };
    expect(isBusinessTime(mondayOff, d('2026-03-02T23:00:00+08:00'))).toBe(false);
    expect(isBusinessTime(mondayOff, d('2026-03-03T03:00:00+08:00'))).toBe(false);
    const tuesdayOff = { ...nights, holidays: [{ date: '2026-03-03', name: '假' }] };
    expect(isBusinessTime(tuesdayOff, d('2026-03-03T03:00:00+08:00'))).toBe(true);
    expect(isBusinessTime(tuesdayOff, d('2026-03-03T23:00:00+08:00'))).toBe(false);
  });

  it('runs a due time through midnight and merges a night into the next morning', () => {
    expect(iso(addBusinessMinutes(nights, d('2026-03-02T23:30:00+08:00'), 60))).toBe('2026-03-02T16:30:00.000Z');
    const around = { ...nights, weekly: { ...nights.weekly, '2': [{ start: '06:00', end: '09:00' }, { start: '22:00', end: '06:00' }] } };
    // Mon 22:00 → Tue 06:00 then Tue 06:00 → 09:00 are one stretch of 11 hours.
    expect(iso(addBusinessMinutes(around, d('2026-03-02T22:00:00+08:00'), 660))).toBe('2026-03-03T01:00:00.000Z');
    expect(isBusinessTime(around, d('2026-03-03T06:00:00+08:00'))).toBe(true);
  });

  it('a make-up day with overnight Monday hours opens a night on a Sunday', () => {
    const makeUp = { ...nights, workdays: [{ date: '2026-03-08', name: '补班' }] };
    expect(isBusinessTime(makeUp, d('2026-03-09T02:00:00+08:00'))).toBe(true);
    expect(isBusinessTime(nights, d('2026-03-09T02:00:00+08:00'))).toBe(false);
  });
});

describe('daylight saving time (America/New_York)', () => {
  const allDay: BusinessCalendar = { timeZone: 'America/New_York', weekly: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((k) => [k, [{ start: '00:00', end: '24:00' }]])), holidays: [], workdays: [] };
  const office: BusinessCalendar = { timeZone: 'America/New_York', weekly: weekdays([{ start: '09:00', end: '17:00' }]), holidays: [], workdays: [] };
  const sundays = (periods: BusinessPeriod[]): BusinessCalendar => ({ timeZone: 'America/New_York', weekly: { '0': periods }, holidays: [], workdays: [] });

  it('the spring-forward day (2026-03-08) has 23 hours and the fall-back day (2026-11-01) 25', () => {
    expect(businessMinutesBetween(allDay, d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00'))).toBe(23 * 60);
    expect(businessMinutesBetween(allDay, d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00'))).toBe(25 * 60);
    expect(businessMinutesBetween(allDay, d('2026-03-01T00:00:00-05:00'), d('2026-03-15T00:00:00-04:00'))).toBe(14 * 24 * 60 - 60);
  });

  it('a period reaching into the skipped hour starts or ends when the clocks jump', () => {
    const between = (cal: BusinessCalendar) => businessMinutesBetween(cal, d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00'));
    expect(between(sundays([{ start: '01:00', end: '03:00' }]))).toBe(60);
    expect(between(sundays([{ start: '02:00', end: '04:00' }]))).toBe(60);
    expect(between(sundays([{ start: '02:15', end: '02:45' }]))).toBe(0);
    expect(isBusinessTime(sundays([{ start: '02:00', end: '04:00' }]), d('2026-03-08T07:00:00Z'))).toBe(true);
    expect(isBusinessTime(sundays([{ start: '02:00', end: '04:00' }]), d('2026-03-08T06:59:59Z'))).toBe(false);
  });

  it('a period over the repeated hour lasts the extra hour, starting at the first occurrence', () => {
    const between = (cal: BusinessCalendar) => businessMinutesBetween(cal, d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00'));
    expect(between(sundays([{ start: '01:00', end: '02:00' }]))).toBe(120);
    expect(between(sundays([{ start: '00:30', end: '01:30' }]))).toBe(60);
    expect(iso(nextBusinessTime(sundays([{ start: '01:00', end: '02:00' }]), d('2026-11-01T00:00:00-04:00'))!)).toBe('2026-11-01T05:00:00.000Z');
  });

  it('keeps office hours on local time across both changes', () => {
    expect(iso(addBusinessMinutes(office, d('2026-03-06T16:00:00-05:00'), 120))).toBe('2026-03-09T14:00:00.000Z');
    expect(isBusinessTime(office, d('2026-03-09T13:00:00Z'))).toBe(true);
    expect(isBusinessTime(office, d('2026-03-09T12:59:59Z'))).toBe(false);
    expect(iso(addBusinessMinutes(office, d('2026-10-30T16:00:00-04:00'), 120))).toBe('2026-11-02T15:00:00.000Z');
    expect(businessMinutesBetween(office, d('2026-03-01T00:00:00Z'), d('2026-11-30T00:00:00Z'))).toBe(addWeekdays('2026-03-01', '2026-11-30') * 480);
  });
});

/** Mon–Fri dates in [from, to). */
function addWeekdays(from: string, to: string): number {
  let n = 0;
  for (let t = Date.parse(from); t < Date.parse(to); t += 86_400_000) if (![0, 6].includes(new Date(t).getUTCDay())) n++;
  return n;
}

describe('long spans and the leap day', () => {
  const utcOffice: BusinessCalendar = { timeZone: 'UTC', weekly: weekdays([{ start: '09:00', end: '17:00' }]), holidays: [], workdays: [] };

  it('adds five working weeks to land on a Friday closing time', () => {
    expect(iso(addBusinessMinutes(utcOffice, d('2026-03-02T09:00:00Z'), 5 * 5 * 480))).toBe('2026-04-03T17:00:00.000Z');
    expect(iso(addBusinessMinutes(utcOffice, d('2026-03-02T09:00:00Z'), 5 * 5 * 480 + 1))).toBe('2026-04-06T09:01:00.000Z');
  });

  it('counts a whole year, and a leap year one day longer', () => {
    expect(businessMinutesBetween(utcOffice, d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00Z'))).toBe(261 * 480);
    expect(businessMinutesBetween(utcOffice, d('2028-01-01T00:00:00Z'), d('2029-01-01T00:00:00Z'))).toBe(addWeekdays('2028-01-01', '2029-01-01') * 480);
    const year = addBusinessMinutes(shanghai, d('2026-01-01T00:00:00+08:00'), 248 * 450);
    expect(iso(year)).toBe('2026-12-31T10:00:00.000Z');
  });

  it('handles 2028-02-29 as a working Tuesday and as a holiday', () => {
    expect(isBusinessTime(utcOffice, d('2028-02-29T12:00:00Z'))).toBe(true);
    const leapOff = { ...utcOffice, holidays: [{ date: '2028-02-29', name: '闰日' }] };
    expect(iso(addBusinessMinutes(leapOff, d('2028-02-28T16:00:00Z'), 120))).toBe('2028-03-01T10:00:00.000Z');
    expect(businessMinutesBetween(leapOff, d('2028-02-28T00:00:00Z'), d('2028-03-02T00:00:00Z'))).toBe(2 * 480);
    expect(() => isBusinessTime({ ...utcOffice, holidays: [{ date: '2027-02-29', name: 'x' }] }, d('2027-03-01T12:00:00Z'))).toThrow(RangeError);
  });
});

describe('calendars with no time left, and bad arguments', () => {
  const closed: BusinessCalendar = { timeZone: 'Asia/Shanghai', weekly: {}, holidays: [], workdays: [{ date: '2026-03-07', name: '补班' }] };

  it('never opens without weekly hours, even on a make-up day', () => {
    expect(isBusinessTime(closed, d('2026-03-07T10:00:00+08:00'))).toBe(false);
    expect(businessMinutesBetween(closed, d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00Z'))).toBe(0);
    expect(nextBusinessTime(closed, d('2026-03-07T10:00:00+08:00'))).toBeNull();
    expect(() => addBusinessMinutes(closed, d('2026-03-07T10:00:00+08:00'), 0)).toThrow(RangeError);
  });

  it('refuses negative, infinite or NaN minutes and invalid dates, zones and times', () => {
    const at = d('2026-03-02T10:00:00+08:00');
    for (const m of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => addBusinessMinutes(shanghai, at, m)).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghai, new Date('nope'), 5)).toThrow(RangeError);
    expect(() => businessMinutesBetween(shanghai, at, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isBusinessTime({ ...shanghai, timeZone: 'Mars/Olympus_Mons' }, at)).toThrow(RangeError);
    expect(() => isBusinessTime({ ...plainShanghai, weekly: { '1': [{ start: '9:00', end: '12:00' }] } }, at)).toThrow(RangeError);
    expect(() => isBusinessTime({ ...plainShanghai, weekly: { '1': [{ start: '09:00', end: '09:00' }] } }, at)).toThrow(RangeError);
    expect(() => isBusinessTime({ ...plainShanghai, makeUpWeekday: 7 }, at)).toThrow(RangeError);
  });

  it('stops at the year 9999 instead of searching forever', () => {
    const oneDay = { ...plainShanghai, weekly: { '1': [{ start: '09:00', end: '09:01' }] } };
    expect(() => addBusinessMinutes(oneDay, d('9999-06-01T00:00:00Z'), 1e6)).toThrow(RangeError);
    expect(() => addBusinessMinutes(oneDay, d('+010000-01-01T00:00:00Z'), 1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  businessCalendarIssues,
  canonicalTimeZone,
  clockMinutes,
  computeBusinessTimeBodySchema,
  createBusinessCalendarBodySchema,
  type WeeklyHours,
} from './business-calendars.js';

const week = (days: Partial<WeeklyHours>): WeeklyHours => ({ '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], ...days });
const issues = (weekly: Partial<WeeklyHours>, extra: Partial<Parameters<typeof businessCalendarIssues>[0]> = {}) =>
  businessCalendarIssues({ weekly: week(weekly), holidays: [], workdays: [], ...extra });

describe('business calendar rules', () => {
  it('reads HH:MM strictly, with 24:00 only as an end', () => {
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('23:59')).toBe(1439);
    expect(clockMinutes('24:00')).toBeUndefined();
    expect(clockMinutes('24:00', true)).toBe(1440);
    for (const bad of ['9:30', '09:60', '25:00', '09:30:00', ' 09:30', '']) expect(clockMinutes(bad, true), bad).toBeUndefined();
  });

  it('accepts lunch gaps, touching periods and overnight periods that stay clear of the next day', () => {
    expect(issues({ '1': [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] })).toEqual([]);
    expect(issues({ '1': [{ start: '00:00', end: '12:00' }, { start: '12:00', end: '24:00' }], '2': [{ start: '00:00', end: '24:00' }] })).toEqual([]);
    expect(issues({ '5': [{ start: '22:00', end: '06:00' }], '6': [{ start: '06:00', end: '10:00' }] })).toEqual([]);
  });

  it('names empty and overlapping periods, across midnight and from Saturday into Sunday', () => {
    expect(issues({ '1': [{ start: '09:00', end: '09:00' }] })).toEqual([{ field: 'weekly.1.0.end', message: expect.stringContaining('overnight') }]);
    expect(issues({ '1': [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '13:30' }] }).map((i) => i.field)).toEqual(['weekly.1.0']);
    expect(issues({ '1': [{ start: '22:00', end: '06:00' }], '2': [{ start: '05:00', end: '09:00' }] }).map((i) => i.field)).toEqual(['weekly.2.0']);
    expect(issues({ '6': [{ start: '23:00', end: '01:00' }], '0': [{ start: '00:30', end: '08:00' }] }).map((i) => i.field)).toEqual(['weekly.0.0']);
  });

  it('names dates listed twice or in both lists', () => {
    const found = issues({}, {
      holidays: [{ date: '2026-10-01', name: 'a' }, { date: '2026-10-01', name: 'b' }],
      workdays: [{ date: '2026-10-10', name: 'c' }, { date: '2026-10-01', name: 'd' }],
    });
    expect(found.map((i) => i.field)).toEqual(['holidays.1.date', 'workdays.1.date']);
  });

  it('canonicalises time zones and refuses unknown ones', () => {
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Beijing')).toBeUndefined();
    const parsed = createBusinessCalendarBodySchema.parse({ name: '日历', timeZone: ' europe/berlin ' });
    expect(parsed.timeZone).toBe('Europe/Berlin');
    expect(parsed.weekly).toEqual(week({}));
  });

  it('asks compute for exactly one pair', () => {
    const ok = (body: unknown) => computeBusinessTimeBodySchema.safeParse(body).success;
    expect(ok({ start: '2026-03-02T09:00:00Z', minutes: 0 })).toBe(true);
    expect(ok({ from: '2026-03-02T09:00:00Z', to: '2026-03-01T09:00:00+08:00' })).toBe(true);
    expect(ok({ start: '2026-03-02T09:00:00Z' })).toBe(false);
    expect(ok({ to: '2026-03-02T09:00:00Z' })).toBe(false);
    expect(ok({ start: '2026-03-02T09:00:00Z', minutes: 1, from: '2026-03-02T09:00:00Z', to: '2026-03-02T09:00:00Z' })).toBe(false);
    expect(ok({})).toBe(false);
  });
});

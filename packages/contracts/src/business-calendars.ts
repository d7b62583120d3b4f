import { z } from 'zod';
import { idSchema, instantSchema, isoDate, textSchema } from './common.js';
import { isCalendarDate } from './custom-fields.js';

/**
 * Business calendars (工作日历): the hours, time zone, holidays and make-up working days (调休)
 * that SLA targets are measured in.
 */
export const weekdayKeys = ['0', '1', '2', '3', '4', '5', '6'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

export const businessCalendarLimits = {
  name: 100,
  periodsPerDay: 8,
  dateName: 100,
  /** Holidays or make-up days per calendar: decades of official calendars. */
  dates: 2000,
  importBytes: 512_000,
  /** What-if and SLA targets: about 2 years of 24/7 time. */
  computeMinutes: 1_000_000,
} as const;

/**
 * The stable English texts of calendar validation errors, shared by the server's field errors and
 * the web's form rules, so both translate by the same key.
 */
export const businessCalendarMessages = {
  time: 'must be a time written HH:MM (00:00–23:59; an end may be 24:00)',
  timeZone: 'must be an IANA time zone such as Asia/Shanghai',
  date: 'must be a real date written YYYY-MM-DD',
  emptyPeriod: 'must differ from start (an end earlier than the start is an overnight period)',
  overlap: 'overlaps another period',
  repeatedDate: 'is listed twice',
  holidayAndWorkday: 'is both a holiday and a make-up working day',
  defaultRequired: 'one calendar is always the default: make another calendar the default instead',
  computePair: 'give either start and minutes, or from and to',
  noBusinessTime: 'the calendar has not enough business hours to count these minutes',
} as const;

/** The zone's canonical spelling (`asia/shanghai` → `Asia/Shanghai`), or undefined when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (timeZone.length === 0 || timeZone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `HH:MM` → minutes since midnight; undefined when malformed. `24:00` only as an end. */
export function clockMinutes(value: string, isEnd = false): number | undefined {
  if (isEnd && value === '24:00') return 1440;
  if (!TIME_RE.test(value)) return undefined;
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine((s) => canonicalTimeZone(s) !== undefined, businessCalendarMessages.timeZone)
  .transform((s) => canonicalTimeZone(s)!);

export const businessPeriodSchema = z
  .object({
    start: z.string().refine((s) => clockMinutes(s) !== undefined, businessCalendarMessages.time),
    end: z.string().refine((s) => clockMinutes(s, true) !== undefined, businessCalendarMessages.time),
  })
  .strict();
export type BusinessPeriod = z.infer<typeof businessPeriodSchema>;

const periodsSchema = z.array(businessPeriodSchema).max(businessCalendarLimits.periodsPerDay);
/** Open periods per weekday, `'0'` Sunday … `'6'` Saturday; a missing day is closed. */
export const weeklyHoursSchema = z
  .object(Object.fromEntries(weekdayKeys.map((k) => [k, periodsSchema.default([])])) as Record<WeekdayKey, z.ZodDefault<typeof periodsSchema>>)
  .strict();
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const localDateSchema = z.string().refine(isCalendarDate, businessCalendarMessages.date);
export const calendarDateSchema = z
  .object({ date: localDateSchema, name: textSchema(businessCalendarLimits.dateName) })
  .strict();
export type CalendarDate = z.infer<typeof calendarDateSchema>;
const calendarDatesSchema = z.array(calendarDateSchema).max(businessCalendarLimits.dates);

export const businessCalendarSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
  weekly: weeklyHoursSchema,
  holidays: z.array(calendarDateSchema),
  workdays: z.array(calendarDateSchema),
  /** Whose hours a make-up working day has: 0 Sunday … 6 Saturday (default 1, Monday). */
  makeUpWeekday: z.number().int(),
  isDefault: z.boolean(),
  version: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type BusinessCalendarDto = z.infer<typeof businessCalendarSchema>;

export const businessCalendarListSchema = z.object({ items: z.array(businessCalendarSchema) });
export type BusinessCalendarList = z.infer<typeof businessCalendarListSchema>;

const makeUpWeekdaySchema = z.number().int().min(0).max(6);

export const createBusinessCalendarBodySchema = z
  .object({
    name: textSchema(businessCalendarLimits.name),
    timeZone: timeZoneSchema,
    weekly: weeklyHoursSchema.default(() => weeklyHoursSchema.parse({})),
    holidays: calendarDatesSchema.default([]),
    workdays: calendarDatesSchema.default([]),
    makeUpWeekday: makeUpWeekdaySchema.default(1),
    isDefault: z.boolean().default(false),
  })
  .strict();
export type CreateBusinessCalendarBody = z.input<typeof createBusinessCalendarBodySchema>;

export const updateBusinessCalendarBodySchema = z
  .object({
    name: textSchema(businessCalendarLimits.name).optional(),
    timeZone: timeZoneSchema.optional(),
    weekly: weeklyHoursSchema.optional(),
    holidays: calendarDatesSchema.optional(),
    workdays: calendarDatesSchema.optional(),
    makeUpWeekday: makeUpWeekdaySchema.optional(),
    /** Only `true`: a calendar stops being the default when another one becomes it. */
    isDefault: z.boolean().optional(),
  })
  .strict();
export type UpdateBusinessCalendarBody = z.input<typeof updateBusinessCalendarBodySchema>;

export const importBusinessCalendarBodySchema = z
  .object({
    format: z.enum(['json', 'ical']),
    content: z.string().min(1).max(businessCalendarLimits.importBytes),
    /** Take only this year's dates from the file, replacing the calendar's dates of that year. */
    year: z.number().int().min(1970).max(2200).optional(),
  })
  .strict();
export type ImportBusinessCalendarBody = z.infer<typeof importBusinessCalendarBodySchema>;

export const businessCalendarImportResultSchema = z.object({
  calendar: businessCalendarSchema,
  holidays: z.number().int(),
  workdays: z.number().int(),
});
export type BusinessCalendarImportResult = z.infer<typeof businessCalendarImportResultSchema>;

/** Either `{start, minutes}` → `{dueAt}`, or `{from, to}` → `{minutes}`. */
export const computeBusinessTimeBodySchema = z
  .object({
    start: instantSchema.optional(),
    minutes: z.number().int().min(0).max(businessCalendarLimits.computeMinutes).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const add = b.start !== undefined || b.minutes !== undefined;
    const between = b.from !== undefined || b.to !== undefined;
    const fields = add && between ? (['from'] as const) : between ? (['from', 'to'] as const) : (['start', 'minutes'] as const);
    for (const field of fields) {
      if (b[field] === undefined || (add && between)) ctx.addIssue({ code: 'custom', message: businessCalendarMessages.computePair, path: [field] });
    }
  });
export type ComputeBusinessTimeBody = z.infer<typeof computeBusinessTimeBodySchema>;

export const computeBusinessTimeResultSchema = z.union([
  z.object({ dueAt: isoDate }).strict(),
  z.object({ minutes: z.number() }).strict(),
]);
export type ComputeBusinessTimeResult = z.infer<typeof computeBusinessTimeResultSchema>;

type RulesShape = Pick<BusinessCalendarDto, 'weekly' | 'holidays' | 'workdays'>;
type Issue = { field: string; message: string };

/**
 * Rules across a calendar's properties, on create and on the merged record of a patch: periods
 * that are empty or overlap (within a day, or an overnight period running into the next day's
 * hours, Saturday night into Sunday included), dates listed twice or in both lists.
 */
export function businessCalendarIssues(cal: RulesShape): Issue[] {
  const issues: Issue[] = [];
  const WEEK = 7 * 1440;
  const spans: { from: number; to: number; field: string }[] = [];
  for (const key of weekdayKeys) {
    (cal.weekly[key] ?? []).forEach((p, i) => {
      const start = clockMinutes(p.start);
      const end = clockMinutes(p.end, true);
      if (start === undefined || end === undefined) return;
      if (start === end) {
        issues.push({ field: `weekly.${key}.${i}.end`, message: businessCalendarMessages.emptyPeriod });
        return;
      }
      const from = Number(key) * 1440 + start;
      const to = Number(key) * 1440 + (end > start ? end : end + 1440);
      spans.push({ from, to: Math.min(to, WEEK), field: `weekly.${key}.${i}` });
      if (to > WEEK) spans.push({ from: 0, to: to - WEEK, field: `weekly.${key}.${i}` });
    });
  }
  spans.sort((a, b) => a.from - b.from || a.to - b.to);
  const flagged = new Set<string>();
  let reach = -1;
  for (const s of spans) {
    if (s.from < reach && !flagged.has(s.field)) {
      issues.push({ field: s.field, message: businessCalendarMessages.overlap });
      flagged.add(s.field);
    }
    reach = Math.max(reach, s.to);
  }
  const holidayDates = new Set<string>();
  const seen = (list: readonly CalendarDate[], field: string, into: Set<string>) =>
    list.forEach((d, i) => {
      if (into.has(d.date)) issues.push({ field: `${field}.${i}.date`, message: businessCalendarMessages.repeatedDate });
      into.add(d.date);
    });
  seen(cal.holidays, 'holidays', holidayDates);
  const workdayDates = new Set<string>();
  seen(cal.workdays, 'workdays', workdayDates);
  cal.workdays.forEach((d, i) => {
    if (holidayDates.has(d.date)) issues.push({ field: `workdays.${i}.date`, message: businessCalendarMessages.holidayAndWorkday });
  });
  return issues;
}

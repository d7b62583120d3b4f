/**
 * Holidays and make-up working days from a file: Kefu's JSON shape (`{holidays, workdays}`, as in
 * `calendars/cn-2026.json`; other keys are ignored) or iCalendar (RFC 5545) all-day events.
 *
 * iCalendar rules: each VEVENT's DTSTART date starts it; DTEND is exclusive for dates (and for a
 * midnight date-time), else DURATION in days or weeks, else one day. A date-time counts by the date
 * written in it. An event whose SUMMARY or CATEGORIES mention 补班, 上班, 加班, 调班, a lone 班 or
 * "workday" is a make-up working day (值班, on duty, does not count), anything else a holiday;
 * cancelled events are skipped. If a date is both, the make-up day wins: that notice is the more
 * specific one. RRULE is not expanded.
 */
import { businessCalendarLimits, calendarDateSchema, type CalendarDate } from '@kefu/contracts';
import { dateOfEpochDay, epochDayOf } from './zoned-time.js';

export interface ImportedDates {
  holidays: CalendarDate[];
  workdays: CalendarDate[];
}

/** The file cannot be used; `where` points into it (a JSON path or `line N`). */
export class CalendarImportError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

const MAX_EVENT_DAYS = 366;

export function parseCalendarJson(content: string): ImportedDates {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    throw new CalendarImportError('is not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CalendarImportError('must be a JSON object with holidays and workdays');
  const record = doc as Record<string, unknown>;
  if (record.holidays === undefined && record.workdays === undefined) throw new CalendarImportError('has neither holidays nor workdays');
  const list = (key: 'holidays' | 'workdays'): CalendarDate[] => {
    const value = record[key] ?? [];
    if (!Array.isArray(value)) throw new CalendarImportError('must be a list of {date, name}', key);
    if (value.length > businessCalendarLimits.dates) throw new CalendarImportError(`holds more than ${businessCalendarLimits.dates} dates`, key);
    return value.map((entry, i) => {
      const parsed = calendarDateSchema.safeParse(entry);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CalendarImportError(issue.message, [key, i, ...issue.path].join('.'));
      }
      return parsed.data;
    });
  };
  return dedupe(list('holidays'), list('workdays'));
}

/** Unfolds RFC 5545 lines: CRLF, LF or CR endings; a line starting with a space or tab continues the last. */
function unfold(content: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = lines[lines.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else if (raw.length > 0) lines.push({ text: raw, line: i + 1 });
  });
  return lines;
}

interface Property {
  name: string;
  params: Map<string, string>;
  value: string;
}

/** `NAME;PARAM=x;PARAM="a:b":value`: the value starts at the first colon outside quotes. */
function parseProperty(text: string): Property | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [name = '', ...rawParams] = text.slice(0, colon).split(';');
  const params = new Map(rawParams.map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq).toUpperCase(), p.slice(eq + 1).replace(/^"|"$/g, '')] as [string, string];
  }));
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

const unescapeText = (s: string) => s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

/** The epoch day of `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`, and whether it is a date-time past midnight. */
function dayOf(value: string): { day: number; pastMidnight: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{6})Z?)?$/.exec(value.trim());
  if (!m) return undefined;
  const day = epochDayOf(`${m[1]}-${m[2]}-${m[3]}`);
  return day === undefined ? undefined : { day, pastMidnight: m[4] !== undefined && m[4] !== '000000' };
}

function durationDays(value: string): number | undefined {
  const m = /^P(?:(\d{1,3})W|(\d{1,3})D(?:T.*)?)$/.exec(value.trim().replace(/^\+/, ''));
  if (!m) return undefined;
  return m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]);
}

// 补班/上班/加班/调班, or 班 standing alone ("班", "[班]"), but not 值班 (on duty) in a holiday's notes.
const WORKDAY_RE = /补班|上班|加班|调班|(?:^|[\s[(（【])班(?:$|[\s\])）】])|workday|work day|working day/i;
// Control characters cannot be stored in a name; a file may still carry them.
const CONTROLS = /[\u0000-\u001f\u007f]/g;

export function parseICalendar(content: string): ImportedDates {
  const lines = unfold(content);
  if (!lines.some((l) => /^BEGIN:VCALENDAR$/i.test(l.text.trim()))) throw new CalendarImportError('is not an iCalendar file (no BEGIN:VCALENDAR)');
  const holidays: CalendarDate[] = [];
  const workdays: CalendarDate[] = [];
  let event: Map<string, Property> | null = null;
  let eventLine = 0;
  // Components inside an event (VALARM) have a SUMMARY and DESCRIPTION of their own.
  let nested = 0;
  for (const { text, line } of lines) {
    const upper = text.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = new Map();
      eventLine = line;
      nested = 0;
    } else if (upper === 'END:VEVENT') {
      if (event) addEvent(event, eventLine, holidays, workdays);
      event = null;
    } else if (event && upper.startsWith('BEGIN:')) {
      nested++;
    } else if (event && upper.startsWith('END:')) {
      nested = Math.max(0, nested - 1);
    } else if (event && nested === 0) {
      const prop = parseProperty(text);
      if (prop && !event.has(prop.name)) event.set(prop.name, prop);
    }
    if (holidays.length + workdays.length > 2 * businessCalendarLimits.dates) throw new CalendarImportError(`holds more than ${businessCalendarLimits.dates} dates`);
  }
  if (holidays.length + workdays.length === 0) throw new CalendarImportError('holds no all-day events (VEVENT with DTSTART)');
  return dedupe(holidays, workdays);
}

function addEvent(event: Map<string, Property>, line: number, holidays: CalendarDate[], workdays: CalendarDate[]) {
  if (event.get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return;
  const where = `line ${line}`;
  const startProp = event.get('DTSTART');
  if (!startProp) throw new CalendarImportError('VEVENT has no DTSTART', where);
  const start = dayOf(startProp.value);
  if (!start) throw new CalendarImportError(`DTSTART ${startProp.value.slice(0, 40)} is not a date (YYYYMMDD)`, where);
  let last = start.day;
  const endProp = event.get('DTEND');
  if (endProp) {
    const end = dayOf(endProp.value);
    if (!end) throw new CalendarImportError(`DTEND ${endProp.value.slice(0, 40)} is not a date (YYYYMMDD)`, where);
    last = Math.max(start.day, end.pastMidnight ? end.day : end.day - 1);
  } else if (event.has('DURATION')) {
    const days = durationDays(event.get('DURATION')!.value);
    if (days === undefined) throw new CalendarImportError('DURATION is not a whole number of days or weeks', where);
    last = start.day + Math.max(days, 1) - 1;
  }
  if (last - start.day + 1 > MAX_EVENT_DAYS) throw new CalendarImportError(`an event may span at most ${MAX_EVENT_DAYS} days`, where);
  const summary = unescapeText(event.get('SUMMARY')?.value ?? '').replace(CONTROLS, ' ').trim();
  const categories = unescapeText(event.get('CATEGORIES')?.value ?? '');
  const isWorkday = WORKDAY_RE.test(summary) || WORKDAY_RE.test(categories);
  const name = [...(summary || (isWorkday ? '补班' : '节假日'))].slice(0, businessCalendarLimits.dateName).join('').trim();
  for (let day = start.day; day <= last; day++) (isWorkday ? workdays : holidays).push({ date: dateOfEpochDay(day), name });
}

/** One entry per date, sorted; a date in both lists stays a make-up day only. */
function dedupe(holidays: CalendarDate[], workdays: CalendarDate[]): ImportedDates {
  const work = new Map(workdays.map((d) => [d.date, d]));
  const off = new Map(holidays.filter((d) => !work.has(d.date)).map((d) => [d.date, d]));
  const sorted = (m: Map<string, CalendarDate>) => [...m.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { holidays: sorted(off), workdays: sorted(work) };
}

/**
 * The calendar's dates with the imported ones laid over them (an imported date replaces the
 * calendar's entry for that date, moving it between lists if need be). With `year`, only the
 * file's dates in that year count, and they replace all of the calendar's dates in that year.
 */
export function mergeImportedDates(current: ImportedDates, imported: ImportedDates, year?: number): ImportedDates & { counts: { holidays: number; workdays: number } } {
  const inYear = (d: CalendarDate) => year === undefined || d.date.startsWith(`${String(year).padStart(4, '0')}-`);
  const taken = { holidays: imported.holidays.filter(inYear), workdays: imported.workdays.filter(inYear) };
  if (taken.holidays.length + taken.workdays.length === 0) {
    throw new CalendarImportError(year === undefined ? 'holds no dates' : `holds no dates in ${year}`);
  }
  const keep = (d: CalendarDate) => year === undefined || !inYear(d);
  const replaced = new Set([...taken.holidays, ...taken.workdays].map((d) => d.date));
  const merged = dedupe(
    [...current.holidays.filter((d) => keep(d) && !replaced.has(d.date)), ...taken.holidays],
    [...current.workdays.filter((d) => keep(d) && !replaced.has(d.date)), ...taken.workdays],
  );
  return { ...merged, counts: { holidays: taken.holidays.length, workdays: taken.workdays.length } };
}

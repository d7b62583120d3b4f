import { describe, expect, it } from 'vitest';
import cn2026 from './calendars/cn-2026.json' with { type: 'json' };
import { CalendarImportError, mergeImportedDates, parseCalendarJson, parseICalendar } from './calendar-import.js';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** As holiday feeds publish it: CRLF, folded lines (75 octets), escapes, time zone block, an alarm. */
const feed = crlf([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//China Holiday Calendar//CN',
  'CALSCALE:GREGORIAN',
  'X-WR-CALNAME:中国节假日',
  'X-WR-TIMEZONE:Asia/Shanghai',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:20261001-guoqing@example.com',
  'DTSTAMP:20251105T020000Z',
  'DTSTART;VALUE=DATE:20261001',
  'DTEND;VALUE=DATE:20261008',
  'SUMMARY:国庆节 假期 第1天/共7天\\, 请',
  '  注意安排值班',
  'CATEGORIES:假期',
  'TRANSP:TRANSPARENT',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'SUMMARY:补班提醒',
  'TRIGGER:-PT15H',
  'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:20260920-bu@example.com',
  'DTSTART;VALUE=DATE:20260920',
  'DTEND;VALUE=DATE:20260921',
  'SUMMARY:国庆节 补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:20261010-bu@example.com',
  'DTSTART;VALUE=DATE:20261010',
  'SUMMARY:调休',
  'CATEGORIES:上班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@example.com',
  'DTSTART;VALUE=DATE:20261012',
  'SUMMARY:取消的假期',
  'STATUS:CANCELLED',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;TZID="Asia/Shanghai":20260925T000000',
  'DTEND;TZID="Asia/Shanghai":20260928T000000',
  'SUMMARY:中秋节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART:20270101T090000Z',
  'DTEND:20270102T120000Z',
  'SUMMARY:New Year\'s Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270206',
  'DURATION:P1W',
  'SUMMARY:Spring Festival',
  'END:VEVENT',
  'END:VCALENDAR',
]);

describe('iCalendar import', () => {
  it('expands multi-day events, unfolds lines and sorts holidays from make-up days', () => {
    const { holidays, workdays } = parseICalendar(feed);
    expect(holidays.filter((h) => h.date.startsWith('2026-10')).map((h) => h.date)).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(holidays[3]).toEqual({ date: '2026-10-01', name: '国庆节 假期 第1天/共7天, 请 注意安排值班' });
    expect(holidays.filter((h) => h.name === '中秋节').map((h) => h.date)).toEqual(['2026-09-25', '2026-09-26', '2026-09-27']);
    expect(holidays.filter((h) => h.date.startsWith('2027-01')).map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02']);
    expect(workdays).toEqual([
      { date: '2026-09-20', name: '国庆节 补班' },
      { date: '2026-10-10', name: '调休' },
    ]);
    expect(holidays.map((h) => h.date)).not.toContain('2026-10-12');
  });

  it('reads a lone 班 as a make-up day but 值班 (on duty) in a holiday\'s text as a holiday', () => {
    const read = (summary: string) => parseICalendar(crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261010', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR']));
    for (const s of ['班', '[班] 国庆', '国庆（班）', '国庆节 补班', '上班', '周六加班', 'Make-up working day']) expect(read(s).workdays, s).toHaveLength(1);
    for (const s of ['国庆节 放假，注意值班', '休', '航班高峰', 'Holiday']) expect(read(s).holidays, s).toHaveLength(1);
  });

  it('reads DURATION in weeks, and "workday" in any case as a make-up day', () => {
    const { holidays } = parseICalendar(feed);
    expect(holidays.filter((h) => h.name === 'Spring Festival').map((h) => h.date)).toEqual([
      '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12',
    ]);
    const bare = parseICalendar('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270207\nSUMMARY:Company WORKDAY\nEND:VEVENT\nEND:VCALENDAR\n');
    expect(bare).toEqual({ holidays: [], workdays: [{ date: '2027-02-07', name: 'Company WORKDAY' }] });
    const lf = parseICalendar('BEGIN:VCALENDAR\rBEGIN:VEVENT\rDTSTART;VALUE=DATE:20270208\rSUMMARY:上班\rEND:VEVENT\rEND:VCALENDAR');
    expect(lf.workdays).toEqual([{ date: '2027-02-08', name: '上班' }]);
  });

  it('lets a make-up day win over a holiday on the same date', () => {
    const both = parseICalendar(crlf([
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261001', 'DTEND;VALUE=DATE:20261004', 'SUMMARY:假期', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261003', 'SUMMARY:补班', 'END:VEVENT',
      'END:VCALENDAR',
    ]));
    expect(both.holidays.map((h) => h.date)).toEqual(['2026-10-01', '2026-10-02']);
    expect(both.workdays.map((h) => h.date)).toEqual(['2026-10-03']);
  });

  it('refuses what is not an all-day calendar, naming the line', () => {
    const bad = (body: string[]) => () => parseICalendar(crlf(['BEGIN:VCALENDAR', ...body, 'END:VCALENDAR']));
    expect(() => parseICalendar('hello')).toThrow(/no BEGIN:VCALENDAR/);
    expect(bad([])).toThrow(/no all-day events/);
    expect(bad(['BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT'])).toThrow(/line 2: VEVENT has no DTSTART/);
    expect(bad(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260230', 'END:VEVENT'])).toThrow(CalendarImportError);
    expect(bad(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:2026-10-01', 'END:VEVENT'])).toThrow(/not a date/);
    expect(bad(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20300101', 'END:VEVENT'])).toThrow(/at most 366 days/);
    expect(bad(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260101', 'DURATION:PT5H', 'END:VEVENT'])).toThrow(/DURATION/);
  });

  it('caps the number of dates a file may add', () => {
    const events = Array.from({ length: 12 }, (_, i) => ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${2030 + i}0101`, `DTEND;VALUE=DATE:${2030 + i}1231`, 'SUMMARY:x', 'END:VEVENT']).flat();
    expect(() => parseICalendar(crlf(['BEGIN:VCALENDAR', ...events, 'END:VCALENDAR']))).toThrow(/more than 2000 dates/);
  });

  it('strips control characters and bounds names', () => {
    const { holidays } = parseICalendar(`BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nSUMMARY:<script>alert(1)</script>\u0007${'长'.repeat(300)}\nEND:VEVENT\nEND:VCALENDAR`);
    expect(holidays[0]!.name.startsWith('<script>alert(1)</script> 长')).toBe(true);
    expect([...holidays[0]!.name]).toHaveLength(100);
  });
});

describe('JSON import', () => {
  it('reads the shipped cn-2026.json', () => {
    const { holidays, workdays } = parseCalendarJson(JSON.stringify(cn2026));
    expect(holidays).toHaveLength(33);
    expect(workdays.map((w) => w.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('names the bad entry', () => {
    expect(() => parseCalendarJson('{"holidays": [')).toThrow(/not valid JSON/);
    expect(() => parseCalendarJson('[]')).toThrow(/JSON object/);
    expect(() => parseCalendarJson('{"name": "x"}')).toThrow(/neither holidays nor workdays/);
    expect(() => parseCalendarJson('{"holidays": {"date": "2026-10-01"}}')).toThrow(/^holidays: must be a list/);
    expect(() => parseCalendarJson('{"holidays": [{"date": "2026-10-01", "name": "国庆"}, {"date": "2026-13-01", "name": "x"}]}')).toThrow(/^holidays\.1\.date: must be a real date/);
    expect(() => parseCalendarJson('{"workdays": [{"date": "2026-10-10"}]}')).toThrow(/^workdays\.0\.name/);
    expect(() => parseCalendarJson('{"workdays": [{"date": "2026-10-10", "name": "x", "extra": 1}]}')).toThrow(/^workdays\.0/);
  });
});

describe('merging imported dates', () => {
  const current = {
    holidays: [{ date: '2025-10-01', name: '国庆节' }, { date: '2026-05-01', name: '旧' }, { date: '2026-12-25', name: '公司假' }],
    workdays: [{ date: '2026-10-10', name: '旧补班' }],
  };

  it('lays the file over the calendar, moving a date between lists', () => {
    const merged = mergeImportedDates(current, { holidays: [{ date: '2026-10-10', name: '新假' }, { date: '2026-05-01', name: '劳动节' }], workdays: [] });
    expect(merged.holidays).toEqual([
      { date: '2025-10-01', name: '国庆节' }, { date: '2026-05-01', name: '劳动节' }, { date: '2026-10-10', name: '新假' }, { date: '2026-12-25', name: '公司假' },
    ]);
    expect(merged.workdays).toEqual([]);
    expect(merged.counts).toEqual({ holidays: 2, workdays: 0 });
  });

  it('with a year, takes only that year and replaces the calendar\'s dates in it', () => {
    const merged = mergeImportedDates(current, { holidays: [{ date: '2026-10-01', name: '国庆节' }, { date: '2027-01-01', name: '元旦' }], workdays: [] }, 2026);
    expect(merged.holidays).toEqual([{ date: '2025-10-01', name: '国庆节' }, { date: '2026-10-01', name: '国庆节' }]);
    expect(merged.workdays).toEqual([]);
    expect(merged.counts).toEqual({ holidays: 1, workdays: 0 });
    expect(() => mergeImportedDates(current, { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }, 2026)).toThrow(/no dates in 2026/);
  });
});

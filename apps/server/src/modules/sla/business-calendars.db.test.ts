import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cn2026 from './calendars/cn-2026.json' with { type: 'json' };
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { expectProblem, ok, type Json } from '../../test/factories.js';
import { findBusinessCalendarRules } from './business-calendars.rules.js';
import { addBusinessMinutes } from './business-time.js';
import { loadSlaConfig } from './sla-config.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
const office = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
const base = '/api/v1/business-calendars';
const calendar = (body: Record<string, unknown> = {}) =>
  ok(t, 201, 'POST', base, admin, { name: unique('日历 '), timeZone: 'Asia/Shanghai', weekly: { '1': office, '2': office, '3': office, '4': office, '5': office }, ...body });
const defaultCalendar = async () => ((await ok(t, 200, 'GET', base, admin)).items as Json[]).find((c) => c.isDefault);

describe('the default calendar of a fresh install', () => {
  it('is Asia/Shanghai, Mon–Fri 09:00–12:00 + 13:30–18:00, with the 2026 holidays of cn-2026.json', async () => {
    const list = await ok(t, 200, 'GET', base, admin);
    const defaults = (list.items as Json[]).filter((c) => c.isDefault);
    expect(defaults).toHaveLength(1);
    const cal = defaults[0];
    expect(list.items[0].id).toBe(cal.id);
    expect(cal).toMatchObject({ name: '标准工作日历', timeZone: 'Asia/Shanghai', makeUpWeekday: 1, version: 1 });
    expect(cal.weekly).toEqual({ '0': [], '1': office, '2': office, '3': office, '4': office, '5': office, '6': [] });
    expect(cal.holidays).toEqual(cn2026.holidays);
    expect(cal.workdays).toEqual(cn2026.workdays);
    const stored = await findBusinessCalendarRules(t.deps.db, null);
    expect(stored?.id).toBe(cal.id);
    // The seeded calendar answers like the library on the shipped data: Golden Week is closed.
    expect(addBusinessMinutes(stored!.rules, new Date('2026-09-30T17:00:00+08:00'), 61).toISOString()).toBe('2026-10-08T01:01:00.000Z');
    expect(await findBusinessCalendarRules(t.deps.db, null)).toEqual(stored);
  });
});

describe('business calendars', () => {
  it('creates, reads, updates with If-Match and deletes a calendar, auditing each write', async () => {
    const name = unique('售后 Support ');
    const res = await t.call('POST', base, admin, { name, timeZone: 'america/new_york', weekly: { '6': [{ start: '22:00', end: '06:00' }] }, holidays: [{ date: '2026-12-25', name: 'Christmas' }, { date: '2026-11-26', name: 'Thanksgiving' }] });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const created = res.json();
    expect(created).toMatchObject({ name, timeZone: 'America/New_York', isDefault: false, makeUpWeekday: 1, workdays: [], version: 1 });
    expect(created.weekly['6']).toEqual([{ start: '22:00', end: '06:00' }]);
    expect(created.weekly['1']).toEqual([]);
    expect(created.holidays.map((h: Json) => h.date)).toEqual(['2026-11-26', '2026-12-25']);
    expect(await ok(t, 200, 'GET', `${base}/${created.id}`, admin)).toEqual(created);

    const patched = await t.call('PATCH', `${base}/${created.id}`, admin, { makeUpWeekday: 5, workdays: [{ date: '2026-11-28', name: 'Make-up' }] }, { 'if-match': '"1"' });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    expect(patched.json()).toMatchObject({ makeUpWeekday: 5, version: 2, workdays: [{ date: '2026-11-28', name: 'Make-up' }] });
    const stale = expectProblem(await t.call('PATCH', `${base}/${created.id}`, admin, { name: 'x' }, { 'if-match': '"1"' }), 412, 'precondition_failed');
    expect((stale as Json).current.version).toBe(2);
    expectProblem(await t.call('PATCH', `${base}/${created.id}`, admin, { name: 'x' }, { 'if-match': 'yesterday' }), 400, 'validation_failed', 'If-Match');

    await ok(t, 204, 'DELETE', `${base}/${created.id}`, admin);
    expectProblem(await t.call('GET', `${base}/${created.id}`, admin), 404, 'not_found');
    const audit = await ok(t, 200, 'GET', `/api/v1/audit-events?entityType=business_calendar&entityId=${created.id}`, admin);
    expect((audit.items as Json[]).map((e) => e.action).sort()).toEqual(['business_calendar.created', 'business_calendar.deleted', 'business_calendar.updated']);
  });

  it('answers 404 for a calendar that does not exist, on every route', async () => {
    expectProblem(await t.call('GET', `${base}/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `${base}/${missing}`, admin, { name: '不存在' }), 404, 'not_found');
    expectProblem(await t.call('DELETE', `${base}/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${missing}/import`, admin, { format: 'json', content: '{"holidays":[]}' }), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${missing}/compute`, admin, { start: '2026-03-02T09:00:00Z', minutes: 5 }), 404, 'not_found');
    expectProblem(await t.call('GET', `${base}/not-a-uuid`, admin), 400, 'validation_failed', 'id');
  });

  it('keeps exactly one default: moving it demotes the old one, which cannot be dropped or deleted', async () => {
    const old = await defaultCalendar();
    expectProblem(await t.call('PATCH', `${base}/${old.id}`, admin, { isDefault: false }), 409, 'conflict', 'isDefault');
    expectProblem(await t.call('DELETE', `${base}/${old.id}`, admin), 409, 'conflict', 'isDefault');
    const next = await calendar({ isDefault: true });
    expect(next.isDefault).toBe(true);
    expect((await defaultCalendar()).id).toBe(next.id);
    expect(await ok(t, 200, 'GET', `${base}/${old.id}`, admin)).toMatchObject({ isDefault: false, version: old.version + 1 });
    const audit = await ok(t, 200, 'GET', `/api/v1/audit-events?entityType=business_calendar&entityId=${old.id}`, admin);
    expect(audit.items[0]).toMatchObject({ action: 'business_calendar.updated', before: { isDefault: true }, after: { isDefault: false } });

    // Two admins moving the default at once: both succeed, one after the other.
    const [a, b] = [await calendar(), await calendar()];
    const results = await Promise.all([a, b].map((c) => t.call('PATCH', `${base}/${c.id}`, admin, { isDefault: true })));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const defaults = ((await ok(t, 200, 'GET', base, admin)).items as Json[]).filter((c) => c.isDefault);
    expect(defaults).toHaveLength(1);
    expect([a.id, b.id]).toContain(defaults[0].id);
    await ok(t, 200, 'PATCH', `${base}/${old.id}`, admin, { isDefault: true });
  });

  it('refuses to delete a calendar an SLA policy counts on, and refreshes the SLA rules on every change', async () => {
    const cal = await calendar();
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: unique('SLA '), targets: { first_response: { minutes: 60, businessTime: true } }, calendarId: cal.id });
    expectProblem(await t.call('DELETE', `${base}/${cal.id}`, admin), 409, 'conflict');
    expect((await loadSlaConfig(t.deps.db)).calendars.get(cal.id)?.holidays).toEqual([]);
    const holidays = [{ date: '2026-12-25', name: '公司假' }];
    await ok(t, 200, 'PATCH', `${base}/${cal.id}`, admin, { holidays });
    expect((await loadSlaConfig(t.deps.db)).calendars.get(cal.id)?.holidays).toEqual(holidays);
    const other = await calendar();
    expect((await loadSlaConfig(t.deps.db)).calendars.has(other.id)).toBe(true);
    await ok(t, 204, 'DELETE', `${base}/${other.id}`, admin);
    expect((await loadSlaConfig(t.deps.db)).calendars.has(other.id)).toBe(false);
  });

  it('answers 409 naming name for a taken name, in any case', async () => {
    const name = unique('Logistics ');
    await calendar({ name });
    expectProblem(await t.call('POST', base, admin, { name: name.toUpperCase(), timeZone: 'UTC' }), 409, 'already_exists', 'name');
    const other = await calendar();
    expectProblem(await t.call('PATCH', `${base}/${other.id}`, admin, { name: name.toLowerCase() }), 409, 'already_exists', 'name');
    await ok(t, 200, 'PATCH', `${base}/${other.id}`, admin, { name: other.name.toUpperCase() });
  });
});

describe('importing holidays and make-up days', () => {
  it('merges the shipped JSON and a folded CRLF iCalendar file, then replaces one year', async () => {
    const cal = await calendar();
    const json = await ok(t, 200, 'POST', `${base}/${cal.id}/import`, admin, { format: 'json', content: JSON.stringify(cn2026) });
    expect(json).toMatchObject({ holidays: 33, workdays: 6, calendar: { version: 2 } });
    expect(json.calendar.holidays).toEqual(cn2026.holidays);
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example//CN',
      'BEGIN:VEVENT', 'UID:a@example.com', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270104', 'SUMMARY:元旦 假期 第1天/共', ' 3天', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b@example.com', 'DTSTART;VALUE=DATE:20261003', 'SUMMARY:国庆节 补班', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const res = await t.call('POST', `${base}/${cal.id}/import`, admin, { format: 'ical', content: ics }, { 'if-match': '"2"' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"3"');
    const merged = res.json();
    expect(merged).toMatchObject({ holidays: 3, workdays: 1 });
    expect(merged.calendar.holidays.slice(-3)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, name: '元旦 假期 第1天/共3天' })));
    expect(merged.calendar.holidays.map((h: Json) => h.date)).not.toContain('2026-10-03');
    expect(merged.calendar.workdays.map((h: Json) => h.date)).toContain('2026-10-03');

    const replaced = await ok(t, 200, 'POST', `${base}/${cal.id}/import`, admin, { format: 'json', year: 2026, content: JSON.stringify({ holidays: [{ date: '2026-10-01', name: '国庆节' }, { date: '2027-05-01', name: '劳动节' }] }) });
    expect(replaced.calendar.holidays.map((h: Json) => h.date)).toEqual(['2026-10-01', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(replaced.calendar.workdays).toEqual([]);
    expectProblem(await t.call('POST', `${base}/${cal.id}/import`, admin, { format: 'json', content: '{}' }, { 'if-match': '"2"' }), 412, 'precondition_failed');
  });

  it('answers 400 naming content for files it cannot use', async () => {
    const cal = await calendar();
    const bad = async (format: string, content: string, pattern: RegExp) => {
      const problem = expectProblem(await t.call('POST', `${base}/${cal.id}/import`, admin, { format, content }), 400, 'validation_failed', 'content');
      expect(problem.detail).toMatch(pattern);
    };
    await bad('json', '{"holidays": [', /not valid JSON/);
    await bad('json', '{"holidays": [{"date": "2026-02-30", "name": "x"}]}', /holidays\.0\.date/);
    await bad('json', '{"holidays": [{"date": "2026-10-01", "name": "\\u0000"}]}', /holidays\.0\.name/);
    await bad('json', '{"holidays": []}', /no dates/);
    await bad('ical', '<html><script>alert(1)</script></html>', /not an iCalendar file/);
    await bad('ical', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR', /line 2: VEVENT has no DTSTART/);
    const many = JSON.stringify({ holidays: Array.from({ length: 1500 }, (_, i) => ({ date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10), name: '假' })) });
    await ok(t, 200, 'POST', `${base}/${cal.id}/import`, admin, { format: 'json', content: many });
    const more = JSON.stringify({ holidays: Array.from({ length: 600 }, (_, i) => ({ date: new Date(Date.UTC(2040, 0, 1 + i)).toISOString().slice(0, 10), name: '假' })) });
    await bad('json', more, /more than 2000 holidays/);
    expectProblem(await t.call('POST', `${base}/${cal.id}/import`, admin, { format: 'csv', content: 'x' }), 400, 'validation_failed', 'format');
    expectProblem(await t.call('POST', `${base}/${cal.id}/import`, admin, { format: 'json', content: 'x'.repeat(512_001) }), 400, 'validation_failed', 'content');
    expectProblem(await t.call('POST', `${base}/${cal.id}/import`, admin, { format: 'json', content: '{}', year: 1900 }), 400, 'validation_failed', 'year');
  });
});

describe('what-if computations', () => {
  it('computes a due time and the business minutes between two instants on the default calendar', async () => {
    const cal = await defaultCalendar();
    const url = `${base}/${cal.id}/compute`;
    expect(await ok(t, 200, 'POST', url, admin, { start: '2026-09-30T17:00:00+08:00', minutes: 61 })).toEqual({ dueAt: '2026-10-08T01:01:00.000Z' });
    expect(await ok(t, 200, 'POST', url, admin, { from: '2026-10-08T10:00:00+08:00', to: '2026-09-30T17:00:00+08:00' })).toEqual({ minutes: -120 });
    expect(await ok(t, 200, 'POST', url, admin, { start: '2026-10-10T08:00:00+08:00', minutes: 0 })).toEqual({ dueAt: '2026-10-10T01:00:00.000Z' });
  });

  it('answers 400 naming the field for incomplete, mixed or impossible questions', async () => {
    const cal = await defaultCalendar();
    const url = `${base}/${cal.id}/compute`;
    const cases: [unknown, string][] = [
      [{ start: '2026-03-02T09:00:00Z' }, 'minutes'],
      [{ minutes: 5 }, 'start'],
      [{ from: '2026-03-02T09:00:00Z' }, 'to'],
      [{ start: '2026-03-02T09:00:00Z', minutes: 5, to: '2026-03-03T09:00:00Z' }, 'from'],
      [{}, 'start'],
      [{ start: 'tomorrow', minutes: 5 }, 'start'],
      [{ start: '2026-03-02T09:00:00', minutes: 5 }, 'start'],
      [{ start: '2026-03-02T09:00:00Z', minutes: -1 }, 'minutes'],
      [{ start: '2026-03-02T09:00:00Z', minutes: 1.5 }, 'minutes'],
      [{ start: '2026-03-02T09:00:00Z', minutes: '60' }, 'minutes'],
      [{ start: '2026-03-02T09:00:00Z', minutes: 1_000_001 }, 'minutes'],
      [{ start: '2026-03-02T09:00:00Z', minutes: 5, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) expectProblem(await t.call('POST', url, admin, body), 400, 'validation_failed', field);
    const closed = await calendar({ weekly: {} });
    expectProblem(await t.call('POST', `${base}/${closed.id}/compute`, admin, { start: '2026-03-02T09:00:00Z', minutes: 1 }), 400, 'validation_failed', 'minutes');
    expect(await ok(t, 200, 'POST', `${base}/${closed.id}/compute`, admin, { from: '2026-03-02T09:00:00Z', to: '2027-03-02T09:00:00Z' })).toEqual({ minutes: 0 });
    expectProblem(await t.call('POST', url, admin, { start: '9999-12-31T00:00:00Z', minutes: 1_000_000 }), 400, 'validation_failed', 'minutes');
  });
});

describe('hostile and malformed calendars', () => {
  const post = (body: Record<string, unknown>) => t.call('POST', base, admin, { name: unique('坏 '), timeZone: 'Asia/Shanghai', ...body });

  it('answers 400 naming the field for bad zones, times, periods and dates', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+08:00' }, 'timeZone'],
      [{ timeZone: 8 }, 'timeZone'],
      [{ weekly: { '1': [{ start: '9:00', end: '12:00' }] } }, 'weekly.1.0.start'],
      [{ weekly: { '1': [{ start: '09:00', end: '24:01' }] } }, 'weekly.1.0.end'],
      [{ weekly: { '1': [{ start: '24:00', end: '12:00' }] } }, 'weekly.1.0.start'],
      [{ weekly: { '1': [{ start: '09:00', end: '09:00' }] } }, 'weekly.1.0.end'],
      [{ weekly: { '1': [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }, 'weekly.1.1'],
      [{ weekly: { '1': [{ start: '22:00', end: '06:00' }], '2': [{ start: '05:00', end: '09:00' }] } }, 'weekly.2.0'],
      [{ weekly: { '6': [{ start: '22:00', end: '03:00' }], '0': [{ start: '02:00', end: '04:00' }] } }, 'weekly.0.0'],
      [{ weekly: { '7': [{ start: '09:00', end: '12:00' }] } }, 'weekly.7'],
      [{ weekly: 'always' }, 'weekly'],
      [{ weekly: { '1': Array.from({ length: 9 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` })) } }, 'weekly.1'],
      [{ weekly: { '1': [{ start: '09:00', end: '12:00', note: 'x' }] } }, 'weekly.1.0.note'],
      [{ holidays: [{ date: '2026-02-30', name: 'x' }] }, 'holidays.0.date'],
      [{ holidays: [{ date: '2026/10/01', name: 'x' }] }, 'holidays.0.date'],
      [{ holidays: [{ date: '2026-10-01', name: '' }] }, 'holidays.0.name'],
      [{ holidays: [{ date: '2026-10-01', name: '国庆\u0000' }] }, 'holidays.0.name'],
      [{ holidays: [{ date: '2026-10-01', name: 'x' }, { date: '2026-10-01', name: 'y' }] }, 'holidays.1.date'],
      [{ holidays: [{ date: '2026-10-01', name: 'x' }], workdays: [{ date: '2026-10-01', name: 'y' }] }, 'workdays.0.date'],
      [{ holidays: 'all' }, 'holidays'],
      [{ holidays: Array.from({ length: 2001 }, (_, i) => ({ date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10), name: 'x' })) }, 'holidays'],
      [{ makeUpWeekday: 7 }, 'makeUpWeekday'],
      [{ makeUpWeekday: '1' }, 'makeUpWeekday'],
      [{ isDefault: 'yes' }, 'isDefault'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: { $ne: null } }, 'name'],
      [{ owner: 'me' }, 'owner'],
    ];
    for (const [body, field] of cases) expectProblem(await post(body), 400, 'validation_failed', field);
    const cal = await calendar();
    expectProblem(await t.call('PATCH', `${base}/${cal.id}`, admin, { workdays: [{ date: '2026-09-20', name: '补班' }, { date: '2026-09-20', name: '补班' }] }), 400, 'validation_failed', 'workdays.1.date');
    expectProblem(await t.call('PATCH', `${base}/${cal.id}`, admin, { isDefault: null }), 400, 'validation_failed', 'isDefault');
    expectProblem(await t.call('PATCH', `${base}/${cal.id}`, admin, '{"name": '), 400, 'malformed_json');
    expect(await ok(t, 200, 'GET', `${base}/${cal.id}`, admin)).toEqual(cal);
  });

  it('accepts touching periods, 24:00, an overnight Saturday and a make-up Sunday; keeps names verbatim', async () => {
    const name = unique('<script>alert("日历")</script> ');
    const cal = await calendar({
      name,
      weekly: { '1': [{ start: '00:00', end: '09:00' }, { start: '09:00', end: '24:00' }], '6': [{ start: '22:00', end: '02:00' }], '0': [{ start: '02:00', end: '04:00' }] },
      holidays: [{ date: '2028-02-29', name: '<b>闰日</b>' }],
      workdays: [{ date: '2026-09-20', name: '国庆节补班' }],
    });
    expect(cal.name).toBe(name);
    expect(cal.holidays).toEqual([{ date: '2028-02-29', name: '<b>闰日</b>' }]);
    // Saturday 22:00 → Sunday 02:00, then the make-up Sunday opens with Monday's 24 hours: 26 hours, counted once.
    expect(await ok(t, 200, 'POST', `${base}/${cal.id}/compute`, admin, { from: '2026-09-19T00:00:00+08:00', to: '2026-09-21T00:00:00+08:00' })).toEqual({ minutes: (2 + 24) * 60 });
  });
});

describe('who may do what', () => {
  it('lets agents and supervisors read and compute but not write; customers see nothing', async () => {
    const cal = await defaultCalendar();
    for (const role of ['agent', 'supervisor'] as const) {
      const { cookie } = await t.staff(role);
      expect((await ok(t, 200, 'GET', base, cookie)).items.length).toBeGreaterThan(0);
      await ok(t, 200, 'GET', `${base}/${cal.id}`, cookie);
      await ok(t, 200, 'POST', `${base}/${cal.id}/compute`, cookie, { start: '2026-03-02T09:00:00Z', minutes: 5 });
      expectProblem(await t.call('POST', base, cookie, { name: unique('x'), timeZone: 'UTC' }), 403, 'forbidden');
      expectProblem(await t.call('PATCH', `${base}/${cal.id}`, cookie, { name: 'x' }), 403, 'forbidden');
      expectProblem(await t.call('POST', `${base}/${cal.id}/import`, cookie, { format: 'json', content: '{}' }), 403, 'forbidden');
      expectProblem(await t.call('DELETE', `${base}/${cal.id}`, cookie), 403, 'forbidden');
    }
    const customer = await t.customerUser();
    expectProblem(await t.call('GET', base, customer.cookie), 403, 'forbidden');
    expectProblem(await t.call('GET', `${base}/${cal.id}`, customer.cookie), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${cal.id}/compute`, customer.cookie, { start: '2026-03-02T09:00:00Z', minutes: 5 }), 404, 'not_found');
  });
});

// Business calendars: an admin opens the default calendar a fresh install ships (Asia/Shanghai,
// 2026 holidays), adds Saturday-morning hours (and sees an overlap refused before saving), marks a
// date as a company holiday by clicking it in the month view, imports an .ics file of next year's
// holidays, asks the what-if calculator for a due time across Golden Week, and creates and deletes
// a second calendar. The server's stored calendar is checked after each change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, apiOf, check } from './lib/steps.mjs';

export const name = 'business calendars: weekly hours, month view, import, what-if, create and delete';

const zh = text['zh-CN'];
const bc = zh.businessCalendars;
const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k]));

const ics = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kefu e2e//CN',
  'BEGIN:VEVENT', 'UID:2027-yuandan@example.com', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270104', 'SUMMARY:元旦 假期', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:2027-bu@example.com', 'DTSTART;VALUE=DATE:20270207', 'SUMMARY:春节 补班', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

export async function run({ page, baseURL, admin, root }) {
  const shots = process.env.E2E_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-shots-'));
  const shoot = async (file) => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shots, file), fullPage: true });
  };
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);

  // The menu leads to the list; the shipped default calendar is there.
  await page.getByRole('menuitem', { name: bc.nav }).click();
  await page.waitForURL(/\/admin\/business-calendars$/);
  const defaultRow = page.getByRole('row').filter({ hasText: '标准工作日历' });
  await expectVisible(defaultRow.getByText(bc.default, { exact: true }), 'the default calendar marked as default');
  await expectVisible(defaultRow.getByText('Asia/Shanghai'), 'its time zone');
  await defaultRow.getByRole('link').click();
  await page.waitForURL(/\/admin\/business-calendars\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop();
  let stored = await api('GET', `/business-calendars/${id}`);
  const year = new Date().getFullYear();
  const inYear = (list) => list.filter((d) => d.date.startsWith(`${year}-`)).length;
  await expectVisible(page.getByText(fill(bc.yearSummary, { year, holidays: inYear(stored.holidays), workdays: inYear(stored.workdays) })), 'the year summary under the month view');

  // Weekly hours: an overlapping period is refused before saving; a Saturday morning is saved.
  await page.getByLabel(`${bc.weekdays['1']} 2 ${bc.start}`).fill('11:00');
  await expectVisible(page.getByText(bc.rules.overlap), 'the overlap named under the period');
  const saveHours = page.getByRole('button', { name: zh.common.save, exact: true }).first();
  if (await saveHours.isEnabled()) throw new Error('save is enabled while two periods overlap');
  await page.getByRole('button', { name: zh.common.reset }).click();
  const saturday = page.getByRole('group', { name: bc.weekdays['6'], exact: true });
  await saturday.getByRole('button', { name: bc.addPeriod }).click();
  await page.getByLabel(`${bc.weekdays['6']} 1 ${bc.end}`).fill('12:00');
  await shoot('business-calendar-hours.png');
  await saveHours.click();
  await expectVisible(page.locator('.ant-message-notice').getByText(zh.common.saved), 'the saved message');
  stored = await api('GET', `/business-calendars/${id}`);
  if (JSON.stringify(stored.weekly['6']) !== JSON.stringify([{ start: '09:00', end: '12:00' }])) throw new Error(`Saturday hours on the server: ${JSON.stringify(stored.weekly['6'])}`);

  // Month view: the 15th of the shown month becomes a company holiday.
  const now = new Date();
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-15`;
  await page.locator(`td[title="${day}"]`).click();
  const dialog = page.getByRole('dialog');
  await check(dialog.getByLabel(bc.kinds.holiday));
  await dialog.getByLabel(bc.dateName).fill('公司年会');
  await dialog.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expectVisible(page.locator(`td[title="${day}"]`).getByText(`${bc.holidayMark} 公司年会`), 'the holiday tag on the date');
  stored = await api('GET', `/business-calendars/${id}`);
  if (!stored.holidays.some((h) => h.date === day && h.name === '公司年会')) throw new Error(`${day} is not a holiday on the server`);
  await shoot('business-calendar-month.png');

  // Import next year's dates from an .ics file.
  await page.getByRole('button', { name: bc.import }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog.locator('input[type=file]').setInputFiles({ name: 'holidays-2027.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
  await expectVisible(importDialog.getByText('holidays-2027.ics'), 'the picked file name');
  await importDialog.getByRole('button', { name: bc.importRun, exact: true }).click();
  await expectVisible(page.getByText(fill(bc.importDone, { holidays: 3, workdays: 1 })), 'the import summary');
  stored = await api('GET', `/business-calendars/${id}`);
  if (!stored.workdays.some((w) => w.date === '2027-02-07')) throw new Error('the imported make-up day is missing on the server');

  // What-if: 61 business minutes from the evening before Golden Week.
  const start = page.getByLabel(bc.startLabel);
  await start.click();
  await start.fill('2026-09-30 17:00');
  await start.press('Enter');
  await page.getByLabel(bc.targetLabel).fill('61');
  await page.locator('.ant-select').filter({ hasText: bc.units.hours }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(bc.units.minutes, { exact: true }).click();
  await page.getByRole('button', { name: bc.compute }).click();
  const zoned = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date('2026-10-08T01:01:00Z'));
  await expectVisible(page.getByText(zoned, { exact: true }), `the due time ${zoned}`);
  await shoot('business-calendar-what-if.png');

  // A second calendar from the default, then deleted again.
  await page.goto(`${baseURL}/admin/business-calendars`);
  await page.getByRole('button', { name: bc.create }).click();
  await page.getByLabel(bc.name).fill('纽约售后');
  await page.getByLabel(bc.timeZone).click();
  await page.keyboard.type('America/New_York');
  await page.locator('.ant-select-dropdown:visible').getByTitle('America/New_York', { exact: true }).click();
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await page.waitForURL((u) => /\/admin\/business-calendars\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(id));
  await expectVisible(page.getByText('America/New_York'), 'the new calendar\'s time zone');
  const created = await api('GET', `/business-calendars/${page.url().split('/').pop()}`);
  if (created.holidays.length !== stored.holidays.length) throw new Error('the new calendar did not copy the default calendar\'s holidays');
  await page.getByRole('button', { name: new RegExp(`${zh.common.delete}$`) }).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: zh.common.delete, exact: true }).click();
  await page.waitForURL(/\/admin\/business-calendars$/);
  await page.getByRole('row').filter({ hasText: '纽约售后' }).waitFor({ state: 'detached' });
}

// SLA: an admin writes a policy in the admin UI — urgent tickets must get a first response within
// one minute of calendar time; at 50% the assignee is warned, one minute after the breach the
// managers are told and the ticket goes to escalation level 2. An urgent ticket assigned to the
// admin is opened in the browser, and without reloading the page the countdown ticks, the warning
// arrives on the timeline (~30 s), the badge turns red at the breach (~60 s) and the ticket is
// escalated to L2 (~120 s), all pushed over the WebSocket by the server's timer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, apiOf, choose, realtimeAvailable, check } from './lib/steps.mjs';

export const name = 'SLA: policy from the admin UI; a 1-minute target counts down, warns, breaches and escalates live';

const zh = text['zh-CN'];
const sla = zh.sla;
const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k]));
/** Each live step is bounded; the timer fires within seconds of its due time. */
const STEP_WAIT_MS = 150_000;

async function waitFor(what, check, timeout = STEP_WAIT_MS) {
  try {
    await check(timeout);
  } catch {
    throw new Error(`expected ${what} within ${timeout / 1000} s`);
  }
}

export async function run({ page, baseURL, admin, root }) {
  const shots = process.env.E2E_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-shots-'));
  const policyName = '紧急工单一分钟响应';
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);

  // The admin menu leads to the policies; a new one is written in the editor.
  await page.getByRole('menuitem', { name: sla.policies.nav }).click();
  await page.waitForURL(/\/admin\/sla-policies$/);
  await page.getByRole('button', { name: sla.policies.create }).click();
  await page.waitForURL(/\/admin\/sla-policies\/new$/);
  await page.getByLabel(sla.policies.name, { exact: true }).fill(policyName);
  await choose(page, page.getByLabel(zh.tickets.fields.priority, { exact: true }), zh.tickets.priority.urgent);

  // Targets: first response in 0 h 1 min of calendar time; next response and resolution off.
  const first = page.getByRole('group', { name: sla.target.first_response, exact: true });
  await first.getByLabel(`${sla.target.first_response} ${sla.targets.hours}`).fill('0');
  await first.getByLabel(`${sla.target.first_response} ${sla.targets.minutes}`).fill('1');
  await first.getByText(sla.targets.calendar, { exact: true }).click();
  const resolutionSwitch = page.getByRole('switch', { name: fill(sla.targets.enable, { target: sla.target.resolution }) });
  if ((await resolutionSwitch.getAttribute('aria-checked')) === 'true') await resolutionSwitch.click();

  // Rule 1: at 50% tell the assignee (the defaults name the assignee; 75% becomes 50%).
  await page.getByRole('button', { name: sla.steps.add }).click();
  const rule1 = page.getByRole('group', { name: fill(sla.steps.step, { n: 1 }), exact: true });
  await rule1.getByLabel(`${fill(sla.steps.step, { n: 1 })} ${sla.steps.percent}`).fill('50');

  // Rule 2: one minute after the breach tell the managers and raise the ticket to level 2.
  await page.getByRole('button', { name: sla.steps.add }).click();
  const rule2Name = fill(sla.steps.step, { n: 2 });
  const rule2 = page.getByRole('group', { name: rule2Name, exact: true });
  await choose(page, rule2.getByLabel(`${rule2Name} ${sla.steps.trigger}`), sla.steps.afterBreach);
  await rule2.getByLabel(`${rule2Name} ${sla.steps.minutesAfter}`).fill('1');
  await rule2.getByLabel(sla.audience.assignee, { exact: true }).uncheck();
  await check(rule2.getByLabel(sla.audience.managers, { exact: true }));
  await choose(page, rule2.getByLabel(`${rule2Name} ${sla.steps.raise}`), sla.escalation.levelName['2']);
  if (process.env.E2E_SCREENSHOTS === '1') await page.screenshot({ path: path.join(shots, 'sla-policy-editor.png'), fullPage: true });
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await page.waitForURL(/\/admin\/sla-policies$/);
  await expectVisible(page.getByRole('row').filter({ hasText: policyName }), 'the new policy in the list');

  // The server holds exactly what the form said.
  const { items } = await api('GET', '/sla-policies');
  const policy = items.find((p) => p.name === policyName);
  if (!policy) throw new Error('the policy was not stored');
  const want = {
    conditions: { priorities: ['urgent'] },
    targets: { first_response: { minutes: 1, businessTime: false } },
    escalations: [
      { target: 'first_response', atPercent: 50, notify: ['assignee'] },
      { target: 'first_response', afterBreachMinutes: 1, notify: ['managers'], raiseToLevel: 2 },
    ],
  };
  const got = { conditions: policy.conditions, targets: policy.targets, escalations: policy.escalations };
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`stored policy differs: ${JSON.stringify(got)}`);

  // An urgent ticket for the admin: the policy applies from its opening.
  const me = await api('GET', '/me');
  const customer = await api('POST', '/customers', { name: '周敏', emails: ['zhou.min@example.com'] });
  const ticket = await api('POST', '/tickets', {
    subject: '生产线停机，急需远程支持', body: '三号线控制器报错，整条线停了。', priority: 'urgent', channel: 'phone',
    requesterId: customer.id, assigneeId: me.user.id,
  });
  if (ticket.sla?.policyId !== policy.id) throw new Error(`the ticket did not take the policy: ${JSON.stringify(ticket.sla)}`);

  await page.goto(`${baseURL}/agent/tickets/${ticket.id}`);
  if (!(await realtimeAvailable(page))) throw new Error('the realtime WebSocket is not available');
  // From here on the page is never reloaded: every change must arrive by itself.
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });

  const badge = page.getByTestId('ticket-sla').getByTestId('sla-badge');
  await expectVisible(badge, 'the SLA badge in the ticket header');
  const before = await badge.textContent();
  if ((await badge.getAttribute('data-state')) !== 'running') throw new Error(`the badge reads ${before} before the breach`);
  await page.waitForTimeout(2500);
  const after = await badge.textContent();
  if (before === after) throw new Error(`the countdown does not tick: still "${after}" after 2.5 s`);

  const events = page.getByTestId('timeline-event');
  const warningText = fill(sla.timeline.warning, { target: sla.target.first_response, percent: 50 });
  await waitFor('the 50% warning on the timeline', (timeout) =>
    events.filter({ hasText: warningText }).first().waitFor({ state: 'visible', timeout }));

  await waitFor('the badge to turn red at the breach', (timeout) =>
    page.waitForFunction(() => document.querySelector('[data-testid="ticket-sla"] [data-testid="sla-badge"]')?.getAttribute('data-state') === 'breached', null, { timeout }));
  const overdue = fill(sla.state.overdue, { time: '' }).trim();
  if (!(await badge.textContent())?.includes(overdue)) throw new Error(`the breached badge does not say "${overdue}": ${await badge.textContent()}`);
  await waitFor('the breach on the timeline', (timeout) =>
    events.filter({ hasText: fill(sla.timeline.breached, { target: sla.target.first_response }) }).first().waitFor({ state: 'visible', timeout }));

  await waitFor('the escalation to level 2 in the header', (timeout) =>
    page.locator('[data-testid="escalation-tag"][data-level="2"]').first().waitFor({ state: 'visible', timeout }));
  await expectVisible(events.filter({ hasText: fill(sla.timeline.escalatedBySla, { to: 2 }) }), 'the escalation on the timeline');
  if (navigations > 0) throw new Error('the page was reloaded while waiting for the SLA steps');
  await page.screenshot({ path: path.join(shots, 'sla-ticket-escalated.png'), fullPage: true });

  // The server agrees, and the ticket now sits in the escalation queue with its red badge.
  const stored = await api('GET', `/tickets/${ticket.id}`);
  const target = stored.sla?.targets.find((t) => t.target === 'first_response');
  if (stored.escalationLevel !== 2 || target?.state !== 'breached') throw new Error(`server ticket: level ${stored.escalationLevel}, first response ${target?.state}`);
  await page.getByRole('link', { name: zh.tickets.queue.back }).click();
  await page.getByRole('menuitem', { name: zh.tickets.views.escalated, exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: ticket.subject });
  await expectVisible(row.locator('[data-testid="sla-badge"][data-state="breached"]'), 'the red badge in the escalation queue');
  await expectVisible(row.locator('[data-testid="escalation-tag"][data-level="2"]'), 'the level-2 tag in the escalation queue');
}

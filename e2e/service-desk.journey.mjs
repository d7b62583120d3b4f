// Service desk: an agent takes a complaint from the queue, replies with a canned response, records
// the remedy and the customer's confirmation, resolves it and completes the follow-up call, while
// an admin with the same ticket open in another browser sees the change arrive without reloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, choose, realtimeAvailable, check } from './lib/steps.mjs';

export const name = 'service desk: agent works a complaint from queue to follow-up; a colleague sees it live';

const zh = text['zh-CN'];
/** How long the second browser waits for a change to arrive by itself. */
const LIVE_WAIT_MS = 10_000;

/** An API client signed in as one user, with its own cookie jar (a browser context's request). */
async function apiAs(context, baseURL, email, password) {
  const login = await context.request.post(`${baseURL}/api/v1/auth/login`, { data: { email, password } });
  if (!login.ok()) throw new Error(`sign-in of ${email} answered ${login.status()}`);
  return async (method, url, data) => {
    const res = await context.request.fetch(`${baseURL}/api/v1${url}`, { method, data });
    if (!res.ok()) throw new Error(`${method} ${url} answered ${res.status()}: ${await res.text()}`);
    return res.status() === 204 ? null : res.json();
  };
}

export async function run({ page, context, baseURL, admin, root }) {
  const shots = process.env.E2E_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-shots-'));
  const agent = { name: '李强', email: 'li.qiang@example.com', password: 'agent-pass-12345' };
  const customer = { name: '孙丽', email: 'sun.li@example.com' };
  const subject = '冰箱配送延误一周仍未送达';

  // A second browser for the admin, who also seeds the data through the API.
  const adminContext = await context.browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  try {
    const api = await apiAs(adminContext, baseURL, admin.email, admin.password);
    const team = await api('POST', '/teams', { name: '投诉处理组', description: '投诉受理、调查与回访' });
    await api('POST', '/users', { email: agent.email, name: agent.name, role: 'agent', password: agent.password, teamIds: [team.id] });
    const requester = await api('POST', '/customers', { name: customer.name, emails: [customer.email], phones: ['+86 137 0000 1234'] });
    await api('POST', '/canned-responses', {
      title: '投诉受理确认',
      body: '<p>您好 {{customer.name}}，您的工单 {{ticket.number}} 已收到。</p>',
      scope: 'shared',
    });
    const ticket = await api('POST', '/tickets', {
      subject,
      body: '上周下单的冰箱到现在还没送到，打了三次电话都说在路上。',
      type: 'complaint',
      channel: 'phone',
      requesterId: requester.id,
      teamId: team.id,
      complaint: { category: 'delivery_delay', impact: 'normal' },
    });

    // The agent signs in and finds the complaint among the unassigned tickets.
    await signIn(page, baseURL, agent, /\/agent$/);
    await page.getByRole('menuitem', { name: zh.tickets.nav, exact: true }).click();
    await page.waitForURL(/\/agent\/tickets/);
    await page.getByRole('menuitem', { name: zh.tickets.views.unassigned, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: subject });
    await expectVisible(row, 'the complaint in the unassigned view');
    await expectVisible(row.getByText(zh.tickets.category.delivery_delay), 'the complaint badge with its category');
    await row.getByRole('link', { name: subject }).click();
    await page.waitForURL(new RegExp(`/agent/tickets/${ticket.id}$`));
    const status = page.getByTestId('ticket-status');
    await expectVisible(status.getByText(zh.tickets.status.new, { exact: true }), 'the ticket as new');

    // The admin opens the same ticket in the other browser.
    const adminPage = await adminContext.newPage();
    const adminErrors = [];
    adminPage.on('pageerror', (e) => adminErrors.push(e.message));
    await adminPage.goto(`${baseURL}/agent/tickets/${ticket.id}`);
    const adminStatus = adminPage.getByTestId('ticket-status');
    await expectVisible(adminStatus.getByText(zh.tickets.status.new, { exact: true }), 'the ticket in the admin\'s browser');
    const live = await realtimeAvailable(adminPage);

    // Take it: assigned to me, and a new ticket becomes open.
    await page.getByRole('button', { name: zh.tickets.props.assignToMe }).click();
    await expectVisible(status.getByText(zh.tickets.status.open, { exact: true }), 'the ticket open after taking it');
    await expectVisible(page.getByTestId('timeline-event').filter({ hasText: agent.name }), 'the assignment on the timeline');

    // Collision warning: the agent sees the admin on the ticket, and a warning while the admin types.
    if (live) {
      await expectVisible(page.getByTestId('ticket-viewers'), 'the admin among the viewers', LIVE_WAIT_MS);
      const adminReply = adminPage.getByLabel(zh.tickets.reply.publicLabel);
      await adminReply.fill('我也在跟进这个投诉');
      const warning = page.getByTestId('collision-warning');
      await expectVisible(warning.filter({ hasText: admin.name }), 'the "is replying" warning naming the admin', LIVE_WAIT_MS);
      await adminReply.fill('');
      await warning.waitFor({ state: 'detached', timeout: LIVE_WAIT_MS }).catch(() => {
        throw new Error('the "is replying" warning stayed after the admin cleared the draft');
      });
    }

    // Reply with the canned response: the customer's name and the ticket number are filled in.
    await page.getByRole('button', { name: zh.cannedResponses.insert }).click();
    await page.getByRole('option').filter({ hasText: '投诉受理确认' }).click();
    const replyBox = page.getByLabel(zh.tickets.reply.publicLabel);
    const expected = `您好 ${customer.name}，您的工单 #${ticket.number} 已收到。`;
    await page.waitForFunction(
      ([label, want]) => document.querySelector(`textarea[aria-label="${label}"]`)?.value.includes(want),
      [zh.tickets.reply.publicLabel, expected],
    ).catch(async () => {
      throw new Error(`expected the reply box to hold "${expected}", it holds "${await replyBox.inputValue()}"`);
    });
    await page.getByRole('button', { name: zh.tickets.reply.send }).click();
    await expectVisible(page.getByTestId('timeline-message').filter({ hasText: expected }), 'the sent reply on the timeline');

    // Investigation and remedy.
    const complaintPanel = page.getByTestId('complaint-panel');
    await complaintPanel.getByLabel(zh.tickets.complaint.rootCause).fill('承运商中转仓爆仓，订单被漏发');
    await choose(page, complaintPanel.getByLabel(zh.tickets.complaint.remedies), zh.tickets.remedy.compensation);
    await complaintPanel.getByRole('button', { name: zh.tickets.complaint.save }).click();
    await expectVisible(
      page.getByTestId('timeline-event').filter({ hasText: zh.tickets.remedy.compensation }),
      'the remedy on the timeline',
    );

    // The customer confirms the remedy.
    await complaintPanel.getByRole('button', { name: zh.tickets.complaint.recordConfirmation }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(zh.tickets.complaint.confirmationNote).fill('客户接受 200 元补偿，约定明天送达');
    await dialog.getByRole('button', { name: zh.common.save, exact: true }).click();
    await expectVisible(complaintPanel.getByText(zh.tickets.complaint.confirmation.confirmed), 'the recorded confirmation');

    // Resolve.
    await choose(page, page.getByLabel(zh.tickets.fields.status, { exact: true }), zh.tickets.status.resolved);
    await page.getByRole('button', { name: zh.common.save, exact: true }).click();
    await expectVisible(status.getByText(zh.tickets.status.resolved, { exact: true }), 'the ticket resolved');

    // The admin's browser shows the new status by itself.
    let liveResult;
    try {
      await adminStatus.getByText(zh.tickets.status.resolved, { exact: true }).waitFor({ state: 'visible', timeout: LIVE_WAIT_MS });
      liveResult = 'the admin\'s open ticket page turned 已解决 without a reload';
    } catch {
      if (live) throw new Error(`the realtime endpoint is up, yet the admin's page did not show "${zh.tickets.status.resolved}" within ${LIVE_WAIT_MS / 1000} s`);
      liveResult = `NOT live: /api/v1/realtime is not served yet, the admin's page did not change within ${LIVE_WAIT_MS / 1000} s (it polls every 30 s meanwhile)`;
    }
    console.log(`     live update: ${liveResult}; realtime endpoint ${live ? 'up (presence and collision warning checked)' : 'absent'}`);
    if (adminErrors.length) throw new Error(`uncaught errors in the admin's page: ${adminErrors.join(' | ')}`);

    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, 'ticket-page.png') });

    // The follow-up call, booked by resolving the complaint.
    await page.getByRole('menuitem', { name: zh.followUps.nav, exact: true }).click();
    await page.waitForURL(/\/agent\/follow-ups$/);
    const followUp = page.getByRole('row').filter({ hasText: subject });
    await expectVisible(followUp, 'the follow-up for the complaint');
    await followUp.getByRole('button', { name: zh.followUps.complete }).click();
    const followUpDialog = page.getByRole('dialog');
    await check(followUpDialog.getByLabel(zh.followUps.outcome.satisfied, { exact: true }));
    await followUpDialog.getByLabel(zh.followUps.note).fill('客户已收到冰箱，对处理结果满意');
    await followUpDialog.getByRole('button', { name: zh.common.save, exact: true }).click();
    await expectVisible(page.getByText(zh.followUps.completed), 'the completed message');
    await page.getByText(zh.followUps.done, { exact: true }).click();
    await expectVisible(page.getByRole('row').filter({ hasText: subject }).getByText(zh.followUps.outcome.satisfied), 'the follow-up done as satisfied');

    // The complaint's timeline tells the whole story.
    await page.goto(`${baseURL}/agent/tickets/${ticket.id}`);
    await expectVisible(page.getByTestId('timeline-event').filter({ hasText: zh.followUps.outcome.satisfied }), 'the completed follow-up on the timeline');
  } finally {
    await adminContext.close();
  }
}

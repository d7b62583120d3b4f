// Notifications: an admin assigns a ticket (with markup in its subject) to an agent; with no SMTP
// server configured the worker keeps the mail in the outbox, where the admin reads it — the HTML
// part in a sandboxed frame, the subject shown as text, not markup. The agent then follows the
// mail's link to the ticket and turns assignment mail off in the profile's notification settings.
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, apiOf } from './lib/steps.mjs';

export const name = 'notifications: assignment mail in the outbox, sandboxed HTML, mail link, preferences';

const zh = text['zh-CN'];
const PASSWORD = 'agent-pass-2026';

export async function run({ page, baseURL, admin }) {
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);
  const stamp = Date.now().toString(36);
  const agent = { email: `notify.${stamp}@example.com`, name: '周婷', password: PASSWORD };
  const created = await api('POST', '/users', { ...agent, role: 'agent' });
  const customer = await api('POST', '/customers', { name: `客户 ${stamp}` });
  const subject = `<b>加粗</b> 发票抬头错误 ${stamp}`;
  const ticket = await api('POST', '/tickets', { subject, requesterId: customer.id, assigneeId: created.id });

  // The worker sends (here: keeps) the mail a moment later.
  let listed;
  for (let i = 0; i < 40 && !listed; i++) {
    listed = (await api('GET', `/outbox?to=${encodeURIComponent(agent.email)}`)).items[0];
    if (!listed) await page.waitForTimeout(250);
  }
  if (!listed) throw new Error('no mail reached the outbox');

  await page.getByRole('menuitem', { name: zh.nav.outbox }).click();
  await page.waitForURL(/\/admin\/outbox$/);
  await page.getByLabel(zh.outbox.to).fill(agent.email);
  await page.getByLabel(zh.outbox.to).press('Enter');
  const row = page.getByRole('row').filter({ hasText: agent.email });
  await expectVisible(row.getByText(`[Kefu #${ticket.number}] 分配给您：${subject}`, { exact: true }), 'the mail subject, markup shown as text');
  await row.getByRole('button', { name: zh.outbox.view }).click();

  const drawer = page.getByRole('dialog');
  await expectVisible(drawer.getByText(zh.outbox.detailTitle), 'the mail drawer');
  const frame = drawer.locator('iframe');
  await frame.waitFor();
  if ((await frame.getAttribute('sandbox')) !== '') throw new Error('the HTML frame is not fully sandboxed');
  const inner = page.frameLocator('[role="dialog"] iframe');
  await expectVisible(inner.getByText(`${subject}`, { exact: false }), 'the subject inside the HTML part, as text');
  if (await inner.locator('b').count()) throw new Error('markup from the ticket subject was rendered in the mail');
  await drawer.getByRole('tab', { name: zh.outbox.text }).click();
  const link = `/tickets/${ticket.id}`;
  await expectVisible(drawer.getByText(link, { exact: false }), 'the ticket link in the plain-text part');
  await drawer.getByRole('tab', { name: zh.outbox.headers }).click();
  await expectVisible(drawer.getByText('auto-generated'), 'the Auto-Submitted header');
  await page.keyboard.press('Escape');

  // The agent follows the mail's link and lands on the ticket.
  await page.getByRole('button', { name: admin.name }).click();
  await page.getByRole('menuitem', { name: zh.nav.signOut }).click();
  await page.waitForURL(/\/login/);
  await page.goto(`${baseURL}${link}`);
  await page.waitForURL(/\/login/);
  await signIn(page, null, agent, new RegExp(`/agent/tickets/${ticket.id}$`));

  // Notification settings in the profile: assignment mail off, saved at once.
  await page.getByRole('button', { name: agent.name }).click();
  await page.getByRole('menuitem', { name: zh.nav.profile }).click();
  await page.getByRole('tab', { name: zh.profile.tabs.notifications }).click();
  const assignedEmail = page.getByRole('switch', { name: `${zh.notificationPreferences.kinds['ticket.assigned']} · ${zh.notificationPreferences.email}` });
  await assignedEmail.waitFor();
  if ((await assignedEmail.getAttribute('aria-checked')) !== 'true') throw new Error('assignment mail is not on by default');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/notification-preferences') && r.request().method() === 'PUT' && r.ok());
  await assignedEmail.click();
  await saved;
  const prefs = await api('GET', '/me/notification-preferences');
  const assigned = prefs.items.find((p) => p.kind === 'ticket.assigned');
  if (assigned.email !== false || assigned.inApp !== true) throw new Error(`stored preference is ${JSON.stringify(assigned)}`);
}

// Ticket tools: an admin saves queue filters as a shared view and reopens it, raises two tickets'
// priority in one bulk change (and sees a refused one named with its reason), merges a duplicate
// into the requester's other ticket and follows the banner back, and splits a second question off
// into a ticket of its own. The tickets are created through the API; everything else is the UI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, apiOf, choose, check } from './lib/steps.mjs';

export const name = 'ticket tools: saved view, bulk update, merge with banner, split a message';

const zh = text['zh-CN'];
const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k]));

async function seed(api) {
  const requester = await api('POST', '/customers', { name: '周杰', emails: ['zhou.jie@example.com'], phones: ['+86 136 0000 5678'] });
  const ticket = (subject, body, tags) => api('POST', '/tickets', { subject, body, channel: 'phone', requesterId: requester.id, tags });
  const wrongTitle = await ticket('发票抬头开错了，需要重开', '上周开的发票抬头写成了个人，应为上海云帆科技有限公司。', ['发票']);
  const missing = await ticket('发票寄出后一直没收到', '说是寄出发票十天了还没收到，麻烦查一下快递单号。', ['发票']);
  const install = await ticket('空调安装预约', '新买的空调想约周六上午上门安装。', []);
  await api('POST', `/tickets/${install.id}/messages`, { body: '客户来电补充：另外想了解延保服务怎么购买、价格多少。' });
  return { wrongTitle, missing, install };
}

export async function run({ page, baseURL, admin, root }) {
  const shots = process.env.E2E_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-shots-'));
  const shoot = async (file) => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400); // let a modal finish opening
    await page.screenshot({ path: path.join(shots, file) });
  };
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);
  const { wrongTitle, missing, install } = await seed(api);
  const rowOf = (ticket) => page.getByRole('row').filter({ hasText: ticket.subject });
  const viewName = '发票问题';

  // Filter the unresolved tickets by tag and save that as a shared view.
  await page.goto(`${baseURL}/agent/tickets`);
  // A click that lands while the queue is still rendering can be lost; saving then would capture
  // the default view's "assigned to me" instead of the unresolved view.
  const unresolved = page.getByRole('menuitem', { name: zh.tickets.views.unresolved, exact: true });
  for (let attempt = 0; attempt < 3 && !new URL(page.url()).searchParams.has('view', 'unresolved'); attempt++) {
    await unresolved.click();
    await page.waitForURL((u) => u.searchParams.get('view') === 'unresolved', { timeout: 5_000 }).catch(() => undefined);
  }
  if (new URL(page.url()).searchParams.get('view') !== 'unresolved') throw new Error('the unresolved view did not open');
  await page.getByRole('button', { name: zh.tickets.filters.more }).click();
  const tagFilter = page.getByLabel(zh.tickets.filters.tag);
  await tagFilter.fill('发票');
  await tagFilter.press('Enter');
  await page.waitForURL(/tag=/);
  await expectVisible(rowOf(wrongTitle), 'the first invoice ticket under the tag filter');
  await expectVisible(rowOf(missing), 'the second invoice ticket under the tag filter');
  await rowOf(install).waitFor({ state: 'detached' }).catch(() => {
    throw new Error('the tag filter still shows the installation ticket');
  });

  await page.getByRole('button', { name: zh.ticketTools.views.save }).click();
  const saveDialog = page.getByRole('dialog');
  await saveDialog.getByLabel(zh.ticketTools.views.name).fill(viewName);
  await check(saveDialog.getByLabel(zh.ticketTools.views.scopeShared));
  await saveDialog.getByRole('button', { name: zh.common.save, exact: true }).click();
  const savedItem = page.getByTestId('saved-view').filter({ hasText: viewName });
  await expectVisible(savedItem.getByRole('link', { name: viewName }), 'the new view in the rail');
  await page.waitForURL(/savedView=/);
  await expectVisible(page.getByText(zh.ticketTools.views.shared, { exact: true }), 'the shared views heading');

  // Leave for another view, then reopen the saved one, also after a reload.
  await page.getByRole('menuitem', { name: zh.tickets.views.mine, exact: true }).click();
  await page.waitForURL((u) => !u.search.includes('tag='));
  await savedItem.getByRole('link', { name: viewName }).click();
  await page.waitForURL(/savedView=.*tag=/);
  await page.reload();
  await expectVisible(page.locator('[data-testid="saved-view"].is-active').filter({ hasText: viewName }), 'the saved view marked as open after a reload');
  await expectVisible(rowOf(wrongTitle), 'the first invoice ticket in the reopened view');
  await expectVisible(rowOf(missing), 'the second invoice ticket in the reopened view');
  await expectVisible(savedItem.getByTestId('view-count').filter({ hasText: /^2$/ }), "the saved view's live count");

  // Bulk: both to urgent in one go.
  const selectRow = (ticket) => page.getByRole('checkbox', { name: fill(zh.ticketTools.bulk.selectRow, { number: `#${ticket.number}` }) });
  await check(selectRow(wrongTitle));
  await check(selectRow(missing));
  const bar = page.getByRole('toolbar', { name: zh.ticketTools.bulk.title });
  await expectVisible(bar.getByText(fill(zh.ticketTools.bulk.selected, { count: 2 })), 'the bulk bar with two selected');
  await choose(page, bar.getByLabel(zh.ticketTools.bulk.priority), zh.tickets.priority.urgent);
  await shoot('queue-bulk-saved-views.png');
  await bar.getByRole('button', { name: fill(zh.ticketTools.bulk.apply, { count: 2 }) }).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: zh.ticketTools.bulk.applyOk, exact: true }).click();
  const result = page.getByTestId('bulk-result');
  await expectVisible(result.getByText(fill(zh.ticketTools.bulk.updated, { count: 2 })), 'the result naming two updated tickets');
  await expectVisible(rowOf(wrongTitle).getByText(zh.tickets.priority.urgent), 'the first ticket shown as urgent');
  await expectVisible(rowOf(missing).getByText(zh.tickets.priority.urgent), 'the second ticket shown as urgent');
  for (const t of [wrongTitle, missing]) {
    const stored = await api('GET', `/tickets/${t.id}`);
    if (stored.priority !== 'urgent') throw new Error(`ticket #${t.number} is ${stored.priority} on the server, not urgent`);
  }

  // A move the status machine refuses (new → closed) is reported ticket by ticket.
  await check(selectRow(wrongTitle));
  await choose(page, bar.getByLabel(zh.ticketTools.bulk.status), zh.tickets.status.closed);
  await bar.getByRole('button', { name: fill(zh.ticketTools.bulk.apply, { count: 1 }) }).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: zh.ticketTools.bulk.applyOk, exact: true }).click();
  await expectVisible(result.getByText(fill(zh.ticketTools.bulk.failed, { count: 1 })), 'the refused ticket counted');
  await expectVisible(result.getByText(`#${wrongTitle.number}`), 'the refused ticket named by its number');
  await shoot('queue-bulk-result.png');
  await bar.getByRole('button', { name: zh.ticketTools.bulk.clear }).click();

  // Merge the second invoice ticket into the first; the survivor opens.
  await rowOf(missing).getByRole('link', { name: missing.subject }).click();
  await page.waitForURL(new RegExp(`/agent/tickets/${missing.id}$`));
  await page.getByRole('button', { name: zh.ticketTools.more }).click();
  await page.getByRole('menuitem', { name: zh.ticketTools.merge.action }).click();
  const mergeDialog = page.getByRole('dialog');
  const candidate = mergeDialog.getByTestId('merge-candidate').filter({ hasText: wrongTitle.subject });
  const other = mergeDialog.getByTestId('merge-candidate').filter({ hasText: install.subject });
  await expectVisible(candidate, 'the other invoice ticket offered to merge into');
  await expectVisible(other, 'the requester\'s third ticket offered too');
  await mergeDialog.getByLabel(zh.ticketTools.merge.search).fill(`#${wrongTitle.number}`);
  await other.waitFor({ state: 'detached' }).catch(() => {
    throw new Error('the number search still offers the installation ticket');
  });
  await candidate.click();
  await mergeDialog.getByRole('button', { name: zh.ticketTools.merge.next, exact: true }).click();
  await page.getByRole('button', { name: zh.ticketTools.merge.ok, exact: true }).click();
  await page.waitForURL(new RegExp(`/agent/tickets/${wrongTitle.id}$`));
  await expectVisible(
    page.getByTestId('timeline-event').filter({ hasText: fill(zh.ticketTools.timeline.merged, { number: `#${missing.number}`, messages: 1 }) }),
    'the merge on the survivor\'s timeline',
  );
  await expectVisible(page.getByTestId('timeline-message').filter({ hasText: '十天了还没收到' }), 'the merged ticket\'s message on the survivor');

  // The merged ticket points at the survivor.
  await page.goto(`${baseURL}/agent/tickets/${missing.id}`);
  const banner = page.getByTestId('merged-banner');
  await expectVisible(banner.getByText(fill(zh.ticketTools.merge.banner, { number: `#${wrongTitle.number}` })), 'the merged banner naming the survivor');
  await expectVisible(page.getByTestId('ticket-status').getByText(zh.tickets.status.closed, { exact: true }), 'the merged ticket closed');
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await shoot('ticket-merged-banner.png');
  await banner.getByRole('link', { name: fill(zh.ticketTools.merge.open, { number: `#${wrongTitle.number}` }) }).click();
  await page.waitForURL(new RegExp(`/agent/tickets/${wrongTitle.id}$`));

  // Split the customer's second question off the installation ticket.
  await page.goto(`${baseURL}/agent/tickets/${install.id}`);
  const question = page.getByTestId('timeline-message').filter({ hasText: '延保服务' });
  await expectVisible(question, 'the second question on the timeline');
  await question.getByRole('button', { name: zh.ticketTools.split.action }).click();
  const splitDialog = page.getByRole('dialog');
  await splitDialog.getByLabel(zh.ticketTools.split.subject).fill('延保服务购买咨询');
  await shoot('ticket-split.png');
  await splitDialog.getByRole('button', { name: zh.ticketTools.split.ok, exact: true }).click();
  await page.waitForURL((u) => /\/agent\/tickets\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(install.id));
  await expectVisible(page.getByRole('heading', { name: /延保服务购买咨询/ }), 'the new ticket\'s subject');
  await expectVisible(page.getByTestId('timeline-message').filter({ hasText: '延保服务' }), 'the message on the new ticket');
  await expectVisible(
    page.getByTestId('timeline-event').filter({ hasText: fill(zh.ticketTools.timeline.splitFrom, { number: `#${install.number}` }) }),
    'the new ticket naming where it was split from',
  );
  const left = await api('GET', `/tickets/${install.id}/timeline`);
  if (left.items.some((i) => i.kind === 'message' && i.bodyText.includes('延保服务'))) throw new Error('the split message is still on the installation ticket');
}

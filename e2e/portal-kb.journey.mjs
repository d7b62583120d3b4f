// Portal and knowledge base: the admin publishes an article in the editor; a customer signs up on
// the portal, verifies the address with the link from the outbox, searches the knowledge base in
// Chinese and finds nothing, submits a request with an attachment; the team publishes the answer
// and an agent replies inserting the article; the customer sees the reply arrive without a
// reload, confirms it solved the problem, rates the request (5 stars and a comment) and the article;
// the agent sees the rating on the ticket.
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { apiOf, expectVisible, realtimeAvailable, signIn } from './lib/steps.mjs';
import { signUpCustomer } from './lib/portal-steps.mjs';

export const name = 'Portal and knowledge base: sign-up, search, request with a file, reply with an article, live, confirm, rate the request and the article';

const zh = text['zh-CN'];
const kb = zh.kb;

export async function run({ page, context, baseURL, admin, root }) {
  // ---- The admin publishes an article from the editor (headings, a table) in a console of their own.
  const staffContext = await context.browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  staffContext.setDefaultTimeout(15_000);
  try {
    const staff = await staffContext.newPage();
    await signIn(staff, baseURL, admin);
    const api = apiOf(staff, baseURL);
    // The category tree first: a top-level category made in the categories page.
    await staff.getByRole('menuitem', { name: kb.nav.categories }).click();
    await staff.waitForURL(/\/admin\/kb\/categories$/);
    await staff.getByRole('button', { name: kb.categories.create }).click();
    await staff.getByRole('dialog').getByLabel(kb.categories.name).fill('账单与发票');
    await staff.getByRole('dialog').getByRole('button', { name: zh.common.save }).click();
    await expectVisible(staff.getByTestId('kb-category-row').filter({ hasText: '账单与发票' }), 'the new category in the tree');
    await staff.getByRole('menuitem', { name: kb.nav.articles }).click();
    await staff.waitForURL(/\/admin\/kb\/articles$/);
    await staff.getByRole('button', { name: kb.articles.create }).click();
    await staff.waitForURL(/\/admin\/kb\/articles\/new$/);
    await staff.getByLabel(kb.fields.title, { exact: true }).fill('如何开具增值税专用发票');
    const editor = staff.getByRole('textbox', { name: kb.fields.body });
    await editor.click();
    await staff.getByRole('button', { name: kb.editor.h2 }).click();
    await staff.keyboard.type('开票步骤');
    await staff.keyboard.press('Enter');
    await staff.keyboard.type('在订单页面点击“申请发票”，填写税号后提交。');
    await staff.getByRole('button', { name: kb.editor.table }).click();
    await staff.keyboard.type('发票类型');
    await staff.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-editor.png'), fullPage: true });
    await staff.getByTestId('kb-save').click();
    await staff.waitForURL(/\/admin\/kb\/articles\/[0-9a-f-]{36}$/);
    const invoiceId = staff.url().split('/').pop();
    await staff.getByTestId('kb-action-published').click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: kb.actions.publish }).click();
    await expectVisible(staff.locator('[data-testid="kb-state"][data-state="published"]'), 'the article marked published');
    // A second save is a new version; the history shows the two side by side.
    await staff.getByLabel(kb.fields.title, { exact: true }).fill('如何开具增值税专用发票（电子版）');
    await staff.getByTestId('kb-save').click();
    await expectVisible(staff.getByText('如何开具增值税专用发票（电子版）').first(), 'the saved title');
    await staff.getByRole('link', { name: kb.versions.title }).click();
    await staff.waitForURL(/\/history$/);
    await expectVisible(staff.locator('[data-testid="kb-diff"] tr[data-kind="added"]').filter({ hasText: '（电子版）' }), 'the changed title in the side-by-side diff');
    await staff.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-history.png'), fullPage: true });
    const invoice = await api('GET', `/kb/articles/${invoiceId}`);
    if (invoice.state !== 'published' || !/<h2>开票步骤<\/h2>/.test(invoice.bodyHtml) || !/<table/.test(invoice.bodyHtml)) {
      throw new Error(`the published article is not what was written: ${invoice.state} ${invoice.bodyHtml}`);
    }

    // ---- A customer signs up on the portal and verifies the address through the outbox mail.
    const customer = { name: '林晓雨', email: `lin.xiaoyu.${Date.now()}@example.com`, password: 'Lin-xiaoyu-2024!portal' };
    await signUpCustomer(page, baseURL, customer, api);
    await page.waitForURL(/\/portal/);

    // ---- The published article is public: the portal shows it; a Chinese search for the customer's problem finds nothing.
    await page.goto(`${baseURL}/portal`);
    await expectVisible(page.getByTestId('kb-category').filter({ hasText: '账单与发票' }).or(page.getByText(kb.portal.popular)), 'the knowledge base on the portal home');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-home.png'), fullPage: true });
    const search = page.getByTestId('kb-search-input').locator('input');
    await search.fill('开具发票');
    await search.press('Enter');
    await page.waitForURL(/\/portal\/kb\/search\?q=/);
    await expectVisible(page.getByTestId('kb-search-result').filter({ hasText: '增值税专用发票' }), 'the invoice article in the search results');
    await expectVisible(page.locator('[data-testid="kb-search-result"] mark'), 'the highlighted match in the result');
    await search.fill('蓝牙耳机无法配对');
    await search.press('Enter');
    await expectVisible(page.getByTestId('kb-no-results'), 'no article for the Bluetooth headset problem');

    // ---- It becomes a request, with a photo of the problem attached.
    await page.getByTestId('kb-no-results').getByRole('link', { name: kb.portal.askUs }).click();
    await page.waitForURL(/\/portal\/requests\/new/);
    const subject = page.getByLabel(zh.tickets.fields.subject, { exact: true });
    if ((await subject.inputValue()) !== '蓝牙耳机无法配对') throw new Error('the search words were not carried into the subject');
    // Typing a subject suggests articles as it goes.
    await subject.fill('增值税发票');
    await expectVisible(page.getByTestId('kb-suggestion').filter({ hasText: '增值税专用发票' }), 'the invoice article suggested for the subject');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-suggest.png'), fullPage: true });
    await subject.fill('蓝牙耳机无法与手机配对');
    await page.getByLabel(kb.request.description, { exact: true }).fill('耳机指示灯一直闪红灯，手机搜索不到设备。已经重启过手机。');
    await page.locator('input[type="file"]').setInputFiles({ name: '指示灯.txt', mimeType: 'text/plain', buffer: Buffer.from('红灯闪烁，每秒两次。\n') });
    await expectVisible(page.locator('.ant-upload-list-item-done').filter({ hasText: '指示灯.txt' }), 'the uploaded file in the list');
    await page.getByRole('button', { name: kb.request.submit, exact: true }).click();
    await page.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
    const ticketId = page.url().split('/').pop();
    await expectVisible(page.getByTestId('portal-attachment').filter({ hasText: '指示灯.txt' }), 'the attachment on the request');
    if (!(await realtimeAvailable(page))) throw new Error('the realtime WebSocket is not available');
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    // ---- The team writes the answer, and an agent replies inserting it.
    const headset = await api('POST', '/kb/articles', {
      title: '蓝牙耳机配对指南', categoryId: null,
      bodyHtml: '<h2>重新配对</h2><p>长按耳机电源键 8 秒直到指示灯红蓝交替闪烁，再在手机蓝牙设置中选择耳机。</p>',
    });
    await api('POST', `/kb/articles/${headset.id}/state`, { state: 'published' });
    await staff.goto(`${baseURL}/agent/tickets/${ticketId}`);
    await staff.getByRole('button', { name: kb.insert.button }).click();
    await staff.getByLabel(kb.insert.search).fill('蓝牙耳机');
    const hit = staff.getByTestId('kb-insert-result').filter({ hasText: '蓝牙耳机配对指南' });
    await expectVisible(hit, 'the headset article in the insert-article search');
    await hit.getByRole('button', { name: kb.insert.link }).click();
    const reply = staff.getByLabel(zh.tickets.reply.publicLabel);
    // The link is inserted once the use is recorded on the server.
    await staff.waitForFunction(
      ([label, id]) => document.querySelector(`textarea[aria-label="${label}"]`)?.value.includes(`/portal/kb/articles/${id}`),
      [zh.tickets.reply.publicLabel, headset.id],
      { timeout: 10_000 },
    ).catch(() => {
      throw new Error('the article link was not inserted into the reply');
    });
    await reply.fill(`${await reply.inputValue()}\n按上面的步骤操作即可恢复配对。`);
    await staff.getByRole('button', { name: zh.tickets.reply.send }).click();
    await expectVisible(staff.getByTestId('timeline-message').filter({ hasText: '蓝牙耳机配对指南' }), 'the reply on the agent timeline');
    const uses = await api('GET', `/kb/articles/${headset.id}/tickets`);
    if (!uses.items.some((u) => u.ticketId === ticketId)) throw new Error('the article does not list the ticket that used it');

    // ---- The customer sees the reply and the recommended article without reloading.
    await expectVisible(page.locator('[data-testid="portal-message"][data-author="staff"]').filter({ hasText: '蓝牙耳机配对指南' }), 'the agent reply, live', 30_000);
    await expectVisible(page.getByTestId('cited-article').filter({ hasText: '蓝牙耳机配对指南' }), 'the recommended article under the conversation');

    // The agent resolves it; the customer confirms it solved the problem and rates the article.
    await api('PATCH', `/tickets/${ticketId}`, { status: 'resolved' });
    await expectVisible(page.getByTestId('resolution-panel'), 'the question whether it is solved, live', 30_000);
    await page.getByRole('button', { name: kb.resolution.confirm }).click();
    await expectVisible(page.locator('[data-testid="portal-request-status"][data-status="closed"]'), 'the request closed');
    // The request itself: five stars and a comment, whose markup must show as plain text.
    const ratingCard = page.getByTestId('request-rating');
    await expectVisible(ratingCard, 'the satisfaction rating of the request');
    await ratingCard.locator('li.ant-rate-star').nth(4).click();
    const ratingComment = '回复很快，一次就解决了 <b>谢谢</b><script>window.__rated = 1</script>';
    await ratingCard.getByLabel(zh.portalRequests.rating.comment).fill(ratingComment);
    await ratingCard.getByRole('button', { name: zh.portalRequests.rating.submit }).click();
    await expectVisible(page.locator('[data-testid="request-rating-done"][data-score="5"]'), 'the five-star rating, saved');
    await expectVisible(ratingCard.getByText(ratingComment, { exact: true }), 'the comment shown as text, markup and all');
    if (await page.evaluate(() => 'window.__rated' in window || '__rated' in window)) throw new Error('script in the rating comment ran');
    const rate = page.getByTestId('rate-answer');
    await expectVisible(rate, 'the rating of the answer');
    await rate.getByRole('button', { name: kb.feedback.helpful }).click();
    await rate.getByLabel(kb.feedback.comment).fill('步骤清楚，一次就配对成功了。');
    await rate.getByRole('button', { name: kb.feedback.send }).click();
    await expectVisible(rate.getByTestId('kb-voted'), 'the thanks for the rating');
    if (navigations > 0) throw new Error('the request page was reloaded while waiting for the reply');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-rated.png'), fullPage: true });

    // The cited article opens in the portal; "this solved my problem" counts a deflection.
    await page.getByTestId('cited-article').filter({ hasText: '蓝牙耳机配对指南' }).click();
    await page.waitForURL(new RegExp(`/portal/kb/articles/${headset.id}$`));
    await expectVisible(page.getByTestId('kb-article-body').getByRole('heading', { name: '重新配对' }), 'the article body with its heading');
    await page.getByRole('button', { name: kb.portal.solved }).click();
    await expectVisible(page.getByText(kb.portal.gladItHelped), 'the thanks for the deflection');
    const read = await api('GET', `/kb/articles/${headset.id}`);
    if (read.deflectionCount < 1 || read.viewCount < 1) throw new Error(`deflections ${read.deflectionCount}, views ${read.viewCount}`);

    // The server agrees: closed by the customer's confirmation, one helpful vote with the comment.
    // The customer's unanswered search is on the analytics page: content to write next.
    await staff.goto(`${baseURL}/admin/kb/analytics`);
    await expectVisible(staff.getByTestId('kb-missed-searches').getByText('蓝牙耳机无法配对'), 'the search with no result in the analytics');
    await expectVisible(staff.locator('[role="img"] canvas'), 'the daily chart');
    await staff.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-analytics.png'), fullPage: true });

    // The agent's console shows the rating beside the customer, and the timeline says so.
    await staff.goto(`${baseURL}/agent/tickets/${ticketId}`);
    await expectVisible(staff.locator('[data-testid="ticket-rating"][data-score="5"]').getByText(ratingComment, { exact: true }), 'the rating and its comment on the ticket page');
    await expectVisible(staff.getByText(zh.tickets.timeline.rated.replace('{{score}}', '5')), 'the rating on the timeline');
    await staff.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-agent-rating.png'), fullPage: true });

    const closed = await api('GET', `/tickets/${ticketId}`);
    if (closed.status !== 'closed') throw new Error(`the ticket is ${closed.status}, not closed`);
    if (closed.rating?.score !== 5 || closed.rating.comment !== ratingComment) throw new Error(`the ticket's rating is ${JSON.stringify(closed.rating)}`);
    const rated = await api('GET', `/kb/articles/${headset.id}`);
    if (rated.helpfulCount !== 1) throw new Error(`the article has ${rated.helpfulCount} helpful votes`);
    const timeline = await api('GET', `/tickets/${ticketId}/timeline`);
    // The file travelled with the request: on its first message, beside the description.
    const first = timeline.items.find((i) => i.kind === 'message');
    const files = first.attachments.map((a) => a.filename);
    if (!files.includes('指示灯.txt') || !first.bodyText.includes('指示灯一直闪红灯')) throw new Error(`the attachment is not on the first message: ${files.join(', ')} / ${first.bodyText}`);
    const customerMessages = timeline.items.filter((i) => i.kind === 'message' && i.authorType === 'customer');
    if (customerMessages.length !== 1) throw new Error(`the request has ${customerMessages.length} customer messages, not one`);
  } catch (error) {
    // The run keeps the customer's page; the staff side is saved beside it.
    const staffPage = staffContext.pages()[0];
    if (staffPage) await staffPage.screenshot({ path: path.join(root, 'e2e/artifacts/portal-kb-staff-failure.png'), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await staffContext.close();
  }
}

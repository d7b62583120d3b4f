// Email channel: an admin edits the default mailbox (support@localhost) in Chinese and runs "Test
// connection", which names the exact IMAP failure; a customer writes in GBK with a Chinese subject,
// an attachment named in RFC 2231, a remote image and quoted history, sent with nodemailer to the
// server's SMTP listener; the ticket arrives live in the agent's queue; the agent reads the email
// (header, folded quote, images on click, attachment, original .eml), replies choosing the mailbox
// and sees the reply delivered; the labels are checked once in English.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import nodemailer from 'nodemailer';
import { text } from './lib/i18n.mjs';
import { freePort, smtpPort } from './lib/server.mjs';
import { apiOf, choose, expectVisible, realtimeAvailable, signIn, check } from './lib/steps.mjs';

export const name = 'mail: mailbox admin and test connection, customer email by SMTP becomes a ticket, agent reads and replies by email';

const zh = text['zh-CN'];
const en = text.en;
/** How long a change may take to arrive by itself (realtime) before the page's 30 s poll would. */
const LIVE_WAIT_MS = 10_000;
const DELIVERY_WAIT_MS = 30_000;

const crlf = (lines) => lines.join('\r\n');
const base64Lines = (buf) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');
/** RFC 2047 encoded words in GBK, a few characters each so no word passes 75 octets. */
const gbkWords = (s) => (s.match(/.{1,12}/gu) ?? []).map((part) => `=?GBK?B?${iconv.encode(part, 'gbk').toString('base64')}?=`).join('\r\n ');

/** The customer's mail as Foxmail or Outlook in China would write it: GBK text and HTML, quoted history, a CSV with a Chinese name. */
function customerMail({ stamp, subject, from, to }) {
  const textBody = [
    '您好，',
    '',
    `订单 ${stamp} 的发票抬头开成了个人，应为“上海云帆科技有限公司”。麻烦重开一张增值税普通发票，明细见附件。`,
    '',
    '谢谢！',
    '王芳',
    '',
    '在 2026年11月20日 10:12，客服中心 <support@localhost> 写道：',
    '> 您好，发票已经开出，请注意查收。',
    '> 客服中心',
  ].join('\r\n');
  const htmlBody = [
    '<div>您好，</div>',
    `<div>订单 ${stamp} 的发票抬头开成了个人，应为“上海云帆科技有限公司”。麻烦重开一张增值税普通发票，明细见附件。</div>`,
    '<div>谢谢！<br>王芳</div>',
    '<div><img src="https://img.example.com/yunfan-logo.png" alt="云帆科技" width="120"></div>',
    '<div class="gmail_quote"><div class="gmail_attr">在 2026年11月20日 10:12，客服中心 &lt;support@localhost&gt; 写道：</div>',
    '<blockquote class="gmail_quote">您好，发票已经开出，请注意查收。<br>客服中心</blockquote></div>',
  ].join('');
  const csv = Buffer.from('商品,数量,金额\r\n云帆 R2 路由器,2,1198.00\r\n', 'utf8');
  const filename = '订单明细.csv';
  const mixed = `mixed-${stamp}`;
  const alt = `alt-${stamp}`;
  return crlf([
    `From: ${gbkWords(from.name)} <${from.address}>`,
    `To: ${to}`,
    `Subject: ${gbkWords(subject)}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <e2e-${stamp}@example.com>`,
    'MIME-Version: 1.0',
    'X-Mailer: Foxmail 7.2.25',
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    `--${alt}`,
    'Content-Type: text/plain; charset="GBK"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(iconv.encode(textBody, 'gbk')),
    `--${alt}`,
    'Content-Type: text/html; charset="GBK"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(iconv.encode(`<html><body>${htmlBody}</body></html>`, 'gbk')),
    `--${alt}--`,
    `--${mixed}`,
    'Content-Type: text/csv; charset="UTF-8"',
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(csv),
    `--${mixed}--`,
    '',
  ]);
}

async function screenshot(page, root, file, { fullPage = true } = {}) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(root, 'e2e/artifacts', file), fullPage });
}

/**
 * Fails at once, naming the step, when the server's database stops answering (a transaction that
 * never ends blocks the embedded engine), instead of waiting out the SMTP client's timeouts.
 */
async function expectDatabase(baseURL, after) {
  const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
  if (res?.status !== 200) throw new Error(`the server's database stopped answering (/readyz: ${res ? res.status : 'no answer within 10 s'}) after ${after}`);
}

/** Hands a raw message to the server's SMTP listener, as a customer's mail server would. */
async function deliver(envelope, raw) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, greetingTimeout: 10_000, socketTimeout: 30_000 });
  try {
    const info = await transport.sendMail({ envelope, raw });
    if (!envelope.to.every((to) => info.accepted?.includes(to))) throw new Error(JSON.stringify(info));
  } catch (error) {
    throw new Error(`the SMTP listener did not take the mail from ${envelope.from}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    transport.close();
  }
}

const toastsGone = (page) => page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);

export async function run({ page, context, baseURL, admin, root }) {
  if (!smtpPort) throw new Error('the e2e server was started without KEFU_SMTP_PORT (e2e/lib/server.mjs)');
  fs.mkdirSync(path.join(root, 'e2e/artifacts'), { recursive: true });
  const stamp = Date.now().toString(36).toUpperCase();
  const agent = { name: '赵敏', email: `zhao.min.${stamp.toLowerCase()}@example.com`, password: 'agent-pass-mail-2026' };
  const customer = { name: '王芳', address: `wang.fang.${stamp.toLowerCase()}@example.com` };
  const subject = `发票抬头开错了，请重开（订单 ${stamp}）`;

  // ---- Admin, in Chinese: the Mailboxes page, then the default mailbox. ----
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);
  const team = await api('POST', '/teams', { name: `邮件客服组 ${stamp}`, description: '处理客户来信' });
  await api('POST', '/users', { email: agent.email, name: agent.name, role: 'agent', password: agent.password, teamIds: [team.id] });

  await page.getByRole('menuitem', { name: zh.mail.nav, exact: true }).click();
  await page.waitForURL(/\/admin\/mailboxes$/);
  await expectVisible(page.getByRole('heading', { name: zh.mail.mailboxes.title }), 'the Mailboxes page in Chinese');
  const row = page.getByRole('row').filter({ hasText: 'support@localhost' });
  await expectVisible(row, 'the default mailbox support@localhost');
  await expectVisible(row.getByText(zh.mail.mailboxes.default, { exact: true }), 'the default flag');
  await expectVisible(row.getByText(zh.mail.mailboxes.listener, { exact: true }), 'the SMTP listener as the way mail arrives');
  await screenshot(page, root, 'mail-mailboxes.png');

  await row.getByRole('link').first().click();
  await page.waitForURL(/\/admin\/mailboxes\/[0-9a-f-]{36}$/);
  await page.getByLabel(zh.mail.mailboxes.name, { exact: true }).fill('客服中心');
  await choose(page, page.getByLabel(zh.mail.form.team, { exact: true }), team.name);
  await page.getByRole('switch', { name: zh.mail.form.autoReplyEnabled }).click();
  await check(page.getByRole('radio', { name: zh.mail.form.policy.flagged_note }));
  // An IMAP account whose server is down, so "Test connection" has an exact failure to name.
  const closedPort = await freePort();
  await page.getByRole('switch', { name: zh.mail.form.useImap }).click();
  await page.getByLabel(zh.mail.form.host, { exact: true }).fill('127.0.0.1');
  await page.getByLabel(zh.mail.form.port, { exact: true }).fill(String(closedPort));
  await page.getByLabel(zh.mail.form.user, { exact: true }).fill('support');
  await page.getByLabel(zh.mail.form.password, { exact: true }).fill('imap-secret-2026');
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expectVisible(page.getByText(zh.common.saved), 'the mailbox saved');
  await expectVisible(page.getByRole('heading', { name: '客服中心' }), 'the new name in the page title');

  await page.getByRole('button', { name: zh.mail.test.action }).click();
  const result = page.getByTestId('connection-test-result');
  await expectVisible(result, 'the connection test result', 30_000);
  const imapPart = result.getByTestId('test-imap');
  await expectVisible(imapPart, 'the IMAP part of the test');
  if ((await imapPart.getAttribute('data-ok')) !== 'false') throw new Error('the IMAP test passed against a closed port');
  const failure = (await imapPart.locator('code').innerText()).trim();
  if (!failure) throw new Error('the failed IMAP test names no reason');
  console.log(`     test connection: IMAP failed as expected — "${failure}"`);
  await screenshot(page, root, 'mail-test-connection.png', { fullPage: false });
  await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();

  // The poller tries the account too (every mailbox is due at once after a change): the list turns red with the reason.
  await page.locator('.ant-breadcrumb').getByRole('link', { name: zh.mail.mailboxes.title }).click();
  await page.waitForURL(/\/admin\/mailboxes$/);
  const failing = page.getByRole('row').filter({ hasText: 'support@localhost' }).locator('[data-testid="poll-status"][data-state="failed"]');
  await expectVisible(failing, 'the failing poll in the mailbox list', 30_000);
  await expectVisible(failing.getByText('ECONNREFUSED', { exact: false }), 'the poll\'s exact failure in the list');
  await screenshot(page, root, 'mail-mailboxes-failing.png');
  await page.getByRole('row').filter({ hasText: 'support@localhost' }).getByRole('link').first().click();
  await page.waitForURL(/\/admin\/mailboxes\/[0-9a-f-]{36}$/);

  // IMAP off again: from here on, mail arrives through the SMTP listener only.
  await toastsGone(page);
  await page.getByRole('switch', { name: zh.mail.form.useImap }).click();
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expectVisible(page.getByText(zh.common.saved), 'the mailbox saved without IMAP');
  const mailbox = (await api('GET', '/mailboxes')).items.find((m) => m.address === 'support@localhost');
  if (!mailbox || mailbox.name !== '客服中心' || mailbox.teamId !== team.id || mailbox.imap !== null || !mailbox.autoReply.enabled || mailbox.unknownSenderPolicy !== 'flagged_note') {
    throw new Error(`the stored mailbox is ${JSON.stringify(mailbox)}`);
  }

  await expectDatabase(baseURL, 'the default mailbox was edited, tested and its IMAP account switched off');

  // A second mailbox, created and deleted again (with confirmation); the default cannot be deleted.
  await page.locator('.ant-breadcrumb').getByRole('link', { name: zh.mail.mailboxes.title }).click();
  await page.getByRole('button', { name: zh.mail.mailboxes.create }).click();
  await page.waitForURL(/\/admin\/mailboxes\/new$/);
  await page.getByLabel(zh.mail.mailboxes.name, { exact: true }).fill('售后邮箱');
  await page.getByLabel(zh.mail.mailboxes.address, { exact: true }).fill(`after-sales.${stamp.toLowerCase()}@localhost`);
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await page.waitForURL(/\/admin\/mailboxes\/[0-9a-f-]{36}$/);
  await expectVisible(page.getByRole('heading', { name: '售后邮箱' }), 'the new mailbox\'s page');
  await page.getByRole('button', { name: zh.common.delete }).click();
  const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/mailboxes/'));
  await page.locator('.ant-popconfirm').getByRole('button', { name: zh.common.delete }).click();
  const deleteStatus = (await deleted).status();
  if (deleteStatus !== 204) throw new Error(`deleting the new mailbox answered ${deleteStatus}`);
  await page.waitForURL(/\/admin\/mailboxes$/);
  await expectVisible(page.getByRole('row').filter({ hasText: 'support@localhost' }), 'the list after the delete');
  if (await page.getByRole('row').filter({ hasText: '售后邮箱' }).count()) throw new Error('the deleted mailbox is still listed');
  const defaultDelete = page.getByRole('row').filter({ hasText: 'support@localhost' }).getByRole('button', { name: `${zh.common.delete} 客服中心` });
  if (!(await defaultDelete.isDisabled())) throw new Error('the default mailbox offers a delete');
  await expectDatabase(baseURL, 'a second mailbox was created and deleted');

  // ---- The agent waits in the queue (their own browser). ----
  const agentContext = await context.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  agentContext.setDefaultTimeout(15_000);
  const agentPage = await agentContext.newPage();
  const agentErrors = [];
  agentPage.on('pageerror', (e) => agentErrors.push(e.message));
  try {
    await signIn(agentPage, baseURL, agent, /\/agent$/);
    await agentPage.goto(`${baseURL}/agent/tickets?view=unassigned`);
    await expectVisible(agentPage.getByRole('menuitem', { name: zh.tickets.views.unassigned, exact: true }), 'the unassigned queue');
    const live = await realtimeAvailable(agentPage);

    // ---- The customer writes (nodemailer to the SMTP listener). ----
    await expectDatabase(baseURL, 'the agent opened the queue');
    await deliver({ from: customer.address, to: ['support@localhost'] }, customerMail({ stamp, subject, from: customer, to: 'support@localhost' }));

    const queueRow = agentPage.getByRole('row').filter({ hasText: subject });
    let arrival;
    try {
      await queueRow.first().waitFor({ state: 'visible', timeout: LIVE_WAIT_MS });
      arrival = 'live';
    } catch {
      if (live) throw new Error(`the realtime endpoint is up, yet the email ticket "${subject}" did not reach the queue within ${LIVE_WAIT_MS / 1000} s`);
      await expectVisible(queueRow, 'the email ticket in the queue (by the 30 s poll)', 35_000);
      arrival = 'by poll (realtime endpoint absent)';
    }
    console.log(`     email ticket reached the agent's queue ${arrival}`);
    await queueRow.getByRole('link', { name: subject }).click();
    await agentPage.waitForURL(/\/agent\/tickets\/[0-9a-f-]{36}$/);

    // ---- The email as the agent reads it. ----
    const email = agentPage.getByTestId('email-message').filter({ hasText: `订单 ${stamp} 的发票抬头` });
    await expectVisible(email, 'the customer\'s email, decoded from GBK');
    const header = email.getByTestId('email-header');
    await expectVisible(header.getByText(`${customer.name} <${customer.address}>`), 'the sender in the email header');
    await expectVisible(header.getByText('support@localhost', { exact: false }), 'the recipient in the email header');
    await expectVisible(header.getByText(subject, { exact: true }), 'the Chinese subject in the email header');

    const quoted = email.getByText('发票已经开出，请注意查收', { exact: false }).first();
    if (await quoted.isVisible()) throw new Error('the quoted history is shown unfolded');
    await email.getByTestId('quote-toggle').click();
    await expectVisible(quoted, 'the quoted history after clicking "…"');

    const remote = email.locator('.kefu-email-body img[alt="云帆科技"]');
    if ((await remote.getAttribute('src')) !== null) throw new Error('the remote image loads before "show images"');
    await email.getByRole('button', { name: zh.mail.message.showImages }).click();
    if ((await remote.getAttribute('src')) !== 'https://img.example.com/yunfan-logo.png') throw new Error('"show images" did not reveal the remote image');

    const attachment = email.getByTestId('message-attachments').getByRole('link').filter({ hasText: '订单明细.csv' });
    await expectVisible(attachment, 'the attachment 订单明细.csv');
    const attached = await agentPage.request.get(`${baseURL}${await attachment.getAttribute('href')}`);
    if (!attached.ok() || !(await attached.text()).includes('云帆 R2 路由器')) throw new Error(`the attachment download answered ${attached.status()}`);

    const [download] = await Promise.all([
      agentPage.waitForEvent('download'),
      header.getByRole('link', { name: zh.mail.message.showOriginal }).click(),
    ]);
    const original = fs.readFileSync(await download.path(), 'utf8');
    if (!original.includes(`Message-ID: <e2e-${stamp}@example.com>`)) throw new Error('"show original" did not download the message as received');
    console.log(`     show original: downloaded ${download.suggestedFilename()} (${original.length} bytes)`);
    await screenshot(agentPage, root, 'mail-ticket.png');

    // ---- The reply, from the chosen mailbox. ----
    const replyText = `王女士您好，发票已按“上海云帆科技有限公司”重开，电子发票稍后发到您的邮箱。（${stamp}）`;
    await agentPage.getByLabel(zh.tickets.reply.publicLabel).fill(replyText);
    const mailboxSelect = agentPage.getByLabel(zh.mail.reply.mailbox);
    await expectVisible(agentPage.getByTestId('reply-mailbox').getByText('客服中心 <support@localhost>'), 'the mailbox preselected in the composer');
    await choose(agentPage, mailboxSelect, '客服中心 <support@localhost>');
    const posted = agentPage.waitForRequest((r) => r.url().includes('/messages') && r.method() === 'POST');
    await agentPage.getByRole('button', { name: zh.tickets.reply.send }).click();
    const sentBody = (await posted).postDataJSON();
    if (sentBody.mailboxId !== mailbox.id) throw new Error(`the reply named mailbox ${sentBody.mailboxId}, not ${mailbox.id}`);

    const reply = agentPage.getByTestId('timeline-message').filter({ hasText: replyText });
    await expectVisible(reply, 'the reply on the timeline');
    await expectVisible(reply.getByTestId('email-header'), 'the reply as an email (header with its delivery state)');
    const state = reply.getByTestId('delivery-state');
    const first = await state.getAttribute('data-state', { timeout: 5_000 }).catch(() => null);
    await expectVisible(reply.locator('[data-testid="delivery-state"][data-state="sent"]'), `the reply's delivery state "${zh.mail.message.delivery.sent}"`, DELIVERY_WAIT_MS);
    console.log(`     reply delivery: ${first === 'sent' ? 'sent' : `${first ?? 'no state yet'} → sent`}`);

    // The global transport here is the outbox (no KEFU_SMTP_URL): the reply is there, threaded.
    const ticketNumber = (await agentPage.getByRole('heading', { level: 3 }).innerText()).match(/#(\d+)/)?.[1];
    const kept = (await api('GET', `/outbox?to=${encodeURIComponent(customer.address)}`)).items;
    const mailed = kept.find((m) => m.subject.includes(`[#${ticketNumber}]`) && m.subject.startsWith('Re:'));
    if (!mailed) throw new Error(`no reply to ${customer.address} in the outbox (${kept.map((m) => m.subject).join(' | ') || 'empty'})`);
    await agentPage.evaluate(() => window.scrollTo(0, 0));
    await screenshot(agentPage, root, 'mail-reply.png');

    // ---- Once in English: the same email's labels. ----
    await agentPage.getByRole('button', { name: zh.lang['zh-CN'] }).click();
    await agentPage.getByRole('menuitem', { name: en.lang.en }).click();
    await expectVisible(header.getByText(en.mail.message.from, { exact: true }), 'the English "From" label');
    await expectVisible(header.getByText(en.mail.message.to, { exact: true }), 'the English "To" label');
    await expectVisible(header.getByRole('link', { name: en.mail.message.showOriginal }), 'the English "Show original"');
    await expectVisible(reply.getByText(en.mail.message.delivery.sent, { exact: true }), 'the English delivery state');
    await expectVisible(agentPage.getByTestId('reply-mailbox').getByText(en.mail.reply.mailbox, { exact: true }), 'the English "Send from"');
    await screenshot(agentPage, root, 'mail-ticket-en.png');
    await agentPage.getByRole('button', { name: en.lang.en }).click();
    await agentPage.getByRole('menuitem', { name: zh.lang['zh-CN'] }).click();
    await expectVisible(header.getByText(zh.mail.message.from, { exact: true }), 'Chinese again');

    // ---- Someone who is not a participant answers our mail: a flagged note for staff, not part of 王芳's conversation. ----
    const ticketId = agentPage.url().split('/').pop();
    const items = (await (await agentPage.request.get(`${baseURL}/api/v1/tickets/${ticketId}/timeline`)).json()).items;
    const ours = items.find((i) => i.kind === 'message' && i.bodyText.includes(stamp) && i.email?.direction === 'out');
    if (!ours?.email?.messageId) throw new Error('the reply has no Message-ID to answer');
    const replyId = ours.email.messageId.replace(/^<|>$/g, '');
    const strangerMail = crlf([
      `From: ${gbkWords('李雷')} <li.lei.${stamp.toLowerCase()}@example.net>`,
      'To: support@localhost',
      `Subject: =?UTF-8?B?${Buffer.from(`Re: ${subject} [#${ticketNumber}]`).toString('base64')}?=`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <e2e-stranger-${stamp}@example.net>`,
      `In-Reply-To: <${replyId}>`,
      `References: <e2e-${stamp}@example.com> <${replyId}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(Buffer.from('发票也寄我一份吧，我是她同事，地址是公司前台。', 'utf8')),
      '',
    ]);
    await deliver({ from: `li.lei.${stamp.toLowerCase()}@example.net`, to: ['support@localhost'] }, strangerMail);
    const flaggedNote = agentPage.getByTestId('timeline-message').filter({ has: agentPage.getByTestId('email-flagged') });
    await expectVisible(flaggedNote.getByText(zh.mail.message.flagged), 'the stranger\'s reply flagged for review on the ticket', live ? LIVE_WAIT_MS : 35_000);
    if ((await flaggedNote.first().getAttribute('data-internal')) !== 'true') throw new Error('the stranger\'s reply landed as a public message');
    await flaggedNote.first().scrollIntoViewIfNeeded();
    await screenshot(agentPage, root, 'mail-flagged.png', { fullPage: false });

    if (agentErrors.length) throw new Error(`uncaught errors in the agent's page: ${agentErrors.join(' | ')}`);
  } finally {
    await agentContext.close();
  }
}

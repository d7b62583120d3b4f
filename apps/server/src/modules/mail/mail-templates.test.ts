import { describe, expect, it } from 'vitest';
import { defaultAutoReplyTemplates } from '@kefu/contracts';
import { composeAcknowledgment, composeReply, fillTemplate, mailboxFrom, referencesFor, replySubject, REFERENCES_CAP } from './mail-templates.js';

describe('reply subject', () => {
  it.each([
    ['发票抬头错误', '发票抬头错误'],
    ['Re: Invoice', 'Invoice'],
    ['RE: Re: re:Invoice', 'Invoice'],
    ['回复：回复: 发票抬头错误', '发票抬头错误'],
    ['答复: Fwd: 转发：发票', '发票'],
    ['AW: SV: Antw: Rechnung', 'Rechnung'],
    ['Re[2]: Invoice', 'Invoice'],
    ['Re: Invoice [#10042]', 'Invoice'],
    ['Re: [#10042] Re: Invoice [#10042]', 'Invoice'],
    ['Invoice [#999] and [#10042]', 'Invoice and'],
    ['Line\r\nBcc: victim@example.com', 'Line Bcc: victim@example.com'],
    ['Recipe for dinner', 'Recipe for dinner'],
  ])('%j → Re: %j [#10042]', (subject, base) => {
    expect(replySubject(subject, 10042)).toBe(`Re: ${base} [#10042]`);
  });

  it('does not grow when a reply to the reply is answered again', () => {
    let subject = '发票抬头错误';
    for (let i = 0; i < 5; i++) subject = replySubject(`回复：${subject}`, 10042);
    expect(subject).toBe('Re: 发票抬头错误 [#10042]');
  });

  it('keeps a token alone when nothing is left of the subject, and caps a long one', () => {
    expect(replySubject('Re: ', 7)).toBe('Re: [#7]');
    expect(replySubject('长'.repeat(500), 7)).toMatch(/^Re: 长{199}… \[#7\]$/);
  });
});

describe('references chain', () => {
  it('is the parent’s references then the parent, without brackets or repeats', () => {
    expect(referencesFor({ messageId: '<c@x>', references: ['<a@x>', 'b@x', 'a@x'] })).toEqual(['a@x', 'b@x', 'c@x']);
    expect(referencesFor(null)).toEqual([]);
  });

  it('keeps the root and the newest ids when the thread is long', () => {
    const refs = Array.from({ length: 100 }, (_, i) => `m${i}@x`);
    const chain = referencesFor({ messageId: 'last@x', references: refs });
    expect(chain).toHaveLength(REFERENCES_CAP);
    expect(chain[0]).toBe('m0@x');
    expect(chain.at(-1)).toBe('last@x');
    expect(chain.at(-2)).toBe('m99@x');
  });
});

describe('reply mail', () => {
  const base = {
    customerName: '王芳', agentName: '李娜', mailboxName: '客服中心', ticketNumber: 10042,
    html: '<p>已为您重新开具发票。</p>', text: '已为您重新开具发票。',
    quoted: { authorName: '王芳', authorAddress: 'wang@example.com', at: new Date('2026-11-20T02:30:00Z'), text: '发票抬头错了。\n\n请重开 <script>' },
    timeZone: 'Asia/Shanghai',
  };

  it('writes Chinese for a zh-CN customer: greeting, reply, signature, reference, the quote below', () => {
    const { text, html } = composeReply({ ...base, locale: 'zh-CN' });
    expect(text).toMatch(/^王芳，您好：\n\n已为您重新开具发票。\n\n此致\n李娜\n客服中心\n\n工单号 #10042/);
    expect(text).toContain('2026年11月20日 10:30，王芳 <wang@example.com> 写道：\n> 发票抬头错了。\n>\n> 请重开 <script>');
    expect(text).not.toMatch(/reply above|回复请写在此线以上/i);
    expect(html).toContain('<p>王芳，您好：</p><div><p>已为您重新开具发票。</p></div>');
    expect(html).toContain('<blockquote');
    expect(html).toContain('请重开 &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('writes English for an en customer', () => {
    const { text } = composeReply({ ...base, locale: 'en', customerName: 'Wang Fang' });
    expect(text).toMatch(/^Hello Wang Fang,\n\n/);
    expect(text).toContain('Best regards,\n李娜\n客服中心');
    expect(text).toContain('Ticket #10042. To add anything, simply reply');
    expect(text).toMatch(/On November 20, 2026 at 10:30 AM, 王芳 <wang@example\.com> wrote:\n> /);
  });

  it('has no quote when the customer wrote nothing before, and shortens a long one', () => {
    expect(composeReply({ ...base, locale: 'en', quoted: null }).text).not.toContain('wrote:');
    const long = composeReply({ ...base, locale: 'en', quoted: { ...base.quoted, text: 'x'.repeat(10_000) } }).text;
    expect(long).toContain(`> ${'x'.repeat(4000)}…`);
  });

  it('escapes names that try to inject markup', () => {
    const { html } = composeReply({ ...base, locale: 'en', customerName: '<img src=x onerror=alert(1)>', agentName: '"><b>' });
    expect(html).not.toMatch(/<img src=x|<b>/);
  });
});

describe('acknowledgment templates', () => {
  const values = { 'ticket.number': '10042', 'ticket.subject': '发票\r\nBcc: x@y.z', 'customer.name': '王芳 <b>' };

  it('fills placeholders, keeps unknown ones, and keeps the subject on one line', () => {
    expect(fillTemplate('{{ customer.name }} #{{ticket.number}} {{ticket.unknown}}', values)).toBe('王芳 <b> #10042 {{ticket.unknown}}');
    const ack = composeAcknowledgment({ subject: '收到：{{ticket.subject}} [#{{ticket.number}}]', body: '{{customer.name}}，您好\n\n已收到。' }, values);
    expect(ack.subject).toBe('收到：发票 Bcc: x@y.z [#10042]');
    expect(ack.text).toBe('王芳 <b>，您好\n\n已收到。');
    expect(ack.html).toContain('<p>王芳 &lt;b&gt;，您好</p><p>已收到。</p>');
  });

  it('renders the default templates in both languages with the ticket number', () => {
    expect(composeAcknowledgment(defaultAutoReplyTemplates['zh-CN'], values).subject).toBe('我们已收到您的来信 [#10042]');
    expect(composeAcknowledgment(defaultAutoReplyTemplates.en, values).text).toContain('ticket #10042');
  });
});

describe('mailbox From', () => {
  it('quotes the name and prefers an explicit From', () => {
    expect(mailboxFrom({ name: '客服, "售后"', address: 'support@example.com', smtpFrom: null })).toBe('"客服, 售后" <support@example.com>');
    expect(mailboxFrom({ name: 'x', address: 'a@b.c', smtpFrom: 'Service <service@b.c>' })).toBe('Service <service@b.c>');
  });
});

import { describe, expect, it } from 'vitest';
import { composeDigest, composeSingle, escapeHtml } from './notification-mail.templates.js';

const base = 'https://kefu.example.com';
const ticketId = '01a20a91-2897-714d-a1a7-23c42ce3d14d';

describe('notification mail templates', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('reads the data it is given defensively: wrong types are left out, never printed as objects', () => {
    const mail = composeSingle(
      { kind: 'ticket.assigned', ticketId, actorName: null, data: { number: '10042', subject: { $ne: 1 } } },
      { name: '李娜', locale: 'zh-CN' },
      base,
    );
    expect(mail.subject).toBe('[Kefu] 分配给您');
    expect(mail.text).toContain('Kefu 将工单 分配给了您。');
    expect(mail.text).not.toMatch(/object|undefined|null|10042/);
    expect(mail.text).toContain(`${base}/tickets/${ticketId}`);
  });

  it('keeps a multi-line subject to one line, shortens a very long one, and names an unknown kind as it is', () => {
    const mail = composeSingle(
      { kind: 'sla.something_new', ticketId, actorName: 'Ops\nBot', data: { number: 7, subject: `第一行\r\n第二行 ${'长'.repeat(300)}` } },
      { name: 'Sam', locale: 'en' },
      base,
    );
    expect(mail.subject).toMatch(/^\[Kefu #7\] sla\.something_new: 第一行 第二行 长+…$/);
    expect(mail.subject.length).toBeLessThan(240);
    expect(mail.text).toContain('Ops Bot: sla.something_new (ticket #7)');
  });

  it('writes a digest in the reader\'s language, oldest first, escaping each entry', () => {
    const items = [1, 2, 3].map((n) => ({ kind: 'mentioned', ticketId, actorName: `<i>${n}</i>`, data: { number: n, subject: `<s>${n}</s>` } }));
    const zh = composeDigest(items, { name: '王芳', locale: 'zh-CN' }, base);
    expect(zh.subject).toBe('[Kefu] 您有 3 条新通知');
    expect(zh.text.indexOf('#1')).toBeLessThan(zh.text.indexOf('#2'));
    expect(zh.html).not.toMatch(/<i>|<s>/);
    expect(zh.html).toContain('&lt;i&gt;1&lt;/i&gt; 在工单 #1 中提到了您。 <strong>&lt;s&gt;1&lt;/s&gt;</strong>');
    const en = composeDigest(items, { name: 'Sam', locale: 'en' }, base);
    expect(en.subject).toBe('[Kefu] 3 new notifications');
    expect(en.text).toMatch(/^Hello Sam,\n\n3 notifications arrived in the last few minutes:/);
  });
});

import { describe, expect, it } from 'vitest';
import { renderCannedResponse } from './canned-responses.render.js';

const context = {
  customer: { name: '张伟', email: 'zhang@example.com' },
  ticket: { number: 10042, subject: '退货申请' },
  agent: { name: '李娜' },
  organization: { name: '华为' },
};

describe('renderCannedResponse', () => {
  it('fills every known placeholder, with or without spaces inside the braces', () => {
    const body = '<p>{{customer.name}} ({{ customer.email }})，工单 #{{ticket.number}}「{{ticket.subject}}」由 {{agent.name}} 处理，{{organization.name}}</p>';
    expect(renderCannedResponse(body, context)).toEqual({
      html: '<p>张伟 (zhang@example.com)，工单 #10042「退货申请」由 李娜 处理，华为</p>',
      text: '张伟 (zhang@example.com)，工单 #10042「退货申请」由 李娜 处理，华为',
      unresolved: [],
    });
  });

  it('escapes values, so a hostile customer name stays inert text', () => {
    const out = renderCannedResponse('<p>您好 {{customer.name}}</p>', { customer: { name: '<img src=x onerror=alert(1)><script>alert(2)</script>' } });
    expect(out.html).toBe('<p>您好 &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p>');
    expect(out.html).not.toMatch(/<img|<script/);
    expect(out.text).toBe('您好 <img src=x onerror=alert(1)><script>alert(2)</script>');
  });

  it('cannot be steered into a javascript: link or out of an attribute by a value', () => {
    const quoted = renderCannedResponse('<p><a href="https://example.com/t/{{ticket.number}}">t</a></p>', { ticket: { number: '1" onclick="alert(1)' } });
    expect(quoted.html).toBe('<p><a href="https://example.com/t/1&quot; onclick=&quot;alert(1)" rel="noopener noreferrer">t</a></p>');
    // Bodies that did not pass the sanitizer (a caller's own template) are still made safe.
    const scheme = renderCannedResponse('<a href="{{ticket.subject}}" onclick="x()">t</a>', { ticket: { subject: 'javascript:alert(1)' } });
    expect(scheme.html).toBe('<a>t</a>');
  });

  it('leaves unknown placeholders and known ones without a value visible, and lists them', () => {
    const out = renderCannedResponse('<p>{{customer.name}} {{customer.phone}} {{ticket.subject}} {{__proto__.x}} {{constructor}}</p>', { customer: { name: '王' } });
    expect(out.html).toBe('<p>王 {{customer.phone}} {{ticket.subject}} {{__proto__.x}} {{constructor}}</p>');
    expect(out.unresolved).toEqual(['customer.phone', 'ticket.subject', '__proto__.x', 'constructor']);
  });

  it('does not expand placeholders that arrive inside a value', () => {
    const out = renderCannedResponse('<p>{{customer.name}}</p>', { customer: { name: '{{agent.name}}' }, agent: { name: '李娜' } });
    expect(out.html).toBe('<p>{{agent.name}}</p>');
  });

  it('treats a blank value as missing and keeps ordinary braces alone', () => {
    const out = renderCannedResponse('<p>Hi {{customer.name}}, code {x} {{ }}</p>', { customer: { name: '   ' } });
    expect(out.html).toBe('<p>Hi {{customer.name}}, code {x} {{ }}</p>');
    expect(out.unresolved).toEqual(['customer.name']);
  });
});

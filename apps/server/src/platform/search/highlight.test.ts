import { describe, expect, it } from 'vitest';
import { snippet } from './highlight.js';

describe('snippet', () => {
  it('marks Chinese words inside unspaced text', () => {
    expect(snippet('您好，我要退款，物流延迟了', '退款 物流')).toBe('您好，我要<mark>退款</mark>，<mark>物流</mark>延迟了');
  });

  it('marks English words by their stem, whatever the case', () => {
    expect(snippet('Refunded after the parcel was delivered', 'refunds deliver')).toBe(
      '<mark>Refunded</mark> after the parcel was <mark>delivered</mark>',
    );
    expect(snippet('申请refund', 'refund')).toBe('申请<mark>refund</mark>');
    expect(snippet('prefund', 'refund')).toBe('prefund');
  });

  it('escapes HTML everywhere, inside marks too', () => {
    const html = snippet('<script>alert("退款")</script> & <b>refund</b>', '退款 refund');
    expect(html).toBe('&lt;script&gt;alert(&quot;<mark>退款</mark>&quot;)&lt;/script&gt; &amp; &lt;b&gt;<mark>refund</mark>&lt;/b&gt;');
    expect(snippet('<img src=x onerror=alert(1)>', 'script')).not.toContain('<img');
    expect(snippet('<script>', 'script')).toBe('&lt;<mark>script</mark>&gt;');
  });

  it('shows the text as written while matching its folded form, when the two line up', () => {
    expect(snippet('申請退款', '申请', { matchIn: '申请退款' })).toBe('<mark>申請</mark>退款');
    // A folding of another length cannot carry positions over: the folded text is shown.
    expect(snippet('軟體', '软件', { matchIn: '软件啊' })).toBe('<mark>软件</mark>啊');
  });

  it('marks hyphenated words and part numbers', () => {
    expect(snippet('Turn on two-factor login for SKU-42', 'two-factor SKU-42')).toBe('Turn on <mark>two-factor</mark> login for <mark>SKU-42</mark>');
  });

  it('cuts long text around the first match without splitting an emoji', () => {
    const text = `${'😀'.repeat(300)}退款${'很长的正文'.repeat(100)}`;
    const html = snippet(text, '退款', { maxLength: 40 });
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>退款</mark>');
    expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('returns the start of the text when nothing matches or the query is empty or hostile', () => {
    expect(snippet('物流信息', '')).toBe('物流信息');
    expect(snippet('物流信息', "& | ! : * ( ) '")).toBe('物流信息');
    expect(snippet('a.b', '.*')).toBe('a.b');
    expect(snippet('x'.repeat(500), 'y', { maxLength: 50 })).toBe(`${'x'.repeat(50)}…`);
  });
});

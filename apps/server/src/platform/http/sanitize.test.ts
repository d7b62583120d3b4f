import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from './sanitize.js';

describe('sanitizeHtml', () => {
  it('keeps the allowed formatting', () => {
    const html = '<p>您好，<strong>张伟</strong> <em>先生</em> <u>u</u> <s>s</s></p><ul><li>一</li></ul><ol><li>二</li></ol><blockquote>q</blockquote><pre><code>x</code></pre><p>a<br />b</p>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('drops scripts, styles, frames and everything inside them', () => {
    expect(sanitizeHtml('<p>ok</p><script>alert(1)</script><style>p{color:red}</style>')).toBe('<p>ok</p>');
    expect(sanitizeHtml('<iframe src="https://evil.example">inner</iframe><svg><text>t</text></svg>hi')).toBe('hi');
    expect(sanitizeHtml('<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok')).toBe('ok');
  });

  it('strips event handlers, styles and unknown attributes', () => {
    expect(sanitizeHtml('<p onclick="x()" style="color:red" class="c">t</p><img src=x onerror=alert(1)>')).toBe('<p>t</p>');
    expect(sanitizeHtml('<a href="https://example.com" onmouseover="x()" target="_blank">l</a>')).toBe('<a href="https://example.com" rel="noopener noreferrer">l</a>');
  });

  it('keeps only absolute http, https and mailto links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\nscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example', '/relative', '{{ticket.url}}']) {
      expect(sanitizeHtml(`<a href="${href}">x</a>`), href).toBe('<a>x</a>');
    }
    expect(sanitizeHtml('<a href="mailto:help@example.com">m</a>')).toBe('<a href="mailto:help@example.com" rel="noopener noreferrer">m</a>');
    expect(sanitizeHtml('<a href="http://example.com/?a=1&b=2" rel="opener">m</a>')).toBe('<a href="http://example.com/?a=1&amp;b=2" rel="noopener noreferrer">m</a>');
  });

  it('maps mail-client markup onto the allowed tags and escapes stray angle brackets', () => {
    expect(sanitizeHtml('<div>第一行</div><div><b>第二行</b> <i>i</i></div>')).toBe('<p>第一行</p><p><strong>第二行</strong> <em>i</em></p>');
    expect(sanitizeHtml('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
  });
});

describe('htmlToText', () => {
  it('turns paragraphs, breaks and lists into lines', () => {
    expect(htmlToText('<p>您好，</p><p>第一行<br>第二行</p><ul><li>一</li><li>二<ol><li>甲</li><li>乙</li></ol></li></ul><p>谢谢</p>'))
      .toBe('您好，\n\n第一行\n第二行\n\n- 一\n- 二\n  1. 甲\n  2. 乙\n\n谢谢');
  });

  it('decodes entities, collapses source whitespace, keeps pre as is and shows link addresses', () => {
    expect(htmlToText('<p>Tom &amp; Jerry &lt;3\n   again</p>')).toBe('Tom & Jerry <3 again');
    expect(htmlToText('<pre>  a\n    b</pre>')).toBe('  a\n    b');
    expect(htmlToText('<p>see <a href="https://example.com/x">our guide</a> or <a href="https://example.com">https://example.com</a></p>'))
      .toBe('see our guide (https://example.com/x) or https://example.com');
    expect(htmlToText('<a href="mailto:help@example.com">write to us</a>')).toBe('write to us (help@example.com)');
  });

  it('never lets markup through as text', () => {
    expect(htmlToText('<script>alert(1)</script><p>x</p>')).toBe('x');
    expect(htmlToText('')).toBe('');
  });
});

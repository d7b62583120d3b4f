import sanitize from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize.js';
import { simpleSafeHtml } from './simple-html.js';

/** The full sanitizer alone: what simpleSafeHtml must reproduce exactly whenever it answers. */
function fullSanitizer(html: string): string {
  const fastPathOff = `${html}<!---->`; // a comment is not simple markup, so sanitizeHtml takes the parser
  return sanitizeHtml(fastPathOff);
}

// A small seeded generator: reproducible failures, no dependency.
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const pieces = [
  '<p>', '</p>', '<br>', '<br/>', '<br />', '<strong>', '</strong>', '<em>', '</em>', '<u>', '</u>', '<s>', '</s>', '<code>', '</code>',
  '<ul>', '</ul>', '<ol>', '</ol>', '<li>', '</li>', '<blockquote>', '</blockquote>', '<pre>', '</pre>',
  '你好', 'order #10001', ' ', '\n', '  ', '&amp;', '&lt;', '&gt;', '&', '"', "'", '>', '<', '&nbsp;', '&#39;', '<P>', '<p class="x">', '<b>', '</br>', '<div>', '</div>',
];

describe('simpleSafeHtml', () => {
  it('answers exactly what the full sanitizer answers, for every input it accepts', () => {
    const next = random(20261124);
    let accepted = 0;
    for (let i = 0; i < 40_000; i++) {
      const length = 1 + Math.floor(next() * 10);
      let html = '';
      for (let j = 0; j < length; j++) html += pieces[Math.floor(next() * pieces.length)];
      const fast = simpleSafeHtml(html);
      if (fast === null) continue;
      accepted++;
      expect(fast, html).toBe(sanitize(html, { allowedTags: ['p', 'br', 'strong', 'em', 'u', 's', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'pre'], allowedAttributes: {}, nestingLimit: 20 }).trim());
      expect(fast, html).toBe(fullSanitizer(html));
    }
    // The generator must exercise the fast path, or this test proves nothing.
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('takes the usual shapes of a reply', () => {
    expect(simpleSafeHtml('<p>客户来电：订单一直没有发货 the order has not shipped</p>')).toBe('<p>客户来电：订单一直没有发货 the order has not shipped</p>');
    expect(simpleSafeHtml('<p>a<br>b</p><ul><li><strong>x</strong></li></ul>')).toBe('<p>a<br />b</p><ul><li><strong>x</strong></li></ul>');
  });

  it('leaves anything with attributes, entities, unknown or misplaced tags to the full sanitizer', () => {
    for (const html of ['<p onclick="x">a</p>', '<a href="https://x">a</a>', '<script>x</script>', '<p>&nbsp;</p>', '<p><ul><li>a</li></ul></p>', '<ul>text</ul>', '<li>a</li>',
      '<p>a', 'a</p>', '<strong><p>a</p></strong>', '<p>a > b</p>', '<!-- c -->', '<P>a</P>', `${'<blockquote>'.repeat(11)}x${'</blockquote>'.repeat(11)}`]) {
      expect(simpleSafeHtml(html), html).toBeNull();
    }
  });
});

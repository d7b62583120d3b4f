import sanitize from 'sanitize-html';
import { simpleSafeHtml } from './simple-html.js';

/**
 * Rich text that staff write and customers read (canned responses, ticket messages) is stored only
 * after passing this allow-list: formatting and links, nothing that runs, loads or styles anything.
 */
const allowedTags = ['p', 'br', 'strong', 'em', 'u', 's', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'pre'];
const safeHref = /^(?:https?:\/\/|mailto:)/i;

const options: sanitize.IOptions = {
  allowedTags,
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Without these, the text of a dropped <iframe>/<svg> would surface as visible content.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'template', 'title', 'svg', 'math', 'object', 'head'],
  transformTags: {
    // Mail clients write a line per <div> and headings for emphasis; keep their line breaks.
    div: 'p',
    h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p',
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    a: (tagName, attribs) => {
      // Only absolute http(s) and mailto links: a relative or scheme-less href could resolve to
      // anything once the HTML travels into an email or another origin.
      const href = (attribs.href ?? '').trim();
      const kept: sanitize.Attributes = safeHref.test(href) ? { href, rel: 'noopener noreferrer' } : {};
      return { tagName, attribs: kept };
    },
  },
  // Deeply nested markup costs the parser and the browser; nothing a person writes needs it.
  nestingLimit: 20,
};

export function sanitizeHtml(html: string): string {
  return simpleSafeHtml(html) ?? sanitize(html, options).trim();
}

const blockTags = new Set(['p', 'blockquote', 'pre', 'ul', 'ol']);
const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/**
 * Plain text of rich text, for search, previews and the text part of an email: paragraphs become
 * blank lines, list items get "- " or "1. ", a link keeps its address after its words.
 */
export function htmlToText(html: string): string {
  return textOfSafeHtml(sanitizeHtml(html));
}

/** htmlToText for markup that is already sanitizer output (skips sanitizing it a second time). */
export function textOfSafeHtml(clean: string): string {
  // Sanitized output is well-formed and escapes < > in text and attributes, so a simple tokenizer is exact.
  const lists: { ordered: boolean; n: number }[] = [];
  let out = '';
  let pre = 0;
  let link: { href: string; start: number } | null = null;
  const trailingNewlines = () => {
    let n = 0;
    while (n < out.length && out[out.length - 1 - n] === '\n') n++;
    return n;
  };
  const newline = (count: number) => {
    out = out.replace(/[ \t]+$/, '');
    if (out) out += '\n'.repeat(Math.max(0, count - trailingNewlines()));
  };
  for (const [token, closing, name, attrs] of clean.matchAll(/<(\/?)([a-z]+)([^>]*)>|[^<]+/g)) {
    if (!name) {
      const text = decode(token);
      if (pre) out += text;
      else {
        const collapsed = text.replace(/\s+/g, ' ');
        out += !out || /\s$/.test(out) ? collapsed.trimStart() : collapsed;
      }
      continue;
    }
    const close = closing === '/';
    if (name === 'br') out = `${out.replace(/[ \t]+$/, '')}\n`;
    else if (name === 'pre') pre += close ? -1 : 1;
    if (name === 'ul' || name === 'ol') {
      if (close) lists.pop();
      else lists.push({ ordered: name === 'ol', n: 0 });
    }
    // A list nested in a list item starts on the next line, not after a blank one.
    if (blockTags.has(name)) newline(lists.length > (close ? 0 : 1) && (name === 'ul' || name === 'ol') ? 1 : 2);
    if (name === 'li' && !close) {
      newline(1);
      const list = lists[lists.length - 1];
      out += `${'  '.repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${++list.n}.` : '-'} `;
    }
    if (name === 'a') {
      if (!close) link = { href: decode(/href="([^"]*)"/.exec(attrs ?? '')?.[1] ?? ''), start: out.length };
      else if (link) {
        const words = out.slice(link.start).trim();
        const address = link.href.replace(/^mailto:/i, '');
        if (address && words !== address && words !== link.href) out += ` (${address})`;
        link = null;
      }
    }
  }
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

function decode(s: string): string {
  return s.replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => entities[e] ?? e);
}

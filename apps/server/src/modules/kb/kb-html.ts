/*
 * Article HTML. Articles need more than replies (headings, tables, images), so they get their own
 * allow-list on top of platform/http/sanitize.ts's rules: nothing that runs, loads from elsewhere
 * or styles. It is applied on save AND on every render, so HTML written straight into the table
 * (a compromised staff account, an old import) still never runs a script in a customer's browser.
 */
import sanitize from 'sanitize-html';

const safeHref = /^(?:https?:\/\/|mailto:|\/kb\/|\/portal\/|#)/i;
/** Images only from our own KB attachments or https: no data: URIs, no tracking over http. */
const safeImage = /^(?:\/api\/v1\/kb\/attachments\/[0-9a-f-]{36}|https:\/\/)/i;

const options: sanitize.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'em', 'u', 's', 'sub', 'sup', 'mark', 'code', 'pre', 'blockquote',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'img',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'template', 'title', 'svg', 'math', 'object', 'head'],
  transformTags: {
    div: 'p',
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const kept: sanitize.Attributes = {};
      if (safeHref.test(href)) {
        kept.href = href;
        if (/^https?:/i.test(href)) Object.assign(kept, { rel: 'noopener noreferrer', target: '_blank' });
      }
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      if (!safeImage.test(src)) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
      const kept: sanitize.Attributes = { src };
      for (const k of ['alt', 'title', 'width', 'height'] as const) if (attribs[k] && (k === 'alt' || k === 'title' || /^\d{1,4}$/.test(attribs[k]!))) kept[k] = attribs[k]!;
      return { tagName, attribs: kept };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'span' && !frame.text.trim(),
  nestingLimit: 30,
};

export function sanitizeArticleHtml(html: string): string {
  return sanitize(html, options).trim();
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&', '&nbsp;': ' ' };
const decode = (s: string) => s.replace(/&(?:lt|gt|quot|#39|amp|nbsp);/g, (e) => ENTITIES[e]!);
const BLOCK = /^(?:p|h[1-6]|li|tr|blockquote|pre|caption|hr|br|table|ul|ol)$/;

/**
 * The article's text, one line per paragraph, heading, list item or table row (cells separated
 * by " | "), for search, excerpts and the line diff between versions.
 */
export function articleText(html: string): string {
  const clean = sanitizeArticleHtml(html);
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/[ \t]+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  for (const [token, closing, name] of clean.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|[^<]+/g)) {
    if (!name) {
      line += decode(token).replace(/\s+/g, ' ');
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (closing && line.trim()) line += ' | ';
      continue;
    }
    if (name === 'img') {
      const alt = /alt="([^"]*)"/.exec(token)?.[1];
      if (alt) line += ` ${decode(alt)} `;
      continue;
    }
    if (BLOCK.test(name)) {
      line = line.replace(/\s*\|\s*$/, '');
      flush();
    }
  }
  flush();
  return lines.join('\n');
}

/** The first characters of the text on one line, for lists. */
export function excerptOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** Plain text as paragraphs of HTML (each line its own paragraph). */
export function textToHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
}

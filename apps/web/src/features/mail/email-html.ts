/**
 * Helpers over the server-sanitized HTML of an email. The server has already removed scripts,
 * handlers and remote loads: remote images arrive as `<img data-remote-src>` (no `src`), quoted
 * history and signatures inside `<div data-kefu-quote>`. Nothing here loosens that allow-list.
 */

const remoteSelector = 'img[data-remote-src]';

export interface EmailHtmlFacts {
  /** Remote images the sender embedded, not loaded until the reader asks. */
  remoteImages: number;
  hasQuote: boolean;
}

// DOMParser builds an inert document: nothing in it runs or loads while we look.
const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;

export function emailHtmlFacts(html: string): EmailHtmlFacts {
  if (!html.includes('data-remote-src') && !html.includes('data-kefu-quote')) return { remoteImages: 0, hasQuote: false };
  const body = parse(html);
  return { remoteImages: body.querySelectorAll(remoteSelector).length, hasQuote: body.querySelector('[data-kefu-quote]') !== null };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The same HTML with its remote images given their `src`, for one message after the reader clicked
 * "show images". Only http(s) addresses are loaded, without a referrer (the sender learns no ticket URL).
 */
export function revealRemoteImages(html: string): string {
  const body = parse(html);
  for (const img of body.querySelectorAll<HTMLImageElement>(remoteSelector)) {
    const src = img.getAttribute('data-remote-src') ?? '';
    if (!isWebUrl(src)) continue;
    img.setAttribute('referrerpolicy', 'no-referrer');
    img.setAttribute('loading', 'lazy');
    img.setAttribute('src', src);
    img.removeAttribute('data-remote-src');
  }
  return body.innerHTML;
}

/** Attachment ids the body already shows inline (`/api/v1/attachments/<id>`), to leave out of the file list. */
export function inlineAttachmentIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(/\/api\/v1\/attachments\/([A-Za-z0-9_-]+)/g)) ids.add(match[1]!);
  return ids;
}

import sanitize from 'sanitize-html';

/**
 * The email profile of the HTML allow-list: incoming mail keeps its layout (tables, fonts, colours,
 * inline styles) but nothing that runs, navigates, submits, loads a remote resource without a click,
 * or restyles the agent's page. Stricter than a browser's own mail view on purpose: the HTML is shown
 * inside our app's origin.
 *
 * Elements that mark quoted history or a signature get `data-kefu-marker`, read by html-quote.ts.
 */
const allowedTags = [
  'a', 'abbr', 'address', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
];

const allowedAttributes: Record<string, string[]> = {
  '*': ['style', 'align', 'valign', 'dir', 'title', 'width', 'height', 'bgcolor', 'lang', 'data-kefu-marker'],
  a: ['href', 'rel', 'target'],
  img: ['src', 'alt', 'data-remote-src', 'border'],
  font: ['color', 'face', 'size'],
  table: ['border', 'cellpadding', 'cellspacing'],
  td: ['colspan', 'rowspan', 'nowrap'],
  th: ['colspan', 'rowspan', 'nowrap'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'type'],
};

// Layout and typography only. No position (an email could overlay our UI), no url() anywhere.
const allowedStyleProperties = new Set([
  'color', 'background-color', 'background', 'font', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant',
  'text-align', 'text-decoration', 'text-indent', 'text-transform', 'line-height', 'letter-spacing', 'word-spacing',
  'white-space', 'word-break', 'word-wrap', 'overflow-wrap', 'vertical-align', 'direction', 'unicode-bidi',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style', 'border-width',
  'border-collapse', 'border-spacing', 'border-radius', 'width', 'max-width', 'min-width', 'height', 'max-height', 'min-height',
  'display', 'list-style-type', 'list-style', 'table-layout', 'caption-side', 'empty-cells', 'float', 'clear',
]);
// Anything that can fetch, run or hide an escape: url(), IE expression()/behavior, image-set,
// @import, and backslash escapes (`\65 xpression`) or comments (`expr/**/ession`) that would smuggle
// the others past this check.
const dangerousStyleValue = /url\s*\(|image-set|expression|javascript|vbscript|behavior|behaviour|-moz-binding|@import|\\|&#|<|>|\/\*/i;

/** Keeps the allowed declarations of an inline style. */
export function cleanStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!allowedStyleProperties.has(property) || !value || dangerousStyleValue.test(value) || value.length > 300) continue;
    if (property === 'display' && !/^(block|inline|inline-block|table|table-row|table-cell|none|list-item)$/i.test(value)) continue;
    kept.push(`${property}:${value}`);
    if (kept.length >= 40) break;
  }
  return kept.join(';');
}

const historyClass = /(?:^|\s)(?:x_)?(gmail_quote|gmail_attr|yahoo_quoted|moz-cite-prefix|protonmail_quote|OutlookMessageHeader|zmail_extra|foxmail[_-]?quote|AppleOriginalContents|reply_quote|ecxgmail_quote)(?:\s|$)/i;
const historyId = /^(?:x_)?(divRplyFwdMsg|appendonsend|OLK_SRC_BODY_SECTION|isReplyContent|isForwardContent|ntes-[a-z-]*quote|reply-content|foxmail[_-]?quote|QQMailQuote|origbody|mail-app-auto-quote)$/i;
const signatureClass = /(?:^|\s)(?:x_)?(gmail_signature|moz-signature|signature)(?:\s|$)/i;
const signatureId = /^(?:x_)?(signature|Signature|ms-outlook-mobile-signature|netease_mail_footer|foxmail-signature|divtagdefaultwrapper-signature|spnEditorSignature|AppleMailSignature)$/i;

function markerOf(name: string, attribs: sanitize.Attributes): string | undefined {
  const cls = attribs.class ?? '';
  const id = attribs.id ?? '';
  if (signatureClass.test(cls) || signatureId.test(id)) return 'signature';
  if (historyClass.test(cls) || historyId.test(id)) return 'history';
  if (name === 'blockquote' && (attribs.type ?? '').toLowerCase() === 'cite') return 'history';
  return undefined;
}

const rasterDataUri = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const remoteUrl = /^https?:\/\/[^\s"'<>\\]+$/i;
const safeHref = /^(?:https?:\/\/|mailto:)[^\s"'<>\\]*$/i;
const keptEverywhere = ['align', 'valign', 'dir', 'title', 'width', 'height', 'bgcolor', 'lang'];

function transform(name: string, attribs: sanitize.Attributes): sanitize.Tag {
  const kept: sanitize.Attributes = {};
  for (const key of keptEverywhere) if (attribs[key] !== undefined && !dangerousStyleValue.test(attribs[key])) kept[key] = attribs[key];
  for (const key of allowedAttributes[name] ?? []) {
    if (attribs[key] !== undefined && !['href', 'src', 'data-remote-src', 'rel', 'target'].includes(key)) kept[key] = attribs[key];
  }
  if (attribs.style) {
    const style = cleanStyle(attribs.style);
    if (style) kept.style = style;
  }
  const marker = markerOf(name, attribs);
  if (marker) kept['data-kefu-marker'] = marker;
  if (name === 'a') {
    const href = (attribs.href ?? '').trim();
    if (safeHref.test(href)) Object.assign(kept, { href, rel: 'noopener noreferrer', target: '_blank' });
  }
  if (name === 'img') {
    const src = (attribs.src ?? '').trim();
    // Remote images would tell the sender when and from where the agent read the mail; the UI loads
    // them only when asked. cid: references are rewritten to attachment URLs by the inbound pipeline.
    if (/^cid:[^\s"'<>]{1,256}$/i.test(src)) kept.src = src;
    else if (rasterDataUri.test(src)) kept.src = src.replace(/\s+/g, '');
    else if (remoteUrl.test(src)) kept['data-remote-src'] = src;
    else if (/^\/\//.test(src) && remoteUrl.test(`https:${src}`)) kept['data-remote-src'] = `https:${src}`;
    kept.alt = attribs.alt ?? '';
  }
  return { tagName: name, attribs: kept };
}

const options: sanitize.IOptions = {
  allowedTags,
  allowedAttributes,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  parseStyleAttributes: false,
  // Dropped with their content: scripts, styles, embedded documents, form controls and SVG/MathML
  // (whose event handlers and foreign content are the usual filter bypasses). A <form> itself is
  // dropped but its content kept: some senders wrap the whole body in one.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'select', 'xmp', 'noscript', 'iframe', 'frame', 'frameset', 'noembed', 'noframes', 'template', 'title', 'svg', 'math', 'object', 'embed', 'applet', 'head', 'button', 'audio', 'video', 'canvas'],
  transformTags: { '*': transform },
  // An image left with neither a safe source nor a remote one to offer shows nothing.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs['data-remote-src'],
  // Email layouts nest tables deeply; past this, tags are dropped and their text kept.
  nestingLimit: 60,
};

/** Sanitizes the HTML of an email for display in our origin. */
export function sanitizeEmailHtml(html: string): string {
  return sanitize(html, options);
}

import { createHash } from 'node:crypto';
import { autoReplyReason } from './auto-reply.js';
import { parseBounce, type ParsedBounce } from './bounce.js';
import { foldQuotes } from './html-quote.js';
import { sanitizeEmailHtml } from './email-sanitize.js';
import { defaultParseLimits, MailMalformedError, MailTooLargeError, type ParseLimits } from './errors.js';
import { contentTypeFor, safeFilename } from './filename.js';
import { decodeHeaderValue, parseAddresses, parseDate, parseMessageId, parseMessageIds, splitHeaderLine, type MailAddress } from './headers.js';
import { walkMime } from './mime.js';
import { textToHtml, visibleTextOf } from './quote-text.js';
import { extractUuencoded } from './uuencode.js';

/**
 * Email parsing: raw RFC 5322 bytes → what the inbound pipeline stores and the UI shows. Pure, no
 * I/O. Bad charsets, bad base64 and broken MIME are read as well as possible (reasons in
 * `charsetProblems`); only what crosses a limit is refused, with an error naming the limit.
 */
export { MailMalformedError, MailTooLargeError, defaultParseLimits, type ParseLimits, type ParsedBounce, type MailAddress };
export { sanitizeEmailHtml } from './email-sanitize.js';
export { autoReplyReason } from './auto-reply.js';

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  size: number;
  contentId: string | null;
  inline: boolean;
}

export interface ParsedMail {
  /** Without <>; null when missing or malformed. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  date: Date | null;
  /** Lower-case names, first occurrence, decoded, each value capped at 8 KB. */
  headers: Record<string, string>;
  /** Sanitized HTML with quoted history and signatures in `<div data-kefu-quote>`; built from the text for text-only mail. */
  html: string;
  /** Plain text for search, quoted part included. */
  text: string;
  /** Text without quoted history and signature. */
  visibleText: string;
  /** Inline cid images included with inline=true. */
  attachments: ParsedAttachment[];
  bounce: ParsedBounce | null;
  /** Why a machine sent this (Auto-Submitted, Precedence, daemon sender, "Automatic reply:"), or null for a person. */
  autoReply: string | null;
  /** Why some text may read wrong, e.g. 'unknown charset x-foo decoded as latin1 (windows-1252)'. */
  charsetProblems: string[];
}

// Parts that feed `bounce` and `text` rather than the attachment list.
const reportParts = /^(message\/(global-)?delivery-status|text\/rfc822-headers|message\/global-headers)$/i;
const MAX_HEADERS = 500;

/** End of the top-level header block, or -1 when it is not within `limit` bytes. */
function headerEnd(raw: Buffer, limit: number): number {
  const window = raw.subarray(0, Math.min(raw.length, limit + 4));
  const crlf = window.indexOf('\r\n\r\n');
  const lf = window.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : raw.length <= limit ? raw.length : -1;
}

// NUL and other C0 controls (except tab, line breaks and form feed) are never text, and PostgreSQL
// refuses NUL in text columns: a message carrying one must still be storable.
const stripControls = (s: string) => s.replace(/[\0-\x08\x0b\x0e-\x1f\x7f]/g, '');

/** A forwarded message without a file name is named after its own subject. */
function embeddedName(content: Buffer, contentType: string, hint: string | undefined): string | undefined {
  if (contentType !== 'message/rfc822' && contentType !== 'message/global') return undefined;
  const head = content.subarray(0, 64 * 1024).toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const subject = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1];
  const decoded = subject ? decodeHeaderValue(subject.replace(/\r?\n[ \t]/g, ' '), hint, []).trim().slice(0, 120) : '';
  return decoded ? `${decoded}.eml` : undefined;
}

export async function parseMail(raw: Buffer, limits?: Partial<ParseLimits>): Promise<ParsedMail> {
  const l: ParseLimits = { ...defaultParseLimits, ...limits };
  if (raw.length > l.maxBytes) throw new MailTooLargeError(raw.length, l.maxBytes);
  // Refused before any parsing work: a giant header line costs nothing to detect here.
  if (headerEnd(raw, l.maxHeaderBytes) < 0) {
    throw new MailMalformedError(`the header block is larger than the maxHeaderBytes limit of ${l.maxHeaderBytes} bytes`, 'maxHeaderBytes');
  }
  const charsetProblems: string[] = [];
  const mime = await walkMime(raw, l, charsetProblems);
  const hint = mime.hint;

  const rawHeaders = new Map<string, string>();
  for (const { line } of mime.headerLines) {
    const header = splitHeaderLine(line);
    // `__proto__` as a key of the plain headers object would be a prototype write, not a header.
    if (header && header.name !== '__proto__' && !rawHeaders.has(header.name) && rawHeaders.size < MAX_HEADERS) rawHeaders.set(header.name, header.value);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of rawHeaders) headers[name] = decodeHeaderValue(value, hint, charsetProblems);

  const from = parseAddresses(rawHeaders.get('from') ?? rawHeaders.get('sender'), hint, charsetProblems)[0] ?? null;
  const subject = (headers.subject ?? '').replace(/\s+/g, ' ').trim();

  const uu = extractUuencoded(mime.text);
  const reports = mime.attachments.filter((a) => reportParts.test(a.contentType));
  const reportText = reports.map((a) => a.content.subarray(0, 256 * 1024).toString('utf8')).join('\n');

  let text = stripControls(uu.text);
  let html: string;
  let visibleText: string;
  if (mime.html.trim()) {
    const folded = foldQuotes(sanitizeEmailHtml(stripControls(mime.html)));
    html = folded.html;
    if (!text.trim()) text = folded.text;
    visibleText = text.trim() && uu.text.trim() ? visibleTextOf(text) : folded.visibleText;
  } else {
    html = textToHtml(text);
    visibleText = visibleTextOf(text);
  }
  if (reportText) text = `${text}\n\n${stripControls(reportText)}`.trim();

  const cidRefs = new Set([...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]!));
  const attachments: ParsedAttachment[] = [];
  for (const a of mime.attachments) {
    if (reportParts.test(a.contentType)) continue;
    const contentType = a.contentType;
    const cid = a.cid ?? null;
    attachments.push({
      filename: safeFilename(a.filename ?? embeddedName(a.content, contentType, hint), attachments.length + 1, contentType),
      contentType,
      content: a.content,
      size: a.content.length,
      contentId: cid,
      inline: cid !== null && (a.related || cidRefs.has(cid)),
    });
  }
  for (const file of uu.files) {
    const filename = safeFilename(file.filename, attachments.length + 1, 'application/octet-stream');
    attachments.push({ filename, contentType: contentTypeFor(filename), content: file.content, size: file.content.length, contentId: null, inline: false });
  }

  const bounce = parseBounce({
    contentType: rawHeaders.get('content-type') ?? '',
    fromAddress: from?.address ?? null,
    failedRecipient: parseAddresses(rawHeaders.get('x-failed-recipients'), hint, charsetProblems)[0]?.address ?? null,
    subject,
    text,
    parts: mime.attachments.map((a) => ({ contentType: a.contentType, content: a.content })),
  });

  return {
    messageId: parseMessageId(rawHeaders.get('message-id')),
    inReplyTo: parseMessageIds(rawHeaders.get('in-reply-to'))[0] ?? null,
    references: parseMessageIds(rawHeaders.get('references')),
    subject,
    from,
    replyTo: parseAddresses(rawHeaders.get('reply-to'), hint, charsetProblems),
    to: parseAddresses(rawHeaders.get('to'), hint, charsetProblems),
    cc: parseAddresses(rawHeaders.get('cc'), hint, charsetProblems),
    date: parseDate(rawHeaders.get('date')),
    headers,
    html,
    text,
    visibleText,
    attachments,
    bounce,
    autoReply: autoReplyReason(headers, from, subject),
    charsetProblems: [...new Set(charsetProblems)],
  };
}

/**
 * sha256 (hex) of the raw message with CRLF and lone CR read as LF and trailing line breaks dropped,
 * so the copy fetched over IMAP and the one received over SMTP hash alike (dedupe without Message-ID).
 */
export function contentHash(raw: Buffer): string {
  const hash = createHash('sha256');
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === 0x0a || raw[end - 1] === 0x0d)) end--;
  let start = 0;
  for (let cr = raw.indexOf(0x0d, 0); cr >= 0 && cr < end; cr = raw.indexOf(0x0d, start)) {
    hash.update(raw.subarray(start, cr));
    if (raw[cr + 1] !== 0x0a) hash.update('\n');
    start = cr + 1;
  }
  hash.update(raw.subarray(start, end));
  return hash.digest('hex');
}

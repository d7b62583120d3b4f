/*
 * What our email to customers looks like: pure functions, so every rule (subject token, references
 * chain, language, quoting) is tested without a server. Everything that came from people (names,
 * subjects, the quoted message) is escaped in HTML; the agent's reply is HTML sanitized on arrival.
 */
import type { Locale } from '@kefu/contracts';

/** References keep the thread's first and latest ids; long threads would otherwise grow headers without bound. */
export const REFERENCES_CAP = 20;
/** The quoted customer message is shortened past this many characters. */
export const QUOTE_MAX_CHARS = 4000;
const SUBJECT_MAX = 200;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const oneLine = (s: string) => s.replace(/[\s\u2028\u2029]+/g, ' ').trim();

/** Reply and forward prefixes of the mail clients our customers use, in Chinese and other languages. */
const PREFIX = /^(?:(?:re|aw|sv|vs|antw|fw|fwd|wg|tr|回复|回覆|答复|答覆|转发|轉寄|轉發)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;
const TOKEN = /\[#\d+\]/g;

/** `Re: <subject> [#10042]`: one prefix and one token however many times the subject went back and forth. */
export function replySubject(subject: string, ticketNumber: number): string {
  let base = oneLine(subject.replace(TOKEN, ' '));
  for (let previous = ''; previous !== base; ) {
    previous = base;
    base = oneLine(base.replace(PREFIX, '').replace(TOKEN, ' '));
  }
  if (base.length > SUBJECT_MAX) base = `${base.slice(0, SUBJECT_MAX - 1)}…`;
  return `Re: ${base ? `${base} ` : ''}[#${ticketNumber}]`;
}

/** `Name <address>` for a mailbox, the name quoted so commas or brackets in it cannot split it. */
export function mailboxFrom(mailbox: { name: string; address: string; smtpFrom: string | null }): string {
  if (mailbox.smtpFrom) return mailbox.smtpFrom;
  const name = mailbox.name.replace(/["\\\r\n]/g, '').trim();
  return name ? `"${name}" <${mailbox.address}>` : mailbox.address;
}

/** Message-IDs as stored (no angle brackets) → as written in a header. */
export const bracketed = (id: string) => `<${id.replace(/^<|>$/g, '')}>`;

/**
 * The References of a reply to `parent` (RFC 5322 §3.6.4): the parent's references, then the
 * parent itself; capped to the first id (the thread's root) and the latest ones.
 */
export function referencesFor(parent: { messageId: string | null; references: readonly string[] } | null, cap = REFERENCES_CAP): string[] {
  if (!parent) return [];
  const chain = [...new Set([...parent.references, ...(parent.messageId ? [parent.messageId] : [])].map((r) => r.replace(/^<|>$/g, '')).filter(Boolean))];
  return chain.length <= cap ? chain : [chain[0]!, ...chain.slice(chain.length - (cap - 1))];
}

export interface QuotedMessage {
  authorName: string;
  authorAddress: string | null;
  at: Date;
  text: string;
}

export interface ReplyMail {
  locale: Locale;
  customerName: string;
  agentName: string;
  mailboxName: string;
  ticketNumber: number;
  /** The reply as sanitized HTML and its text. */
  html: string;
  text: string;
  quoted: QuotedMessage | null;
  timeZone?: string | undefined;
}

interface Strings {
  greeting: (name: string) => string;
  regards: string;
  reference: (n: number) => string;
  wrote: (when: string, who: string) => string;
}

const zh: Strings = {
  greeting: (n) => `${n}，您好：`,
  regards: '此致',
  reference: (n) => `工单号 #${n}。如需补充，直接回复本邮件即可，请保留邮件主题中的工单号。`,
  wrote: (when, who) => `${when}，${who} 写道：`,
};
const en: Strings = {
  greeting: (n) => `Hello ${n},`,
  regards: 'Best regards,',
  reference: (n) => `Ticket #${n}. To add anything, simply reply to this email and keep the ticket number in the subject.`,
  wrote: (when, who) => `On ${when}, ${who} wrote:`,
};
const stringsOf = (locale: Locale) => (locale === 'en' ? en : zh);

function when(at: Date, locale: Locale, timeZone: string | undefined) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(at);
}

function shorten(text: string) {
  const t = text.replace(/\r\n?/g, '\n').trim();
  return t.length > QUOTE_MAX_CHARS ? `${t.slice(0, QUOTE_MAX_CHARS)}…` : t;
}

const HTML_STYLE = "font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:14px;color:#1f1f1f;line-height:1.6";

/**
 * An agent's reply: greeting, the reply, the agent's signature and the ticket reference, then the
 * customer's previous message quoted below — the way people write mail, with no "reply above this
 * line" marker (threading rides on Message-ID headers and the subject token instead).
 */
export function composeReply(r: ReplyMail): { text: string; html: string } {
  const s = stringsOf(r.locale);
  const customer = oneLine(r.customerName) || (r.locale === 'en' ? 'there' : '客户');
  const agent = oneLine(r.agentName);
  const mailbox = oneLine(r.mailboxName);
  const quoted = r.quoted ? { ...r.quoted, text: shorten(r.quoted.text) } : null;
  const who = quoted ? (quoted.authorAddress ? `${oneLine(quoted.authorName)} <${quoted.authorAddress}>` : oneLine(quoted.authorName)) : '';
  const intro = quoted ? s.wrote(when(quoted.at, r.locale, r.timeZone), who) : '';

  const text = [
    s.greeting(customer), '', r.text.trim(), '', s.regards, agent, mailbox, '', s.reference(r.ticketNumber),
    ...(quoted ? ['', intro, ...quoted.text.split('\n').map((l) => (l ? `> ${l}` : '>'))] : []),
    '',
  ].join('\n');

  const html =
    `<!doctype html><html><body style="${HTML_STYLE}">` +
    `<p>${escapeHtml(s.greeting(customer))}</p>` +
    `<div>${r.html}</div>` +
    `<p>${escapeHtml(s.regards)}<br>${escapeHtml(agent)}<br>${escapeHtml(mailbox)}</p>` +
    `<p style="color:#8c8c8c;font-size:12px">${escapeHtml(s.reference(r.ticketNumber))}</p>` +
    (quoted
      ? `<div style="margin-top:16px"><div style="color:#595959">${escapeHtml(intro)}</div>` +
        `<blockquote style="margin:4px 0 0;padding:0 0 0 12px;border-left:3px solid #d9d9d9;color:#595959">` +
        `${quoted.text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('')}</blockquote></div>`
      : '') +
    `</body></html>`;
  return { text, html };
}

export interface TemplateValues {
  'ticket.number': string;
  'ticket.subject': string;
  'customer.name': string;
}

/** Fills `{{ticket.number}}`-style placeholders; unknown ones are left as they are. */
export function fillTemplate(template: string, values: TemplateValues, escape: (s: string) => string = (s) => s): string {
  return template.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? escape(values[key as keyof TemplateValues]) : whole,
  );
}

/** An acknowledgment from an admin's template: a header-safe subject, text, and escaped HTML paragraphs. */
export function composeAcknowledgment(template: { subject: string; body: string }, values: TemplateValues) {
  const oneLineValues = { ...values, 'ticket.subject': oneLine(values['ticket.subject']), 'customer.name': oneLine(values['customer.name']) };
  const subject = oneLine(fillTemplate(template.subject, oneLineValues)).slice(0, SUBJECT_MAX) || `[#${values['ticket.number']}]`;
  const text = fillTemplate(template.body, values).replace(/\r\n?/g, '\n');
  const html =
    `<!doctype html><html><body style="${HTML_STYLE}">` +
    text.trim().split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') +
    `</body></html>`;
  return { subject, text, html };
}

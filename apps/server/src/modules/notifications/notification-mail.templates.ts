/*
 * Notification mail to staff, in 简体中文 or English by the recipient's own language. Everything
 * that came from users (ticket subjects, names) is escaped in the HTML part and kept to one line
 * in headers; the structure around it is ours.
 */
import type { Locale } from '@kefu/contracts';

export interface MailItem {
  /** The kind as emitted (`complaint.urgent`), not its preference group. */
  kind: string;
  ticketId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

export interface Recipient {
  name: string;
  locale: Locale;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** A digest lists at most this many; the rest are counted. */
export const DIGEST_LIST_LIMIT = 50;

interface Strings {
  short: Record<string, string>;
  happened: Record<string, (actor: string, ticket: string) => string>;
  other: (actor: string, kind: string, ticket: string) => string;
  greeting: (name: string) => string;
  ticket: string;
  open: string;
  footer: string;
  digestSubject: (n: number) => string;
  digestIntro: (n: number) => string;
  more: (n: number) => string;
  colon: string;
}

const zh: Strings = {
  short: {
    'ticket.assigned': '分配给您', mentioned: '有人提到了您', 'customer.replied': '客户已回复', 'sla.warning': 'SLA 预警',
    'sla.breached': 'SLA 已超时', escalation: '工单已升级', 'ticket.escalated': '工单已升级', 'complaint.urgent': '紧急投诉',
    'follow_up.scheduled': '待回访',
    'email.bounced': '邮件未送达',
    'ticket.rated': '客户已评价',
  },
  happened: {
    'ticket.assigned': (a, t) => `${a} 将工单 ${t} 分配给了您。`,
    mentioned: (a, t) => `${a} 在工单 ${t} 中提到了您。`,
    'customer.replied': (_a, t) => `客户回复了工单 ${t}。`,
    'sla.warning': (_a, t) => `工单 ${t} 即将超出服务时限（SLA）。`,
    'sla.breached': (_a, t) => `工单 ${t} 已超出服务时限（SLA）。`,
    escalation: (_a, t) => `工单 ${t} 已升级，需要您关注。`,
    'ticket.escalated': (_a, t) => `工单 ${t} 已升级，需要您关注。`,
    'complaint.urgent': (_a, t) => `紧急投诉 ${t} 需要主管立即关注。`,
    'follow_up.scheduled': (_a, t) => `工单 ${t} 已安排回访。`,
    'email.bounced': (_a, t) => `工单 ${t} 的回复邮件未能送达客户，请核对客户的邮箱地址。`,
    'ticket.rated': (_a, t) => `客户对工单 ${t} 的处理做出了满意度评价。`,
  },
  other: (a, k, t) => `${a}：${k}（工单 ${t}）`,
  greeting: (n) => `${n}，您好：`,
  ticket: '工单',
  open: '查看工单',
  footer: '这是 Kefu 客服系统自动发送的通知，请勿直接回复。可在个人资料的“通知设置”中调整接收方式。',
  digestSubject: (n) => `[Kefu] 您有 ${n} 条新通知`,
  digestIntro: (n) => `最近几分钟内有 ${n} 条通知，汇总如下：`,
  more: (n) => `另有 ${n} 条通知，请登录 Kefu 查看。`,
  colon: '：',
};

const en: Strings = {
  short: {
    'ticket.assigned': 'Assigned to you', mentioned: 'You were mentioned', 'customer.replied': 'Customer replied', 'sla.warning': 'SLA warning',
    'sla.breached': 'SLA breached', escalation: 'Escalated', 'ticket.escalated': 'Escalated', 'complaint.urgent': 'Urgent complaint',
    'follow_up.scheduled': 'Follow-up due',
    'email.bounced': 'Email not delivered',
    'ticket.rated': 'Customer rated',
  },
  happened: {
    'ticket.assigned': (a, t) => `${a} assigned ticket ${t} to you.`,
    mentioned: (a, t) => `${a} mentioned you on ticket ${t}.`,
    'customer.replied': (_a, t) => `The customer replied on ticket ${t}.`,
    'sla.warning': (_a, t) => `Ticket ${t} is close to missing its SLA target.`,
    'sla.breached': (_a, t) => `Ticket ${t} has breached its SLA target.`,
    escalation: (_a, t) => `Ticket ${t} was escalated and needs your attention.`,
    'ticket.escalated': (_a, t) => `Ticket ${t} was escalated and needs your attention.`,
    'complaint.urgent': (_a, t) => `Urgent complaint ${t} needs a supervisor's attention now.`,
    'follow_up.scheduled': (_a, t) => `A follow-up call is scheduled for ticket ${t}.`,
    'email.bounced': (_a, t) => `The email reply on ticket ${t} did not reach the customer; check their address.`,
    'ticket.rated': (_a, t) => `The customer rated how ticket ${t} was handled.`,
  },
  other: (a, k, t) => `${a}: ${k} (ticket ${t})`,
  greeting: (n) => `Hello ${n},`,
  ticket: 'Ticket',
  open: 'Open the ticket',
  footer: 'This notification was sent automatically by Kefu; please do not reply. You can change what you receive under Notification settings in your profile.',
  digestSubject: (n) => `[Kefu] ${n} new notifications`,
  digestIntro: (n) => `${n} notifications arrived in the last few minutes:`,
  more: (n) => `${n} more — sign in to Kefu to see them.`,
  colon: ': ',
};

const strings = (locale: Locale) => (locale === 'en' ? en : zh);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The fields a template uses, read defensively: `data` is whatever the emitter stored. */
function facts(item: MailItem, publicUrl: string) {
  const number = typeof item.data.number === 'number' && Number.isInteger(item.data.number) ? `#${item.data.number}` : '';
  const subject = typeof item.data.subject === 'string' ? oneLine(item.data.subject, 200) : '';
  const link = item.ticketId ? `${publicUrl}/tickets/${encodeURIComponent(item.ticketId)}` : publicUrl;
  return { number, subject, link, actor: oneLine(item.actorName ?? 'Kefu', 100) };
}

function happened(s: Strings, item: MailItem, actor: string, ticket: string) {
  const say = s.happened[item.kind];
  const sentence = say ? say(actor, ticket) : s.other(actor, oneLine(item.kind, 60), ticket);
  // Without a number the sentence has a gap: close it, and the space before its punctuation.
  return sentence.replace(/ {2,}/g, ' ').replace(/ ([。，）.,)])/g, '$1');
}

const wrapHtml = (inner: string, footer: string) =>
  `<!doctype html><html><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:14px;color:#1f1f1f;line-height:1.6">` +
  `${inner}<hr style="border:none;border-top:1px solid #e5e5e5;margin:24px 0 12px">` +
  `<p style="color:#8c8c8c;font-size:12px">${escapeHtml(footer)}</p></body></html>`;

/** One notification, one mail. */
export function composeSingle(item: MailItem, to: Recipient, publicUrl: string): ComposedMail {
  const s = strings(to.locale);
  const f = facts(item, publicUrl);
  const what = happened(s, item, f.actor, f.number);
  const short = s.short[item.kind] ?? oneLine(item.kind, 60);
  const subject = `[Kefu${f.number ? ` ${f.number}` : ''}] ${short}${f.subject ? `${s.colon}${f.subject}` : ''}`;
  const ticketLine = `${s.ticket}${s.colon}${[f.number, f.subject].filter(Boolean).join(' ')}`;
  const text = [s.greeting(oneLine(to.name, 100)), '', what, '', ticketLine, `${s.open}${s.colon}${f.link}`, '', '—', s.footer, ''].join('\n');
  const html = wrapHtml(
    `<p>${escapeHtml(s.greeting(oneLine(to.name, 100)))}</p>` +
      `<p>${escapeHtml(what)}</p>` +
      `<p><strong>${escapeHtml(s.ticket)}${escapeHtml(s.colon)}</strong>${escapeHtml([f.number, f.subject].filter(Boolean).join(' '))}</p>` +
      `<p><a href="${escapeHtml(f.link)}" style="display:inline-block;padding:6px 16px;background:#1677ff;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(s.open)}</a></p>`,
    s.footer,
  );
  return { subject, text, html };
}

/** Several notifications held during a window, one mail listing them oldest first. */
export function composeDigest(items: MailItem[], to: Recipient, publicUrl: string): ComposedMail {
  const s = strings(to.locale);
  const shown = items.slice(0, DIGEST_LIST_LIMIT).map((item) => {
    const f = facts(item, publicUrl);
    return { ...f, what: happened(s, item, f.actor, f.number) };
  });
  const rest = items.length - shown.length;
  const textLines = shown.flatMap((x) => [`• ${x.what}${x.subject ? ` ${x.subject}` : ''}`, `  ${x.link}`]);
  const text = [
    s.greeting(oneLine(to.name, 100)), '', s.digestIntro(items.length), '', ...textLines,
    ...(rest > 0 ? ['', s.more(rest)] : []), '', '—', s.footer, '',
  ].join('\n');
  const list = shown
    .map((x) => `<li style="margin-bottom:8px">${escapeHtml(x.what)}${x.subject ? ` <strong>${escapeHtml(x.subject)}</strong>` : ''}<br>` +
      `<a href="${escapeHtml(x.link)}">${escapeHtml(s.open)}</a></li>`)
    .join('');
  const html = wrapHtml(
    `<p>${escapeHtml(s.greeting(oneLine(to.name, 100)))}</p><p>${escapeHtml(s.digestIntro(items.length))}</p><ul>${list}</ul>` +
      (rest > 0 ? `<p>${escapeHtml(s.more(rest))}</p>` : ''),
    s.footer,
  );
  return { subject: s.digestSubject(items.length), text, html };
}

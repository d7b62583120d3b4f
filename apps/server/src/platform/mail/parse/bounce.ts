/**
 * Delivery failure reports: RFC 3464 `multipart/report; report-type=delivery-status` (Postfix,
 * Exchange, Gmail, Sendmail) and the free-form notices of mailers that do not send one (QQ Mail and
 * NetEase "系统退信", old qmail "failure notice").
 */
export interface ParsedBounce {
  originalMessageId: string | null;
  recipient: string | null;
  status: string | null;
  action: string | null;
  diagnostic: string | null;
}

export interface BounceInput {
  contentType: string;
  fromAddress: string | null;
  /** Exim and others name the failed address in `X-Failed-Recipients`. */
  failedRecipient: string | null;
  subject: string;
  text: string;
  parts: { contentType: string; content: Buffer }[];
}

const daemonSender = /^(mailer-daemon|mail-daemon|postmaster|mailerdaemon|maildelivery|mail-delivery-subsystem|bounce[s]?|returns?)@/i;
const bounceSubject = /undeliver|returned mail|return(ed)? to sender|delivery (status notification|failure|has failed|failed)|failure notice|mail delivery failed|not delivered|退信|无法投递|投递失败|未能送达|邮件被退回|发送失败|無法傳遞|退回/i;

/** Header fields of one block: folded lines joined, names lower-cased. */
function fields(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!map.has(name)) map.set(name, line.slice(colon + 1).trim());
    }
  }
  return map;
}

const typed = (value: string | undefined) => (value ? value.replace(/^[a-z0-9-]+;\s*/i, '').trim() : null);
const messageIdIn = (text: string) => /^\s*message-id:\s*<?([^\s<>]+@[^\s<>]+?)(?:>|\s|$)/im.exec(text)?.[1] ?? null;
const cap = (s: string | null) => (s && s.length > 1000 ? s.slice(0, 1000) : s);

function originalMessageId(input: BounceInput): string | null {
  for (const part of input.parts) {
    if (/^(message\/rfc822|text\/rfc822-headers|message\/global|message\/global-headers)$/i.test(part.contentType)) {
      const head = part.content.subarray(0, 64 * 1024).toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
      const id = messageIdIn(head.replace(/\r?\n[ \t]+/g, ' '));
      if (id) return id;
    }
  }
  return messageIdIn(input.text);
}

function fromReport(input: BounceInput, report: string): ParsedBounce {
  const blocks = report.split(/\r?\n\s*\r?\n/).map(fields).filter((f) => f.size > 0);
  const recipients = blocks.filter((f) => f.has('final-recipient') || f.has('original-recipient') || f.has('action'));
  const chosen = recipients.find((f) => /failed|delayed/i.test(f.get('action') ?? '')) ?? recipients[0] ?? new Map<string, string>();
  return {
    originalMessageId: originalMessageId(input),
    recipient: typed(chosen.get('final-recipient') ?? chosen.get('original-recipient'))?.toLowerCase() ?? input.failedRecipient,
    status: /\d\.\d{1,3}\.\d{1,3}/.exec(chosen.get('status') ?? '')?.[0] ?? null,
    action: chosen.get('action')?.toLowerCase() ?? null,
    diagnostic: cap(typed(chosen.get('diagnostic-code'))),
  };
}

function fromFreeText(input: BounceInput): ParsedBounce {
  const text = input.text.slice(0, 200_000);
  const addresses = [...text.matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi)].map((m) => m[0].toLowerCase());
  const recipient = input.failedRecipient ?? addresses.find((a) => !daemonSender.test(a) && a !== input.fromAddress) ?? null;
  const diagnostic = /^.*\b[45]\d\d[ -].{3,}$/m.exec(text)?.[0]?.trim() ?? /^.*(原因|reason|error)[:：].*$/im.exec(text)?.[0]?.trim() ?? null;
  return {
    originalMessageId: originalMessageId(input),
    recipient,
    status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ?? null,
    action: 'failed',
    diagnostic: cap(diagnostic),
  };
}

export function parseBounce(input: BounceInput): ParsedBounce | null {
  const report = input.parts.find((p) => /^message\/(global-)?delivery-status$/i.test(p.contentType));
  if (report) return fromReport(input, report.content.subarray(0, 256 * 1024).toString('utf8'));
  const isReport = /multipart\/report/i.test(input.contentType) && /report-type\s*=\s*"?delivery-status/i.test(input.contentType);
  if (isReport) return fromFreeText(input);
  if (input.fromAddress && daemonSender.test(input.fromAddress) && bounceSubject.test(input.subject)) return fromFreeText(input);
  return null;
}

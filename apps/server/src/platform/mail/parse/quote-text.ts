/**
 * Where quoted history and signatures start in a plain-text body. Mail clients mark a reply in a
 * handful of ways; each pattern below is a shape a real client writes (Gmail, Outlook, Foxmail,
 * QQ Mail, Apple Mail, NetEase), in English and Chinese.
 */

// A line that on its own starts the quoted history.
const historyLine = [
  /^-{3,}\s*(original message|原始邮件|原始郵件|original|回复的原邮件|转发的邮件)\s*-{3,}\s*$/i,
  /^-{3,}\s*(reply message|回复邮件)\s*-{3,}\s*$/i,
  /^_{20,}\s*$/, // Outlook's rule above "From: … Sent: …"; confirmed by the header block check below
  /^在.{1,200}写道[:：]\s*$/,
  /^.{1,200}于.{1,100}写道[:：]\s*$/,
  /^on\s.{1,250}\bwrote:\s*$/i,
  /^le\s.{1,250}\ba écrit\s*:\s*$/i,
  /^am\s.{1,250}\bschrieb.{0,80}:\s*$/i,
];

// Outlook, Foxmail and QQ write the quoted message's headers as a block: From then Sent/Date.
const headerStart = /^\*?(from|发件人|寄件者|发信人)\s*\*?\s*[:：]/i;
// Only a date line confirms the block: "From: Beijing / To: Shanghai" in a customer's own text is not
// quoted history.
const headerFollow = /^\*?(sent|date|发送时间|时间|日期|寄件日期|傳送時間)\s*\*?\s*[:：]/i;

const signatureLine = [/^-- $/, /^(sent from my|发自我的|从我的|来自我的|get outlook for)\b.{0,60}$/i, /^--$/];

function isHeaderBlock(lines: string[], i: number): boolean {
  if (!headerStart.test(lines[i]!.trim())) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) if (headerFollow.test(lines[j]!.trim())) return true;
  return false;
}

/** Index of the first line of quoted history, or -1. */
export function findQuoteStart(lines: string[]): number {
  // Where the trailing run of quoted (or blank) lines begins, found once from the end so that a
  // message of many quoted lines costs linear time.
  let tail = lines.length;
  while (tail > 0 && (lines[tail - 1]!.trim() === '' || lines[tail - 1]!.trim().startsWith('>'))) tail--;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (line.startsWith('>')) {
      // A trailing run of quoted lines is history; interleaved quotes are an inline reply, whose
      // answers must stay visible.
      if (i >= tail) return i;
      continue;
    }
    if (/^_{20,}$/.test(line)) {
      if (i + 1 < lines.length && isHeaderBlock(lines, i + 1)) return i;
      continue;
    }
    if (historyLine.some((re) => re.test(line))) return i;
    if (/^on\s/i.test(line) && i + 1 < lines.length && /\bwrote:\s*$/i.test(lines[i + 1]!) && line.length < 200) return i;
    if (isHeaderBlock(lines, i)) return i;
  }
  return -1;
}

/** Index of the first signature line (before `end`), or -1. */
export function findSignatureStart(lines: string[], end = lines.length): number {
  for (let i = 0; i < end; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    // "-- " is the RFC 3676 delimiter; many clients strip its trailing space, but a bare "--" may
    // also be a separator in the text, so it only counts before a signature-sized tail. Mobile
    // footers ("Sent from my iPhone", "发自我的iPhone") only count near the end.
    if (signatureLine[0]!.test(line)) return i;
    if (signatureLine[2]!.test(line) && end - i <= 7) return i;
    if (end - i <= 3 && signatureLine[1]!.test(line.trim())) return i;
  }
  return -1;
}

/** The text a person wrote in this message: no quoted history, no signature. */
export function visibleTextOf(text: string): string {
  const lines = text.split('\n');
  const quote = findQuoteStart(lines);
  const end = quote >= 0 ? quote : lines.length;
  const signature = findSignatureStart(lines, end);
  const kept = lines.slice(0, signature >= 0 ? signature : end).filter((line) => !line.trim().startsWith('>'));
  return kept.join('\n').trim();
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => escapes[c]!);
const url = /\bhttps?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f]{1,2000}/g;

function linesToHtml(lines: string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const push = () => {
    if (current.length) paragraphs.push(`<p>${current.join('<br>')}</p>`);
    current = [];
  };
  for (const line of lines) {
    if (!line.trim()) push();
    else {
      let html = '';
      let last = 0;
      for (const m of line.matchAll(url)) {
        const href = m[0].replace(/[.,;:!?)\]]+$/, '');
        html += `${escapeHtml(line.slice(last, m.index))}<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(href)}</a>`;
        last = m.index + href.length;
      }
      current.push(html + escapeHtml(line.slice(last)));
    }
  }
  push();
  return paragraphs.join('');
}

/**
 * HTML for a text-only message: paragraphs and links, with the signature and quoted history each
 * wrapped in `<div data-kefu-quote>` so the UI can fold them.
 */
export function textToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quote = findQuoteStart(lines);
  const end = quote >= 0 ? quote : lines.length;
  const signature = findSignatureStart(lines, end);
  const bodyEnd = signature >= 0 ? signature : end;
  let html = linesToHtml(lines.slice(0, bodyEnd));
  if (signature >= 0) html += `<div data-kefu-quote="signature">${linesToHtml(lines.slice(signature, end))}</div>`;
  if (quote >= 0) html += `<div data-kefu-quote="history">${linesToHtml(lines.slice(quote))}</div>`;
  return html;
}

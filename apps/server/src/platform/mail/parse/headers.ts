import addressparser from 'nodemailer/lib/addressparser/index.js';
import { decodeBytes } from './charset.js';

export interface MailAddress {
  /** Lower-cased; an internationalized domain stays as the sender wrote it (Unicode or punycode). */
  address: string;
  name: string;
}

/** Longest decoded header value kept: enough for any real header, bounded for hostile ones. */
export const HEADER_VALUE_CAP = 8 * 1024;

/** Raw header line (a binary string, as mailsplit keeps it) → name and unfolded raw value. */
export function splitHeaderLine(line: string): { name: string; value: string } | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  return { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).replace(/\r?\n[ \t]/g, ' ').trim() };
}

/**
 * A raw header value as a JS string. Headers should be 7-bit, but Chinese clients write GBK bytes
 * straight into Subject and From; they are detected like a mislabelled body, with the message's
 * body charset as the hint.
 */
export function decodeRawHeader(binary: string, hint: string | undefined, problems: string[]): string {
  if (!/[\x80-\xff]/.test(binary)) return binary;
  const { text, problem } = decodeBytes(Buffer.from(binary, 'latin1'), '', hint);
  if (problem) problems.push(`header: ${problem}`);
  return text;
}

const encodedWord = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function wordBytes(encoding: string, data: string): Buffer {
  if (encoding.toLowerCase() === 'b') {
    // Invalid base64 still yields the bytes it can; padding errors are common.
    return Buffer.from(data.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  }
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9a-fA-F]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * RFC 2047 encoded words. Adjacent words of the same charset are joined before decoding, because
 * clients split a multi-byte character across two words; whitespace between encoded words is not
 * part of the text.
 */
export function decodeWords(value: string, problems: string[], hint?: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let afterWord = false;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const { text, problem } = decodeBytes(Buffer.concat(pending.bytes), pending.charset, hint);
    if (problem) problems.push(`header: ${problem}`);
    out += text;
    pending = null;
  };
  for (const m of value.matchAll(encodedWord)) {
    const between = value.slice(last, m.index);
    if (/^b$/i.test(m[2]!) && /[^A-Za-z0-9+/=]/.test(m[3]!)) {
      // Not base64 at all: RFC 2047 says to show such a word as it is.
      flush();
      out += between + m[0];
      last = m.index + m[0].length;
      afterWord = false;
      continue;
    }
    const joined = afterWord && between.trim() === '';
    const charset = m[1]!.replace(/\*.*$/, '').toLowerCase();
    if (pending && (!joined || pending.charset !== charset)) flush();
    if (!joined) out += between;
    pending ??= { charset, bytes: [] };
    pending.bytes.push(wordBytes(m[2]!, m[3]!));
    last = m.index + m[0].length;
    afterWord = true;
  }
  flush();
  return out + value.slice(last);
}

/** A header value decoded for display: raw 8-bit bytes, then encoded words, capped. */
export function decodeHeaderValue(binary: string, hint: string | undefined, problems: string[]): string {
  const raw = binary.length > HEADER_VALUE_CAP * 4 ? binary.slice(0, HEADER_VALUE_CAP * 4) : binary;
  const text = decodeWords(decodeRawHeader(raw, hint, problems), problems, hint).replace(/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
  return text.length > HEADER_VALUE_CAP ? text.slice(0, HEADER_VALUE_CAP) : text;
}

const plausibleAddress = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

/** Address header → mailboxes, groups flattened, names decoded, invalid entries dropped. */
export function parseAddresses(binary: string | undefined, hint: string | undefined, problems: string[]): MailAddress[] {
  if (!binary) return [];
  const unfolded = decodeRawHeader(binary.slice(0, HEADER_VALUE_CAP * 4), hint, problems);
  const result: MailAddress[] = [];
  for (const entry of addressparser(unfolded, { flatten: true })) {
    let address = (entry.address ?? '').trim();
    // An encoded word in the address position (some mailers encode the whole mailbox).
    if (address.includes('=?')) address = decodeWords(address, problems, hint).trim();
    if (!plausibleAddress.test(address)) continue;
    const name = decodeWords(entry.name ?? '', problems, hint).replace(/[\0-\x1f\x7f]/g, '').replace(/^["']|["']$/g, '').trim().slice(0, 256);
    result.push({ address: address.toLowerCase(), name });
    if (result.length >= 500) break;
  }
  return result;
}

const messageIdToken = /<([^<>\s]{1,900})>/g;
const bareMessageId = /^[^<>\s@]{1,500}@[^<>\s@]{1,400}$/;

/** `<local@host>` → `local@host`; null when missing or not a Message-ID. */
export function parseMessageId(value: string | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const bracketed = [...trimmed.matchAll(messageIdToken)][0]?.[1];
  const id = bracketed ?? trimmed;
  return bareMessageId.test(id) ? id : null;
}

/** All Message-IDs in a References/In-Reply-To value, in order, without duplicates. */
export function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(messageIdToken)].map((m) => m[1]!).filter((id) => bareMessageId.test(id));
  const found = ids.length ? ids : value.split(/[\s,]+/).filter((id) => bareMessageId.test(id));
  return [...new Set(found)].slice(0, 200);
}

/** RFC 5322 date, tolerating comments and missing parts; null when unreadable. */
export function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const cleaned = value.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const date = new Date(cleaned);
  if (!Number.isNaN(date.getTime())) return date;
  // "Tue, 3 Nov 2026 10:00:00 +0800 CST" and similar trailing zone names.
  const withoutZoneName = new Date(cleaned.replace(/\s+[A-Z]{2,5}$/, ''));
  return Number.isNaN(withoutZoneName.getTime()) ? null : withoutZoneName;
}

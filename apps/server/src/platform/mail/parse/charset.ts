import iconv from 'iconv-lite';
import { detectCharset } from './charset-detect.js';

/**
 * Charset decoding for mail bodies and headers. Senders mislabel constantly (GBK bytes declared as
 * GB2312 or UTF-8, Big5-HKSCS declared as Big5, Shift_JIS with Windows extensions), so every label
 * is widened to the superset real clients actually emit, and undeclared or invalid bytes are
 * detected rather than turned into U+FFFD. Nothing here throws: a problem is reported, the text is
 * decoded as well as it can be.
 */
export interface Decoded {
  text: string;
  /** Human-readable reason when the declared charset was not used as is; null when all went well. */
  problem: string | null;
}

// Labels decoded as a superset: the narrow charset's byte sequences mean the same in the wider one,
// and the wider one also covers what clients actually send under the narrow name.
const widened: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', cp936: 'gb18030', 'x-gbk': 'gb18030', 'gb_2312-80': 'gb18030', 'euc-cn': 'gb18030',
  'x-euc-cn': 'gb18030', 'csgb2312': 'gb18030', 'chinese': 'gb18030', 'windows-936': 'gb18030',
  big5: 'big5hkscs', 'big5-hkscs': 'big5hkscs', 'x-big5': 'big5hkscs', cp950: 'big5hkscs', 'cn-big5': 'big5hkscs', 'csbig5': 'big5hkscs',
  shift_jis: 'cp932', 'shift-jis': 'cp932', sjis: 'cp932', 'x-sjis': 'cp932', 'ms_kanji': 'cp932', 'windows-31j': 'cp932', 'cp932': 'cp932',
  'euc-kr': 'cp949', 'ks_c_5601-1987': 'cp949', 'ks_c_5601': 'cp949', 'ksc5601': 'cp949', 'windows-949': 'cp949', 'x-windows-949': 'cp949',
  // WHATWG practice: bytes 0x80-0x9F labelled Latin-1 are nearly always Windows-1252 punctuation.
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'iso_8859-1': 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'iso-8859-9': 'windows-1254', 'iso-8859-11': 'windows-874', 'tis-620': 'windows-874',
  'iso-8859-8-i': 'iso-8859-8', 'iso-8859-6-i': 'iso-8859-6',
  'unicode-1-1-utf-7': 'utf7', 'utf-7': 'utf7', 'x-unicode20utf8': 'utf8', 'utf8': 'utf8', 'utf-8': 'utf8',
};

/** Lower-cases a declared label and strips quotes, comments and RFC 2231 language suffixes. */
export function normalizeCharset(label: string | null | undefined): string {
  return (label ?? '').trim().replace(/^["']|["']$/g, '').replace(/\*.*$/, '').replace(/\s*\(.*$/, '').toLowerCase();
}

const isAscii = (bytes: Buffer): boolean => {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function validUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

// Frequent characters of each script: a candidate decoding of misdeclared bytes that produces them
// (rather than rare ideographs or U+FFFD) is the right one.
/**
 * ISO-2022-JP (RFC 1468) is 7-bit JIS X 0208 switched on by escape sequences; iconv-lite lacks it,
 * so each run is shifted into EUC-JP, which iconv-lite decodes.
 */
function decodeIso2022Jp(bytes: Buffer): string {
  const out: number[] = [];
  let mode: 'ascii' | 'jis' | 'kana' = 'ascii';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const seq = bytes.subarray(i + 1, i + 3).toString('latin1');
      if (seq === '$B' || seq === '$@') mode = 'jis';
      else if (seq === '(J' || seq === '(B') mode = 'ascii';
      else if (seq === '(I') mode = 'kana';
      else if (bytes.subarray(i + 1, i + 4).toString('latin1') === '$(D') { mode = 'jis'; i += 1; }
      i += 2;
      continue;
    }
    if (b === 0x0a || b === 0x0d) {
      mode = 'ascii';
      out.push(b);
    } else if (mode === 'jis' && b >= 0x21 && b <= 0x7e && i + 1 < bytes.length) {
      out.push(b | 0x80, bytes[++i]! | 0x80);
    } else if (mode === 'kana' && b >= 0x21 && b <= 0x5f) {
      out.push(0x8e, b | 0x80);
    } else {
      out.push(b);
    }
  }
  return iconv.decode(Buffer.from(out), 'euc-jp');
}

/** Decodes `bytes` declared as `label` (empty when undeclared). Never throws. */
export function decodeBytes(bytes: Buffer, label: string | null | undefined, hint?: string): Decoded {
  const declared = normalizeCharset(label);
  if (isAscii(bytes) && !/^(utf-?7|unicode-1-1-utf-7|iso-2022|utf-?16|utf-?32|ucs-?2)/.test(declared)) {
    return { text: bytes.toString('latin1'), problem: null };
  }
  const preferred = hint ? widened[normalizeCharset(hint)] ?? normalizeCharset(hint) : undefined;
  const target = widened[declared] ?? declared;
  if (target === '' || target === 'utf8') {
    const utf8 = validUtf8(bytes);
    if (utf8 !== null) return { text: utf8, problem: null };
    const guess = detectCharset(bytes, preferred);
    return { text: guess.text, problem: `${declared ? `declared ${declared}` : 'undeclared charset'} but not valid UTF-8; decoded as ${guess.charset}` };
  }
  if (target === 'windows-1252') {
    // Western labels are the default of many old gateways, also on Chinese, Japanese or Korean text:
    // only a clear double-byte reading overrides them (detectCharset leans to Latin otherwise).
    const asciiLabel = declared === 'us-ascii' || declared === 'ascii';
    const utf8 = validUtf8(bytes);
    if (utf8 !== null) return { text: utf8, problem: asciiLabel ? null : `declared ${declared} but the bytes are UTF-8; decoded as utf-8` };
    const guess = detectCharset(bytes, preferred);
    if (guess.charset !== 'windows-1252') return { text: guess.text, problem: `declared ${declared} but the bytes read as ${guess.charset}; decoded as ${guess.charset}` };
    return { text: guess.text, problem: asciiLabel ? `8-bit bytes declared ${declared} decoded as windows-1252` : null };
  }
  if (target.startsWith('iso-2022-jp')) return { text: decodeIso2022Jp(bytes), problem: null };
  if (iconv.encodingExists(target)) {
    const text = iconv.decode(bytes, target);
    // A Latin or Cyrillic single-byte label on bytes that are valid UTF-8 is the most common mislabel
    // of all; text really in those charsets almost never forms valid UTF-8 multi-byte sequences.
    if (/^(windows-125[013-8]|iso-8859-|koi8|macintosh)/.test(target)) {
      const utf8 = validUtf8(bytes);
      if (utf8 !== null) return { text: utf8, problem: `declared ${declared} but the bytes are UTF-8; decoded as utf-8` };
    }
    return { text, problem: null };
  }
  const utf8 = validUtf8(bytes);
  if (utf8 !== null) return { text: utf8, problem: `unknown charset ${declared} decoded as utf-8` };
  const guess = detectCharset(bytes, preferred);
  return { text: guess.text, problem: `unknown charset ${declared} decoded as ${guess.charset === 'windows-1252' ? 'latin1 (windows-1252)' : guess.charset}` };
}

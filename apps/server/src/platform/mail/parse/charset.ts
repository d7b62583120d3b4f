import iconv from 'iconv-lite';

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
const commonSimplified = new Set(
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知' +
    '请问您订单货谢款收号码客户邮件原始发送时间题好吗呢吧啊已经没有还是什么怎样为什么因为所以但是如果可以需要问题服务产品退换修改发票抬头公司科技有限北京上海广州深圳申请处理联系电话地址快递物流价格支付帐账户登录密码系统',
);
const commonTraditional = new Set(
  '的一是不了人我在有他這為之大來以個中上們到說國和地也子時道出而要於就下得可你年生自會那後能對著事其裡所去行過家十用發天如然作方成者多日都三小二無同麼經法當起與好看學進種將還分此心前面又定見只主沒公從知' +
    '請問您訂單貨謝款收號碼客戶郵件原始發送時間題嗎呢吧啊已經沒有還是什麼怎樣因為所以但是如果可以需要問題服務產品退換修改發票公司處理聯絡電話地址價格支付帳戶登入密碼係咪唔該晒㗎',
);
// Hangul decodes out of most double-byte input, so only frequent syllables count as evidence of Korean.
const commonHangul = new Set('이다는에하고를의가을지서사기도니리습요나로어수시자있한아게주세안녕문상품배송합니감사드립께확인부탁드려요결제환불교환회원주소번호');

function score(text: string, common: Set<string>): number {
  let s = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) s -= 20;
    else if (common.has(ch) || commonHangul.has(ch)) s += 3;
    else if (c >= 0x3040 && c <= 0x30ff) s += 2; // kana
    else if (c >= 0xac00 && c <= 0xd7a3) s -= 0.5; // rare hangul syllables
    else if (c >= 0x4e00 && c <= 0x9fff) s += 0.2;
    else if (c >= 0x3000 && c <= 0x303f) s += 1; // CJK punctuation
    else if (c >= 0xff00 && c <= 0xffef) s += 1; // full-width forms
    else if (c >= 0xe000 && c <= 0xf8ff) s -= 10; // private use: a wrong double-byte guess
    else if (c >= 0x80 && c < 0x3000 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0xa0 && c <= 0xff)) s -= 2;
    else if (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) s -= 5;
  }
  return s;
}

const candidates: { charset: string; common: Set<string> }[] = [
  { charset: 'gb18030', common: commonSimplified },
  { charset: 'big5hkscs', common: commonTraditional },
  { charset: 'cp932', common: commonSimplified },
  { charset: 'cp949', common: commonHangul },
];

/**
 * Guesses the charset of bytes that are not valid UTF-8 among the East Asian double-byte charsets
 * and Windows-1252, by which decoding reads most like real text. `hint` (the charset the rest of the
 * message declared) wins ties.
 */
export function detectCharset(bytes: Buffer, hint?: string): { charset: string; text: string } {
  let best = { charset: 'windows-1252', text: iconv.decode(bytes, 'windows-1252'), score: 0 };
  const preferred = hint ? widened[normalizeCharset(hint)] ?? normalizeCharset(hint) : undefined;
  for (const { charset, common } of candidates) {
    const text = iconv.decode(bytes, charset);
    const s = score(text, common) + (charset === preferred ? 5 : 0);
    if (s > best.score) best = { charset, text, score: s };
  }
  return { charset: best.charset, text: best.text };
}

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
  const target = widened[declared] ?? declared;
  if (target === '' || target === 'utf8' || target === 'windows-1252' && (declared === 'us-ascii' || declared === 'ascii')) {
    const utf8 = validUtf8(bytes);
    if (utf8 !== null) return { text: utf8, problem: null };
    if (target === 'windows-1252') return { text: iconv.decode(bytes, 'windows-1252'), problem: `8-bit bytes declared ${declared} decoded as windows-1252` };
    const guess = detectCharset(bytes, hint);
    return { text: guess.text, problem: `${declared ? `declared ${declared}` : 'undeclared charset'} but not valid UTF-8; decoded as ${guess.charset}` };
  }
  if (target.startsWith('iso-2022-jp')) return { text: decodeIso2022Jp(bytes), problem: null };
  if (iconv.encodingExists(target)) {
    const text = iconv.decode(bytes, target);
    // A Latin or Cyrillic single-byte label on bytes that are valid UTF-8 is the most common mislabel
    // of all; text really in those charsets almost never forms valid UTF-8 multi-byte sequences.
    if (/^(windows-125|iso-8859-|koi8|macintosh)/.test(target)) {
      const utf8 = validUtf8(bytes);
      if (utf8 !== null) return { text: utf8, problem: `declared ${declared} but the bytes are UTF-8; decoded as utf-8` };
    }
    return { text, problem: null };
  }
  const utf8 = validUtf8(bytes);
  if (utf8 !== null) return { text: utf8, problem: `unknown charset ${declared} decoded as utf-8` };
  const guess = detectCharset(bytes, hint);
  return { text: guess.text, problem: `unknown charset ${declared} decoded as ${guess.charset === 'windows-1252' ? 'latin1 (windows-1252)' : guess.charset}` };
}

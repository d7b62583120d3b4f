import iconv from 'iconv-lite';

/**
 * Which charset undeclared or misdeclared 8-bit bytes are in: GB18030, Big5(-HKSCS), Shift_JIS,
 * EUC-KR (CP949) or a Latin single-byte charset. Each candidate is scored on the bytes (how many byte
 * pairs fall in the rows of its *frequent* characters: GB2312 level 1, Big5 常用字, kana, KS X 1001
 * hangul) and on the decoded text (how many of the most frequent characters of that language appear).
 * Only the first 64 KB are scored; the winner decodes the whole.
 */

const SAMPLE = 64 * 1024;

type PairClass = (lead: number, trail: number) => number | null;

// Score of a double-byte candidate: frequent rows count for it, rare rows slightly against it, a
// byte that cannot start or end a character strongly against it.
function pairScore(bytes: Buffer, classify: PairClass, lone: (b: number) => number): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const t = bytes[i + 1];
    const v = t === undefined ? null : classify(b, t);
    if (v === null) {
      s += lone(b);
      continue;
    }
    s += v;
    i++;
  }
  return s;
}

const inRange = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

const gb: PairClass = (l, t) => {
  if (!inRange(l, 0x81, 0xfe) || !(inRange(t, 0x40, 0x7e) || inRange(t, 0x80, 0xfe))) return null;
  if (inRange(l, 0xb0, 0xd7) && t >= 0xa1) return 1; // GB2312 level 1: the 3,755 frequent hanzi
  if (inRange(l, 0xa1, 0xa3) && t >= 0xa1) return 0.5; // full-width punctuation and forms
  return -0.3;
};
const big5: PairClass = (l, t) => {
  if (!inRange(l, 0x81, 0xfe) || !(inRange(t, 0x40, 0x7e) || inRange(t, 0xa1, 0xfe))) return null;
  if (inRange(l, 0xa4, 0xc6)) return 1; // 常用字: the 5,401 frequent characters
  if (inRange(l, 0xa1, 0xa3)) return 0.5; // punctuation
  return -0.3;
};
const sjis: PairClass = (l, t) => {
  if (!(inRange(l, 0x81, 0x9f) || inRange(l, 0xe0, 0xfc)) || !(inRange(t, 0x40, 0x7e) || inRange(t, 0x80, 0xfc))) return null;
  if (l === 0x82 || l === 0x83) return 1.5; // hiragana, katakana
  if (l === 0x81) return 0.5; // punctuation
  if (inRange(l, 0x88, 0x98)) return 1; // JIS level 1 kanji
  return -0.3;
};
const cp949: PairClass = (l, t) => {
  if (!inRange(l, 0x81, 0xfe) || !(inRange(t, 0x41, 0x5a) || inRange(t, 0x61, 0x7a) || inRange(t, 0x81, 0xfe))) return null;
  if (inRange(l, 0xb0, 0xc8) && t >= 0xa1) return 1; // KS X 1001 hangul: the 2,350 frequent syllables
  if (inRange(l, 0xa1, 0xa2) && t >= 0xa1) return 0.5; // punctuation
  return -0.3;
};

/** A Latin single-byte charset: accented letters stand alone between ASCII letters. */
function latinScore(bytes: Buffer): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const before = i === 0 || bytes[i - 1]! < 0x80;
    const after = i + 1 >= bytes.length || bytes[i + 1]! < 0x80;
    s += before && after ? 1 : 0;
  }
  return s;
}

// The most frequent characters of each language: right decodings are full of them, wrong ones rarely
// produce them. They separate GBK from Big5, whose byte rows overlap.
const simplified = new Set(
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知' +
    '请问您订单货谢款收号码客户邮件原始发送时间题吗呢吧啊已没什怎样因所但如需务产品退换修改票头司科技限北京上海广州深圳申处理联系电话址快递物流价格支付账登录密码统',
);
const traditional = new Set(
  '的一是不了人我在有他這為之大來以個中上們到說國和地也子時道出而要於就下得可你年生自會那後能對著事其裡所去行過家十用發天如然作方成者多日都三小二無同麼經法當起與好看學進種將還分此心前面又定見只主沒公從知' +
    '請問您訂單貨謝款收號碼客戶郵件原始發送時間題嗎呢吧啊已沒什怎樣因所但如需務產品退換修改票頭司科技限處理聯絡電話址價格支付帳登入密碼係咪唔該晒㗎',
);
const hangul = new Set('이다는에하고를의가을지서사기도니리습요나로어수시자있한아게주세안녕문상품배송합감드립께확인부탁려결제환불교회원소번호');

function textScore(text: string, common: Set<string>): number {
  let s = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') s -= 3;
    else if (common.has(ch)) s += 1;
  }
  return s;
}

const candidates = [
  { charset: 'gb18030', pairs: gb, common: simplified, lone: () => -1 },
  { charset: 'big5hkscs', pairs: big5, common: traditional, lone: () => -1 },
  // Lone bytes A1-DF are half-width katakana in Shift_JIS.
  { charset: 'cp932', pairs: sjis, common: new Set<string>(), lone: (b: number) => (inRange(b, 0xa1, 0xdf) ? 0.2 : -1) },
  { charset: 'cp949', pairs: cp949, common: hangul, lone: () => -1 },
];

/**
 * Guesses the charset of bytes that are not valid UTF-8. `preferred` (the resolved charset the rest of
 * the message declared) wins near-ties.
 */
export function detectCharset(bytes: Buffer, preferred?: string): { charset: string; text: string } {
  const sample = bytes.subarray(0, SAMPLE);
  let best = { charset: 'windows-1252', score: latinScore(sample) };
  for (const { charset, pairs, common, lone } of candidates) {
    const score = pairScore(sample, pairs, lone) + textScore(iconv.decode(sample, charset), common) + (charset === preferred ? 2 : 0);
    if (score > best.score) best = { charset, score };
  }
  return { charset: best.charset, text: iconv.decode(bytes, best.charset) };
}

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectCharset } from './charset-detect.js';
import { decodeBytes } from './charset.js';
import { cleanStyle, sanitizeEmailHtml } from './email-sanitize.js';
import { safeFilename } from './filename.js';
import { decodeWords, parseAddresses, parseMessageId, parseMessageIds } from './headers.js';
import { contentHash } from './index.js';
import { visibleTextOf } from './quote-text.js';

describe('charsets', () => {
  it('decodes GB2312-labelled GBK and GB18030 four-byte characters', () => {
    expect(decodeBytes(iconv.encode('朱镕基', 'gbk'), 'gb2312')).toEqual({ text: '朱镕基', problem: null });
    expect(decodeBytes(iconv.encode('𠮷', 'gb18030'), 'GB2312').text).toBe('𠮷');
  });

  it('detects GBK, Big5, Shift_JIS and EUC-KR behind a UTF-8 label and says so', () => {
    for (const [text, charset, expected] of [
      ['您好，请问订单什么时候发货？', 'gbk', 'gb18030'],
      ['您好，請問訂單什麼時候出貨？', 'big5', 'big5hkscs'],
      ['ご注文ありがとうございます。', 'shift_jis', 'cp932'],
      ['안녕하세요. 주문 확인 부탁드립니다.', 'euc-kr', 'cp949'],
    ] as const) {
      const decoded = decodeBytes(iconv.encode(text, charset), 'utf-8');
      expect(decoded.text).toBe(text);
      expect(decoded.problem).toContain(expected);
      expect(detectCharset(iconv.encode(text, charset)).charset).toBe(expected);
    }
  });

  it.each([
    ['销售报表', 'gbk', 'gb18030'], ['发票', 'gbk', 'gb18030'], ['退款申请（第二次）', 'gbk', 'gb18030'], ['合同草案第二版.docx', 'gbk', 'gb18030'], ['王小明', 'gbk', 'gb18030'],
    ['銷售報表', 'big5', 'big5hkscs'], ['發票', 'big5', 'big5hkscs'], ['陳大文', 'big5', 'big5hkscs'], ['關於產品品質的投訴', 'big5', 'big5hkscs'], ['一中人', 'big5', 'big5hkscs'],
    ['見積書.pdf', 'cp932', 'cp932'], ['山田太郎', 'cp932', 'cp932'], ['カタカナ', 'cp932', 'cp932'],
    ['견적서.pdf', 'cp949', 'cp949'], ['김철수', 'cp949', 'cp949'],
    ['Résumé Müller.pdf', 'windows-1252', 'windows-1252'], ['Zürich, Größe', 'windows-1252', 'windows-1252'], ['Ærøskøbing', 'windows-1252', 'windows-1252'],
  ])('guesses short undeclared %s (%s) as %s', (text, encoding, expected) => {
    const guess = detectCharset(iconv.encode(text, encoding));
    expect(guess).toEqual({ charset: expected, text });
  });

  it('reads Chinese behind a Latin-1 label, and keeps real Latin-1 text Latin-1', () => {
    expect(decodeBytes(iconv.encode('您好，请问订单什么时候发货？', 'gbk'), 'iso-8859-1')).toEqual({
      text: '您好，请问订单什么时候发货？',
      problem: 'declared iso-8859-1 but the bytes read as gb18030; decoded as gb18030',
    });
    expect(decodeBytes(iconv.encode('Grüße aus Köln, señor. Ærøskøbing', 'latin1'), 'iso-8859-1')).toEqual({ text: 'Grüße aus Köln, señor. Ærøskøbing', problem: null });
  });

  it('keeps accented Latin text Latin when guessing', () => {
    for (const text of ['Résumé Müller.pdf', 'Crème brûlée à la française', 'Zürich, Größe']) {
      expect(decodeBytes(iconv.encode(text, 'windows-1252'), '').text).toBe(text);
    }
  });

  it('falls back for an unknown charset and records it, never throws', () => {
    expect(decodeBytes(Buffer.from('caf\xe9', 'latin1'), 'x-foo')).toEqual({ text: 'café', problem: 'unknown charset x-foo decoded as latin1 (windows-1252)' });
    expect(decodeBytes(Buffer.from('café'), 'x-foo').problem).toBe('unknown charset x-foo decoded as utf-8');
    expect(decodeBytes(Buffer.from([0xff, 0xfe, 0xfd]), '"><script>').text).toBeTypeOf('string');
  });
});

describe('headers', () => {
  it('decodes encoded words, joining a character split across two words', () => {
    const bytes = Buffer.from('中文主题');
    const first = bytes.subarray(0, 4).toString('base64');
    const second = bytes.subarray(4).toString('base64');
    expect(decodeWords(`=?UTF-8?B?${first}?= =?UTF-8?B?${second}?=`, [])).toBe('中文主题');
    expect(decodeWords('Re: =?gb2312?B?1tDOxA==?= and =?iso-8859-1?Q?caf=E9?=', [])).toBe('Re: 中文 and café');
    expect(decodeWords('=?utf-8?B?not*valid*base64?=', [])).toBeTypeOf('string');
  });

  it('parses addresses lower-cased with decoded names, dropping junk', () => {
    expect(parseAddresses('"=?utf-8?B?5byg5LiJ?=" <ZhangSan@Example.COM>, junk, <>, b@x.org', undefined, [])).toEqual([
      { address: 'zhangsan@example.com', name: '张三' },
      { address: 'b@x.org', name: '' },
    ]);
  });

  it('normalises Message-IDs', () => {
    expect(parseMessageId(' <abc.123@host.example> ')).toBe('abc.123@host.example');
    expect(parseMessageId('no-at-sign')).toBeNull();
    expect(parseMessageId('<a b@c>')).toBeNull();
    expect(parseMessageIds('<a@b> <c@d>\r\n <a@b>')).toEqual(['a@b', 'c@d']);
  });
});

describe('sanitizing', () => {
  it('drops dangerous CSS and keeps the harmless part', () => {
    expect(cleanStyle('color: red; width: expression(alert(1)); background: url(x); position: fixed; font-size: 12px')).toBe('color:red;font-size:12px');
    expect(cleanStyle('width: expr/**/ession(alert(1)); color: \\65 xpression(1); background-color: BLUE')).toBe('background-color:BLUE');
  });

  it('rewrites remote images and keeps cid references', () => {
    const html = sanitizeEmailHtml('<img src="https://t.example/p.gif" alt="p"><img src="cid:logo@x"><a href="https://ok.example">ok</a>');
    expect(html).toContain('data-remote-src="https://t.example/p.gif"');
    expect(html).not.toMatch(/ src="https/);
    expect(html).toContain('src="cid:logo@x"');
    expect(html).toContain('rel="noopener noreferrer"');
  });
});

describe('file names', () => {
  it('strips paths, control characters and leading dots; names missing ones', () => {
    expect(safeFilename('..\\..\\x.exe', 1, 'application/octet-stream')).toBe('x.exe');
    expect(safeFilename('/etc/passwd', 1, 'text/plain')).toBe('passwd');
    expect(safeFilename('.htaccess', 1, 'text/plain')).toBe('htaccess');
    expect(safeFilename('a\u0000b\u202e.txt', 1, 'text/plain')).toBe('ab.txt');
    expect(safeFilename(undefined, 3, 'image/png')).toBe('attachment-3.png');
    expect(safeFilename('..', 2, 'application/x-unknown')).toBe('attachment-2.bin');
    expect(safeFilename(`${'长'.repeat(400)}.pdf`, 1, 'application/pdf')).toHaveLength(180);
  });
});

describe('contentHash', () => {
  it('is the same for CRLF and LF copies and differs for different content', () => {
    const lf = Buffer.from('Subject: a\n\nbody\n');
    expect(contentHash(Buffer.from('Subject: a\r\n\r\nbody\r\n'))).toBe(contentHash(lf));
    expect(contentHash(Buffer.from('Subject: a\r\n\r\nbody\r\n\r\n'))).toBe(contentHash(lf));
    expect(contentHash(Buffer.from('Subject: a\n\nbody2\n'))).not.toBe(contentHash(lf));
    expect(contentHash(lf)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('visible text', () => {
  it('cuts Chinese and English quote headers and signatures', () => {
    expect(visibleTextOf('好的\n\n------------------ 原始邮件 ------------------\n发件人: a')).toBe('好的');
    expect(visibleTextOf('OK\n\nOn Mon, Nov 2, 2026 at 9:00 AM Support <s@x>\nwrote:\n> hi')).toBe('OK');
    expect(visibleTextOf('Thanks\n-- \nBob')).toBe('Thanks');
    expect(visibleTextOf('Thanks\n\n发件人: 客服\n发送时间: 2026年11月2日\n\nold')).toBe('Thanks');
  });
});

describe('visible text keeps what the customer wrote', () => {
  it('does not mistake shipping details or a separator for quoted history', () => {
    const text = 'Please ship it.\nFrom: Beijing\nTo: Shanghai\n\n--\nMore details below:\n1\n2\n3\n4\n5\n6\n7';
    expect(visibleTextOf(text)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { detectContentType, servingOf } from './content-type.js';
import { cleanFilename, contentDisposition } from './filenames.js';

const b = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const png = b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');

describe('detectContentType', () => {
  it.each([
    ['png', png, 'image/png'],
    ['jpeg', b([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['gif', b('GIF89a', [1, 0]), 'image/gif'],
    ['webp', b('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['pdf', b('%PDF-1.7\n'), 'application/pdf'],
    ['docx by part names', b([0x50, 0x4b, 3, 4], '....[Content_Types].xml....word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx by part names', b([0x50, 0x4b, 3, 4], '....xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['plain zip', b([0x50, 0x4b, 3, 4], 'readme.txt'), 'application/zip'],
    ['UTF-8 text', Buffer.from('您好，订单号 10042\r\n谢谢\t!'), 'text/plain'],
    ['HTML', b('<!DOCTYPE html><html><script>alert(1)</script>'), 'text/html'],
    ['HTML after a BOM and blank lines', b([0xef, 0xbb, 0xbf], '\n\n  <script>alert(1)</script>'), 'text/html'],
    ['an HTML fragment', b('<IMG SRC=x onerror=alert(1)>'), 'text/html'],
    ['SVG', b('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml'],
    ['SVG with an XML declaration', b('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/svg+xml'],
    ['XHTML', b('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>'), 'application/xhtml+xml'],
    ['binary', b([0, 1, 2, 3, 0xfe, 0xff]), 'application/octet-stream'],
    ['GBK bytes (not UTF-8)', Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), 'application/octet-stream'],
    ['empty', Buffer.alloc(0), 'application/octet-stream'],
  ])('%s', (_name, head, expected) => {
    expect(detectContentType(head, 'file.bin', true)).toBe(expected);
  });

  it('trusts the bytes over the name, and the name only to tell Office zips apart', () => {
    expect(detectContentType(b('<html><body>hi'), 'photo.png', true)).toBe('text/html');
    expect(detectContentType(png, 'report.pdf', true)).toBe('image/png');
    expect(detectContentType(b([0x50, 0x4b, 3, 4], 'customXml/item.xml'), '报价单.pptx', true)).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(detectContentType(b('just text'), 'a.docx', true)).toBe('text/plain');
  });

  it('takes a head cut inside a Chinese character for text', () => {
    const text = Buffer.from('客服'.repeat(10));
    expect(detectContentType(text.subarray(0, text.length - 1), 'a.txt', false)).toBe('text/plain');
    expect(detectContentType(text.subarray(0, text.length - 1), 'a.txt', true)).toBe('application/octet-stream');
  });
});

describe('servingOf', () => {
  it('shows raster images inline and serves markup only as opaque bytes', () => {
    for (const t of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(servingOf(t)).toEqual({ inline: true, contentType: t });
    for (const t of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'application/xml']) expect(servingOf(t)).toEqual({ inline: false, contentType: 'application/octet-stream' });
    expect(servingOf('application/pdf')).toEqual({ inline: false, contentType: 'application/pdf' });
    expect(servingOf('text/plain')).toEqual({ inline: false, contentType: 'text/plain; charset=utf-8' });
  });
});

describe('cleanFilename', () => {
  it.each([
    ['发票-2026年11月.pdf', '发票-2026年11月.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\张伟\\报价.xlsx', '报价.xlsx'],
    ['a\u0000b\u0007c\u009f.txt', 'abc.txt'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['  ..  ', 'attachment'],
    ['..', 'attachment'],
    ['', 'attachment'],
    ['dir/', 'attachment'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanFilename(raw)).toBe(clean);
  });

  it('normalizes to NFC so decomposed and composed spellings are one name', () => {
    expect(cleanFilename('Cafe\u0301.txt')).toBe('Caf\u00e9.txt');
  });

  it('keeps at most 255 characters, the extension included, without splitting a character', () => {
    const long = `${'票'.repeat(300)}.pdf`;
    const clean = cleanFilename(long);
    expect(Array.from(clean)).toHaveLength(255);
    expect(clean.endsWith('.pdf')).toBe(true);
    expect(Array.from(cleanFilename('😀'.repeat(300)))).toHaveLength(255);
    expect(cleanFilename('😀'.repeat(300))).toBe('😀'.repeat(255));
  });
});

describe('contentDisposition', () => {
  const parse = (header: string) => ({
    ascii: /filename="([^"]*)"/.exec(header)?.[1],
    utf8: decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(header)?.[1] ?? ''),
  });

  it('gives the exact UTF-8 name and a safe ASCII stand-in', () => {
    const header = contentDisposition('attachment', '发票-2026年11月.pdf');
    expect(header.startsWith('attachment; ')).toBe(true);
    expect(parse(header).utf8).toBe('发票-2026年11月.pdf');
    expect(parse(header).ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(parse(header).ascii?.endsWith('.pdf')).toBe(true);
  });

  it('cannot be broken out of by quotes, semicolons or percent signs in the name', () => {
    const name = 'a"; filename*=UTF-8\'\'evil.html; x="%41\\.txt';
    const header = contentDisposition('inline', name);
    expect(header.match(/filename\*=/g)).toHaveLength(1);
    expect(parse(header).ascii).not.toMatch(/["\\%]/);
    expect(parse(header).utf8).toBe(name);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { largeMail, longHeaderMail, manyPartsMail, nestedMail } from './huge-mail.js';
import { MailMalformedError, MailTooLargeError, parseMail } from './index.js';

// The hostile messages of the email channel issue, built at runtime (too big to commit).
describe('hostile messages', () => {
  it('refuses a 50 MB message with MailTooLargeError naming maxBytes, before parsing', async () => {
    const raw = largeMail(50 * 1024 * 1024 + 1024);
    const error = await parseMail(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailTooLargeError);
    expect((error as MailTooLargeError).message).toContain('maxBytes');
    expect((error as MailTooLargeError).size).toBe(raw.length);
  }, 30_000);

  it('parses a message just under the size limit, attachment intact', async () => {
    const raw = largeMail(20 * 1024 * 1024);
    const mail = await parseMail(raw, { maxBytes: 20 * 1024 * 1024 });
    expect(mail.text).toContain('See the attached archive.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('big.zip');
    expect(mail.attachments[0]!.size).toBeGreaterThan(14 * 1024 * 1024);
    expect(mail.attachments[0]!.content.subarray(0, 4)).toEqual(Buffer.alloc(4, 0x5a));
  }, 60_000);

  it('honours a lower maxBytes', async () => {
    await expect(parseMail(largeMail(300_000), { maxBytes: 200_000 })).rejects.toBeInstanceOf(MailTooLargeError);
  });

  it('parses 10,000 MIME parts and refuses 10,001 naming maxParts', async () => {
    const mail = await parseMail(manyPartsMail(10_000));
    expect(mail.attachments).toHaveLength(9_999);
    expect(mail.attachments[9_998]!.filename).toBe('p9999.csv');
    const error = await parseMail(manyPartsMail(10_001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailMalformedError);
    expect((error as MailMalformedError).limit).toBe('maxParts');
    expect((error as Error).message).toContain('maxParts');
  }, 60_000);

  it('reads message/rfc822 nested 20 deep and refuses 21 naming maxDepth', async () => {
    const mail = await parseMail(nestedMail(20, 'rfc822'));
    expect(mail.text).toContain('The innermost text.');
    const error = await parseMail(nestedMail(21, 'rfc822')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailMalformedError);
    expect((error as MailMalformedError).limit).toBe('maxDepth');
  });

  it('reads multipart nested 20 deep and refuses thousands of levels without walking them', async () => {
    expect((await parseMail(nestedMail(20, 'multipart'))).text).toContain('The innermost text.');
    for (const depth of [21, 5_000]) {
      const error = await parseMail(nestedMail(depth, 'multipart')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailMalformedError);
      expect((error as Error).message).toContain('maxDepth');
    }
    // Deep rfc822 chains are bounded by mailsplit's linear walk and the depth check.
    await expect(parseMail(nestedMail(5_000, 'rfc822'))).rejects.toBeInstanceOf(MailMalformedError);
  }, 30_000);

  it('refuses a 1 MB header line in the message or in a part, naming maxHeaderBytes', async () => {
    for (const where of ['message', 'part'] as const) {
      const error = await parseMail(longHeaderMail(1024 * 1024, where)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailMalformedError);
      expect((error as MailMalformedError).limit).toBe('maxHeaderBytes');
      expect((error as Error).message).toContain('maxHeaderBytes');
    }
  });

  it('with a raised header limit, caps a 1 MB subject and keeps the body', async () => {
    const mail = await parseMail(longHeaderMail(1024 * 1024, 'subject'), { maxHeaderBytes: 2 * 1024 * 1024 });
    expect(mail.subject.length).toBe(8 * 1024);
    expect(mail.text).toContain('Body after a huge subject.');
    for (const value of Object.values(mail.headers)) expect(value.length).toBeLessThanOrEqual(8 * 1024);
  });

  it('reads garbage, an empty message and a body-only message without throwing', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('not an email at all'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a, 0x0a, 0x99]), Buffer.from('\r\n\r\nbody only')]) {
      const mail = await parseMail(raw);
      expect(mail.messageId).toBeNull();
      expect(mail.from).toBeNull();
      expect(typeof mail.text).toBe('string');
    }
  });

  it('drops NUL and control bytes from text, HTML and names, so the message can be stored', async () => {
    const raw = Buffer.from('From: "Evil\u0000Name" <a@example.com>\r\nSubject: nul\u0000byte\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>before\u0000after\u0007</p>');
    const mail = await parseMail(raw);
    for (const value of [mail.text, mail.html, mail.visibleText, mail.subject, mail.from?.name ?? '']) expect(value).not.toMatch(/[\0\x07]/);
    expect(mail.text).toContain('beforeafter');
    expect(mail.from?.name).toBe('EvilName');
  });

  it('keeps header names that are object keys from touching the prototype', async () => {
    const mail = await parseMail(Buffer.from('From: a@example.com\r\n__proto__: {"polluted":1}\r\nConstructor: x\r\nSubject: proto\r\n\r\nbody'));
    expect(Object.getPrototypeOf(mail.headers)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(mail.headers.constructor).toBe('x');
    expect(mail.subject).toBe('proto');
  });

  it('HTML nested thousands of tags deep stays bounded and safe', async () => {
    const html = `${'<div><table><tr><td>'.repeat(3_000)}deep text<script>alert(1)</script>`;
    const raw = Buffer.from(`From: a@example.com\r\nSubject: deep html\r\nContent-Type: text/html\r\n\r\n${html}`);
    const mail = await parseMail(raw);
    expect(mail.text).toContain('deep text');
    expect(mail.html).not.toContain('<script');
  });
});

describe('mutated fixtures', () => {
  const allowedTags = new Set(['a', 'abbr', 'address', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr']);

  it('truncated or byte-flipped, every fixture parses or is refused with MailMalformedError, and its HTML stays inert', async () => {
    const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const raw = fs.readFileSync(path.join(dir, file));
      for (let round = 0; round < 6; round++) {
        let mutated = Buffer.from(raw);
        if (round % 3 === 0) mutated = mutated.subarray(0, Math.floor(random() * mutated.length));
        else for (let i = 0; i < round * 3; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        const mail = await parseMail(mutated).catch((e: unknown) => {
          expect(e).toBeInstanceOf(MailMalformedError);
          return null;
        });
        if (!mail) continue;
        for (const [tag, name] of mail.html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)[^>]*>/g)) {
          expect(allowedTags.has(name!.toLowerCase()) || tag.includes('data-kefu-quote'), `${file}: ${tag}`).toBe(true);
          expect(tag, file).not.toMatch(/\son[a-z]+\s*=|javascript:|vbscript:|expression|url\(/i);
        }
      }
    }
  }, 60_000);
});

describe('text shapes that could cost quadratic time', () => {
  it('handles 200,000 quoted lines and 50,000 unterminated uuencode headers in linear time', async () => {
    const quoted = `${'> quoted line\n'.repeat(200_000)}reply at the end\n`;
    const begins = 'begin 644 x.bin\nM86)C\n'.repeat(50_000);
    for (const body of [quoted, begins]) {
      const mail = await parseMail(Buffer.from(`From: a@example.com\r\nSubject: big text\r\nContent-Type: text/plain\r\n\r\n${body}`));
      expect(mail.text.length).toBeGreaterThan(100_000);
      expect(mail.attachments).toHaveLength(0);
    }
  }, 30_000);
});

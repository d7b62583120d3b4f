import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail, type ParsedBounce, type ParsedMail } from './index.js';

interface Expected {
  file: string;
  subject: string;
  from?: string;
  fromName?: string;
  text?: string[];
  notText?: string[];
  visibleText?: string[];
  notVisibleText?: string[];
  html?: string[];
  notHtml?: string[];
  quotedHtml?: string[];
  unquotedHtml?: string[];
  attachments?: { name: string; type: string; size: number; inline?: boolean; contentId?: string }[];
  attachmentNames?: string[];
  charsetProblem?: boolean | string;
  bounce?: Partial<ParsedBounce>;
  autoReply?: boolean;
  messageId?: null;
  date?: null;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string[];
  cc?: { address: string; name: string }[];
}

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const expectations: Expected[] = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));

/** The HTML with everything inside `<div data-kefu-quote>` removed (a balanced scan of our own well-formed output). */
function outsideQuotes(html: string): string {
  let out = '';
  let depth = 0;
  let quoteDepth = 0;
  for (const [token, close, name] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|[^<]+/g)) {
    const isDiv = name === 'div';
    if (isDiv && !close) {
      depth++;
      if (!quoteDepth && token.includes('data-kefu-quote')) quoteDepth = depth;
    }
    if (!quoteDepth) out += token;
    if (isDiv && close) {
      if (quoteDepth === depth) quoteDepth = 0;
      depth--;
    }
  }
  return out;
}

const allTextOf = (mail: ParsedMail) => mail.text;

describe('fixture corpus', () => {
  it('has at least 40 fixtures, each with an expectation', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(new Set(expectations.map((e) => e.file))).toEqual(new Set(files));
  });

  it.each(expectations.map((e) => [e.file, e] as const))('%s', async (file, e) => {
    const mail = await parseMail(fs.readFileSync(path.join(dir, file)));
    expect(mail.subject).toBe(e.subject);
    if (e.from) expect(mail.from?.address).toBe(e.from);
    if (e.fromName) expect(mail.from?.name).toBe(e.fromName);
    for (const fragment of e.text ?? []) expect(allTextOf(mail)).toContain(fragment);
    for (const fragment of e.notText ?? []) expect(mail.text).not.toContain(fragment);
    for (const fragment of e.visibleText ?? []) expect(mail.visibleText).toContain(fragment);
    for (const fragment of e.notVisibleText ?? []) expect(mail.visibleText).not.toContain(fragment);
    for (const fragment of e.html ?? []) expect(mail.html).toContain(fragment);
    for (const fragment of e.notHtml ?? []) expect(mail.html.toLowerCase()).not.toContain(fragment.toLowerCase());
    if (e.quotedHtml) {
      expect(mail.html).toContain('data-kefu-quote');
      for (const fragment of e.quotedHtml) {
        expect(mail.html).toContain(fragment);
        expect(outsideQuotes(mail.html)).not.toContain(fragment);
      }
    }
    for (const fragment of e.unquotedHtml ?? []) expect(outsideQuotes(mail.html)).toContain(fragment);
    if (e.attachments) {
      expect(mail.attachments.map((a) => ({ name: a.filename, type: a.contentType, size: a.size }))).toEqual(e.attachments.map(({ name, type, size }) => ({ name, type, size })));
      for (const [i, a] of e.attachments.entries()) {
        expect(mail.attachments[i]!.content.length).toBe(a.size);
        if (a.inline !== undefined) expect(mail.attachments[i]!.inline).toBe(a.inline);
        if (a.contentId) expect(mail.attachments[i]!.contentId).toBe(a.contentId);
      }
    }
    if (e.attachmentNames) expect(mail.attachments.map((a) => a.filename)).toEqual(e.attachmentNames);
    if (e.charsetProblem === false) expect(mail.charsetProblems).toEqual([]);
    if (e.charsetProblem === true) expect(mail.charsetProblems.length).toBeGreaterThan(0);
    if (typeof e.charsetProblem === 'string') expect(mail.charsetProblems.join('\n')).toContain(e.charsetProblem);
    if (e.bounce) {
      expect(mail.bounce).not.toBeNull();
      const { diagnostic, ...exact } = e.bounce;
      expect(mail.bounce).toMatchObject(exact);
      if (diagnostic) expect(mail.bounce?.diagnostic).toContain(diagnostic);
    } else {
      expect(mail.bounce).toBeNull();
    }
    if (e.autoReply !== undefined) expect(mail.autoReply !== null).toBe(e.autoReply);
    if (e.messageId === null) expect(mail.messageId).toBeNull();
    else expect(mail.messageId).toMatch(/^[^<>\s]+@[^<>\s]+$/);
    if (e.date === null) expect(mail.date).toBeNull();
    else expect(mail.date).toBeInstanceOf(Date);
    if (e.inReplyTo) expect(mail.inReplyTo).toBe(e.inReplyTo);
    if (e.references) expect(mail.references).toEqual(e.references);
    if (e.replyTo) expect(mail.replyTo.map((a) => a.address)).toEqual(e.replyTo);
    if (e.cc) expect(mail.cc).toEqual(e.cc);
    // Whatever the message, nothing that runs survives and no text is lost to U+FFFD.
    expect(mail.html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
    if (e.charsetProblem !== undefined) expect(mail.text).not.toContain('\uFFFD');
  });
});

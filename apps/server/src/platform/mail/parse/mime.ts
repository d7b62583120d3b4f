import { Transform, type TransformCallback } from 'node:stream';
import { MailParser, type AttachmentStream, type HeaderLines, type MessageText } from 'mailparser';
import { decodeBytes, normalizeCharset } from './charset.js';
import { MailMalformedError, type ParseLimits } from './errors.js';
import { decodeRawHeader } from './headers.js';

/**
 * The MIME walk, delegated to mailparser (mailsplit underneath: boundaries, transfer encodings,
 * header-size and part-count limits). Two things are taken over: every text body is decoded by
 * charset.ts (mailparser would turn GBK mislabelled as UTF-8 into U+FFFD and decode unknown
 * charsets as UTF-8 without a word), and nesting depth is limited.
 */

export interface MimeAttachment {
  filename: string | undefined;
  contentType: string;
  content: Buffer;
  cid: string | undefined;
  related: boolean;
  disposition: string | undefined;
}

export interface MimeResult {
  headerLines: HeaderLines;
  text: string;
  html: string;
  attachments: MimeAttachment[];
  /** The charset the message declared for its text, used to guess undeclared 8-bit header bytes. */
  hint: string | undefined;
}

interface Context {
  problems: string[];
  hint: string | undefined;
  maxDepth: number;
}

// Prefix on the charset of text parts, so that mailparser hands every one of them to BodyDecoder.
const CHECKED = 'x-kefu-checked-';
const utf8Labels = new Set(['', 'utf-8', 'utf8', 'us-ascii', 'ascii']);

const metaCharset = /<meta[^>]{0,200}?charset\s*=\s*["']?([a-zA-Z0-9_.:-]{2,40})/i;

function decoderFor(ctx: Context) {
  return class BodyDecoder extends Transform {
    private readonly chunks: Buffer[] = [];

    constructor(
      private readonly charset: string,
      _to: string,
    ) {
      super();
    }

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
      this.chunks.push(chunk);
      done();
    }

    // Whole-body decoding: detection needs all the bytes, and bodies are bounded by maxBytes.
    override _flush(done: TransformCallback): void {
      const bytes = Buffer.concat(this.chunks);
      let label = this.charset.startsWith(CHECKED) ? this.charset.slice(CHECKED.length) : this.charset;
      // HTML sent without a MIME charset often names it in a <meta> tag (Chinese webmail does).
      if (!label) label = metaCharset.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1] ?? '';
      const { text, problem } = decodeBytes(bytes, label, ctx.hint);
      if (problem) ctx.problems.push(problem);
      this.push(Buffer.from(text, 'utf8'));
      done();
    }
  };
}

// The shapes of mailparser's and mailsplit's internals this module hooks into (not in their types).
interface SplitNode {
  type?: string;
  headers?: { lines?: { line: string }[] };
  contentType?: string | false;
  filename?: string | false;
  parentNode?: SplitNode | null;
}
interface TreeNode {
  contentType?: string;
  charset?: string;
  isAttachment?: boolean;
  decoder?: unknown;
}
interface Internals {
  createNode(this: MailParser, node: SplitNode): TreeNode;
  processChunk(this: MailParser, data: SplitNode, done: (err?: Error | null) => void): void;
}
const base = MailParser.prototype as unknown as Internals;

class KefuMailParser extends MailParser {
  constructor(
    options: ConstructorParameters<typeof MailParser>[0],
    private readonly ctx: Context,
  ) {
    super(options);
  }

  createNode(node: SplitNode): TreeNode {
    // A file name in raw 8-bit bytes (Chinese clients skip RFC 2231) arrives as a binary string; one
    // decoded from RFC 2231/2047 into Latin-1 characters looks the same but is not in the raw header.
    const filename = node.filename;
    if (filename && /[\x80-\xff]/.test(filename) && !/[^\x00-\xff]/.test(filename) && node.headers?.lines?.some((l) => l.line.includes(filename))) {
      node.filename = decodeRawHeader(filename, this.ctx.hint, this.ctx.problems);
    }
    const created = base.createNode.call(this, node);
    const charset = normalizeCharset(created.charset);
    if (!utf8Labels.has(charset)) this.ctx.hint ??= charset;
    const text = created.contentType === 'text/plain' || created.contentType === 'text/html';
    // Every text body goes through BodyDecoder: mailparser would skip it for UTF-8/ASCII labels and
    // refuse UTF-7 (decoding it is safe here, the HTML is sanitized after decoding).
    if (created.decoder && text && !created.isAttachment) created.charset = CHECKED + charset;
    return created;
  }

  processChunk(data: SplitNode, done: (err?: Error | null) => void): void {
    if (data.type === 'node') {
      let depth = 0;
      for (let p = data.parentNode; p; p = p.parentNode) depth++;
      if (depth > this.ctx.maxDepth) {
        done(new MailMalformedError(`MIME parts nested ${depth} deep, over the maxDepth limit of ${this.ctx.maxDepth}`, 'maxDepth'));
        return;
      }
    }
    base.processChunk.call(this, data, done);
  }
}

function limitError(err: Error, limits: ParseLimits): Error {
  if (err instanceof MailMalformedError) return err;
  if (/max header size/i.test(err.message)) {
    return new MailMalformedError(`a MIME header block is larger than the maxHeaderBytes limit of ${limits.maxHeaderBytes} bytes`, 'maxHeaderBytes');
  }
  if (/child nodes/i.test(err.message)) return new MailMalformedError(`more than the maxParts limit of ${limits.maxParts} MIME parts`, 'maxParts');
  return new MailMalformedError(`unreadable MIME structure: ${err.message}`, 'mime');
}

/**
 * Deepest multipart nesting, found by following boundary declarations and closing delimiters. Only
 * run when the message declares more boundaries than maxDepth: mailsplit checks every line against
 * every open boundary, so thousands of nested multiparts would cost seconds before the depth check in
 * processChunk is reached.
 */
export function exceedsMultipartDepth(raw: Buffer, maxDepth: number): boolean {
  let declared = 0;
  for (const needle of ['oundary=', 'OUNDARY=', 'oundary =']) {
    for (let i = raw.indexOf(needle); i >= 0 && declared <= maxDepth; i = raw.indexOf(needle, i + 1)) declared++;
  }
  if (declared <= maxDepth) return false;
  const text = raw.toString('latin1');
  const open: string[] = [];
  for (const [line] of text.matchAll(/^(?:--[^\r\n]*|[^\r\n]*boundary\s*=[^\r\n]*)$/gim)) {
    if (line.startsWith('--')) {
      const closing = /^--(.+)--\s*$/.exec(line)?.[1];
      const at = closing ? open.lastIndexOf(closing) : -1;
      if (at >= 0) open.length = at;
      continue;
    }
    const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(line);
    const value = boundary?.[1] ?? boundary?.[2];
    if (value && !open.includes(value)) open.push(value);
    if (open.length > maxDepth) return true;
  }
  return false;
}

/** Runs the MIME walk; rejects with MailMalformedError when a limit is crossed. */
export function walkMime(raw: Buffer, limits: ParseLimits, problems: string[]): Promise<MimeResult> {
  const ctx: Context = { problems, hint: undefined, maxDepth: limits.maxDepth };
  if (exceedsMultipartDepth(raw, limits.maxDepth)) {
    return Promise.reject(new MailMalformedError(`multipart parts nested deeper than the maxDepth limit of ${limits.maxDepth}`, 'maxDepth'));
  }
  return new Promise((resolve, reject) => {
    const parser = new KefuMailParser(
      {
        Iconv: decoderFor(ctx),
        keepDeliveryStatus: true,
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipImageLinks: true,
        checksumAlgo: false,
        maxHeadSize: limits.maxHeaderBytes,
        // mailsplit counts the message itself as a node; maxParts counts the parts inside it.
        maxChildNodes: limits.maxParts + 1,
      },
      ctx,
    );
    const attachments: MimeAttachment[] = [];
    let text = '';
    let html = '';
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      parser.destroy();
      reject(limitError(err, limits));
    };
    parser.on('error', fail);
    let reading = false;
    const collect = (attachment: AttachmentStream) => {
      const chunks: Buffer[] = [];
      attachment.content.on('data', (chunk: Buffer) => chunks.push(chunk));
      attachment.content.on('end', () => {
        attachments.push({
          filename: typeof attachment.filename === 'string' ? attachment.filename : undefined,
          // A mangled Content-Type can leave mailparser without one.
          contentType: typeof attachment.contentType === 'string' && attachment.contentType ? attachment.contentType.toLowerCase() : 'application/octet-stream',
          content: Buffer.concat(chunks),
          cid: attachment.cid,
          related: attachment.related === true,
          disposition: attachment.contentDisposition,
        });
        attachment.release?.();
        read();
      });
    };
    const read = () => {
      reading = true;
      for (let data: AttachmentStream | MessageText | null; (data = parser.read()) !== null; ) {
        if (data.type === 'attachment') {
          collect(data);
          return;
        }
        text = data.text ?? '';
        html = data.html || '';
      }
      reading = false;
    };
    parser.on('readable', () => {
      if (!reading) read();
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ headerLines: parser.headerLines || [], text, html, attachments, hint: ctx.hint });
    });
    parser.end(raw);
  });
}

import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { canonicalQuery, EMPTY_SHA256, encodeKey, encodeRfc3986, signRequest } from './sigv4.js';

/** Where and as whom to reach an S3-compatible bucket. */
export interface S3Settings {
  /** `https://s3.example.com` (a path is kept: a proxy may mount the service below one). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface S3ClientOptions {
  /** A connection idle this long (no bytes either way) fails the request; default 30 s. */
  readonly timeoutMs?: number;
  /** Signing time. The wall clock, never the app clock: the server compares it with its own. */
  readonly now?: () => Date;
}

export interface S3Request {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'DELETE';
  /** An object key; omitted, the request is about the bucket itself. */
  readonly key?: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A stream needs its `content-length` header and `payloadHash` (hex SHA-256 or UNSIGNED-PAYLOAD). */
  readonly body?: Buffer | Readable;
  readonly payloadHash?: string;
}

/** A refusal from the storage service, with its S3 error code (NoSuchBucket, AccessDenied …). */
export class S3RequestError extends Error {
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(`S3 answered ${status} ${code}${detail ? `: ${detail}` : ''}`);
  }
}

const tagOf = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]{0,500})</${tag}>`).exec(xml)?.[1] ?? '';

/** Reads (a bounded part of) an error answer and turns it into an S3RequestError. */
export async function errorOf(res: IncomingMessage): Promise<S3RequestError> {
  let text = '';
  for await (const chunk of res) {
    if (text.length < 65_536) text += (chunk as Buffer).toString('utf8');
  }
  return new S3RequestError(res.statusCode ?? 0, tagOf(text, 'Code') || `HTTP${res.statusCode ?? ''}`, tagOf(text, 'Message'));
}

/** Empties an answer whose body does not matter, so its connection can be reused. */
export const discard = async (res: IncomingMessage) => {
  for await (const chunk of res) void chunk;
};

/**
 * Signed requests to one bucket, path-style (`endpoint/bucket/key`): the form every S3-compatible
 * server accepts, where virtual-host style needs wildcard DNS and certificates.
 */
export class S3Client {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly settings: S3Settings, options: S3ClientOptions = {}) {
    this.base = new URL(settings.endpoint);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error('the S3 endpoint must be an http(s) URL');
    this.agent = this.base.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
  }

  /** The encoded request path of an object (or of the bucket without a key). */
  pathOf(key?: string): string {
    const mount = this.base.pathname.replace(/\/+$/, '');
    return `${mount}/${encodeRfc3986(this.settings.bucket)}${key === undefined ? '' : `/${encodeKey(key)}`}`;
  }

  /** Sends one signed request; resolves with the answer (any status) once its headers arrive. */
  send(req: S3Request): Promise<IncomingMessage> {
    const body = req.body ?? (req.method === 'PUT' ? Buffer.alloc(0) : undefined);
    if (body instanceof Readable && (!req.payloadHash || !req.headers?.['content-length'])) {
      throw new Error('a streamed S3 body needs content-length and payloadHash');
    }
    const payloadHash = req.payloadHash ?? (Buffer.isBuffer(body) ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256);
    const path = this.pathOf(req.key);
    const query = canonicalQuery(req.query);
    const headers = { host: this.base.host, ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}), ...req.headers };
    const signed = signRequest({ method: req.method, path, query: req.query, headers, payloadHash }, this.settings, { region: this.settings.region, service: 's3' }, this.now());
    const transport = this.base.protocol === 'https:' ? https : http;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = transport.request({
        protocol: this.base.protocol,
        hostname: this.base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: this.base.port || undefined,
        method: req.method,
        path: query ? `${path}?${query}` : path,
        headers: signed.headers,
        agent: this.agent,
        timeout: this.timeoutMs,
      });
      outgoing.on('response', (res) => {
        // From here the reader sets the pace (a slow download), so idleness is no longer a failure.
        outgoing.setTimeout(0);
        resolve(res);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`S3 ${req.method} got no answer within ${this.timeoutMs} ms`)));
      outgoing.on('error', reject);
      if (body instanceof Readable) pipeline(body, outgoing).catch(reject);
      else outgoing.end(body);
    });
  }

  /** Sends and checks the status; any other answer becomes an S3RequestError. */
  async expect(req: S3Request, ok: readonly number[]): Promise<IncomingMessage> {
    const res = await this.send(req);
    if (ok.includes(res.statusCode ?? 0)) return res;
    throw await errorOf(res);
  }

  /** Closes idle kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

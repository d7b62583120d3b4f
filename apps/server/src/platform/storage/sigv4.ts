/*
 * AWS Signature Version 4 for requests with the signature in the Authorization header, as S3 and
 * the S3-compatible stores (MinIO, Ceph RGW, Aliyun OSS, Tencent COS …) accept it. Small on purpose:
 * Kefu signs a handful of object requests and needs no SDK for that.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
import { createHash, createHmac } from 'node:crypto';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SignableRequest {
  readonly method: string;
  /** The path exactly as it goes on the wire, already percent-encoded; S3 signs it as sent. */
  readonly path: string;
  /** Decoded name/value pairs; encoded and sorted here. */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Every header given is signed; `host` is required. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or UNSIGNED-PAYLOAD. */
  readonly payloadHash: string;
}

export interface SignedRequest {
  /** The request's headers plus x-amz-date, x-amz-content-sha256 and authorization, names lowercase. */
  readonly headers: Record<string, string>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** encodeURIComponent plus the characters RFC 3986 reserves that it leaves alone. */
export const encodeRfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An object key as a path: each segment encoded, the slashes kept. */
export const encodeKey = (key: string) => key.split('/').map(encodeRfc3986).join('/');

/** 20130524T000000Z */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function canonicalQuery(query: ReadonlyArray<readonly [string, string]> = []): string {
  return query
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The canonical request of SigV4 and the `SignedHeaders` list it implies. */
export function canonicalRequest(req: SignableRequest): { canonical: string; signedHeaders: string } {
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonical = [
    req.method.toUpperCase(),
    req.path || '/',
    canonicalQuery(req.query),
    ...headers.map(([k, v]) => `${k}:${v}`),
    '',
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  return { canonical, signedHeaders };
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

/** Signs `req` for `region`/`service` at `now`. */
export function signRequest(req: SignableRequest, credentials: SigV4Credentials, scope: { region: string; service: string }, now: Date): SignedRequest {
  const stamp = amzDate(now);
  const date = stamp.slice(0, 8);
  const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (!lower.host) throw new Error('a SigV4 request needs a host header');
  const headers: Record<string, string> = { ...lower, 'x-amz-date': stamp, 'x-amz-content-sha256': req.payloadHash };
  const { canonical, signedHeaders } = canonicalRequest({ ...req, headers });
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, stamp, credentialScope, sha256Hex(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, date, scope.region, scope.service)).update(stringToSign, 'utf8').digest('hex');
  headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers, canonicalRequest: canonical, stringToSign, signature };
}

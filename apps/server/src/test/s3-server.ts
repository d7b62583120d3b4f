import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { discard, S3Client, type S3Settings } from '../platform/storage/s3-client.js';
import { signRequest } from '../platform/storage/sigv4.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestS3Server {
  /** Where the bucket is and the credentials s3rver knows (S3RVER / S3RVER). */
  settings: S3Settings;
  /** The KEFU_S3_* variables that point an app at this bucket. */
  env(prefix?: string): Record<string, string>;
  /** Every request that reached the server, in order. */
  seen: SeenRequest[];
  /** Why requests were refused for their signature; empty when every signature checked out. */
  rejected: string[];
  /** Creates another empty bucket on the same server. */
  createBucket(name: string): Promise<void>;
  /** The keys of the objects in a bucket (default the first one), sorted. */
  objectKeys(bucket?: string): string[];
  close(): Promise<void>;
}

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/(\d{8})\/([^/,]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const OBJECT_SUFFIX = '._S3rver_object';

const dateOf = (stamp: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
};

/**
 * Recomputes the SigV4 signature of a request from what arrived on the wire. s3rver 3 checks only
 * that the access key exists and never verifies a V4 signature, so without this a request signed
 * over the wrong path, query or headers would pass. The published AWS examples pin the algorithm
 * itself (sigv4.test.ts); this pins that what is signed is what is sent.
 */
function signatureProblem(req: IncomingMessage, region: string): string | undefined {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  if (!m) return `no well-formed SigV4 authorization header: ${req.headers.authorization ?? '(none)'}`;
  const [, keyId, day, signedRegion, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  if (keyId !== ACCESS_KEY) return `unknown access key ${keyId}`;
  if (signedRegion !== region) return `signed for region ${signedRegion}`;
  const stamp = String(req.headers['x-amz-date'] ?? '');
  const when = dateOf(stamp);
  if (!when || stamp.slice(0, 8) !== day) return `x-amz-date ${stamp} does not match the credential scope ${day}`;
  if (Math.abs(when.getTime() - Date.now()) > 15 * 60_000) return 'request time too skewed';
  const names = signedHeaders.split(';');
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date']) if (!names.includes(required)) return `${required} is not signed`;
  // AWS requires every x-amz-* header sent to be signed.
  for (const sent of Object.keys(req.headers)) if (sent.startsWith('x-amz-') && !names.includes(sent)) return `${sent} is sent unsigned`;
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value === undefined) return `signed header ${name} was not sent`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const query = rawQuery
    ? rawQuery.split('&').map((pair) => {
        const eq = pair.indexOf('=');
        return [decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1))] as const;
      })
    : [];
  const expected = signRequest(
    { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query, headers, payloadHash: headers['x-amz-content-sha256']! },
    { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    { region, service: 's3' },
    when,
  );
  return expected.signature === signature ? undefined : `signature does not match; canonical request was:\n${expected.canonicalRequest}`;
}

function keysUnder(dir: string, root: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(OBJECT_SUFFIX))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).slice(0, -OBJECT_SUFFIX.length).split(path.sep).join('/'))
    .sort();
}

/** A real S3-protocol server (s3rver) on a random port with one empty bucket, checking every signature. */
export async function startS3Server({ bucket = 'kefu-test', region = 'us-east-1' } = {}): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-s3rver-'));
  const s3rver = new S3rver({ silent: true, directory });
  const handle = s3rver.callback();
  const seen: SeenRequest[] = [];
  const rejected: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    let problem: string | undefined;
    try {
      problem = signatureProblem(req, region);
    } catch (err) {
      problem = `unreadable request: ${String(err)}`;
    }
    if (!problem) return handle(req, res);
    rejected.push(problem);
    res.writeHead(403, { 'content-type': 'application/xml', connection: 'close' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${problem.split('\n')[0]}</Message></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const settings: S3Settings = { endpoint: `http://127.0.0.1:${port}`, bucket, region, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY };
  const createBucket = async (name: string) => {
    const admin = new S3Client({ ...settings, bucket: name });
    await discard(await admin.expect({ method: 'PUT' }, [200]));
    admin.close();
  };
  await createBucket(bucket);
  return {
    createBucket,
    settings,
    env: (prefix) => ({
      KEFU_S3_ENDPOINT: settings.endpoint,
      KEFU_S3_BUCKET: bucket,
      KEFU_S3_REGION: region,
      KEFU_S3_ACCESS_KEY_ID: ACCESS_KEY,
      KEFU_S3_SECRET_ACCESS_KEY: SECRET_KEY,
      ...(prefix ? { KEFU_S3_PREFIX: prefix } : {}),
    }),
    seen,
    rejected,
    objectKeys: (name = bucket) => keysUnder(path.join(directory, name), path.join(directory, name)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      s3rver.logger.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

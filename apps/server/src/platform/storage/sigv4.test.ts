import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amzDate, canonicalQuery, EMPTY_SHA256, encodeKey, encodeRfc3986, signRequest } from './sigv4.js';

// The worked examples of "Signature Calculations for the Authorization Header: Transferring Payload
// in a Single Chunk" in the Amazon S3 API reference (sig-v4-header-based-auth.html).
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const scope = { region: 'us-east-1', service: 's3' };
const at = new Date('2013-05-24T00:00:00Z');
const host = 'examplebucket.s3.amazonaws.com';

describe('signRequest against the published AWS SigV4 examples', () => {
  it('signs GET Object (first 10 bytes of test.txt) exactly as AWS documents it', () => {
    const signed = signRequest({ method: 'GET', path: '/test.txt', headers: { Host: host, Range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 }, credentials, scope, at);
    expect(signed.canonicalRequest).toBe([
      'GET',
      '/test.txt',
      '',
      'host:examplebucket.s3.amazonaws.com',
      'range:bytes=0-9',
      'x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-date:20130524T000000Z',
      '',
      'host;range;x-amz-content-sha256;x-amz-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n'));
    expect(signed.stringToSign).toBe('AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(signed.headers).toMatchObject({ 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_SHA256, host, range: 'bytes=0-9' });
  });

  it('signs PUT Object with a key that needs encoding and a signed payload', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = createHash('sha256').update(body).digest('hex');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signRequest({
      method: 'PUT',
      path: `/${encodeKey('test$file.text')}`,
      headers: { host, date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash,
    }, credentials, scope, at);
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/test%24file.text');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('signs bucket requests with sub-resources and sorted query parameters', () => {
    const lifecycle = signRequest({ method: 'GET', path: '/', query: [['lifecycle', '']], headers: { host }, payloadHash: EMPTY_SHA256 }, credentials, scope, at);
    expect(lifecycle.signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    const list = signRequest({ method: 'GET', path: '/', query: [['prefix', 'J'], ['max-keys', '2']], headers: { host }, payloadHash: EMPTY_SHA256 }, credentials, scope, at);
    expect(list.canonicalRequest.split('\n')[2]).toBe('max-keys=2&prefix=J');
    expect(list.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('changes the signature when anything signed changes', () => {
    const base = { method: 'GET', path: '/test.txt', headers: { host, range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 };
    const sig = (over: Partial<typeof base>, when = at, creds = credentials, region = 'us-east-1') =>
      signRequest({ ...base, ...over }, creds, { region, service: 's3' }, when).signature;
    const original = sig({});
    for (const other of [
      sig({ method: 'HEAD' }),
      sig({ path: '/test.txt2' }),
      sig({ headers: { host, range: 'bytes=0-10' } }),
      sig({ payloadHash: 'UNSIGNED-PAYLOAD' }),
      sig({}, new Date(at.getTime() + 1000)),
      sig({}, at, { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` }),
      sig({}, at, credentials, 'cn-hangzhou'),
    ]) expect(other).not.toBe(original);
  });

  it('refuses a request without a host header', () => {
    expect(() => signRequest({ method: 'GET', path: '/', headers: {}, payloadHash: EMPTY_SHA256 }, credentials, scope, at)).toThrow(/host/);
  });
});

describe('encoding', () => {
  it('encodes as RFC 3986 asks, keeping only unreserved characters', () => {
    expect(encodeRfc3986("a b!'()*~-._/+=&发")).toBe('a%20b%21%27%28%29%2A~-._%2F%2B%3D%26%E5%8F%91');
    expect(encodeKey('kefu prod/附件/abc')).toBe('kefu%20prod/%E9%99%84%E4%BB%B6/abc');
  });

  it('sorts the query by encoded name then value and keeps empty values', () => {
    expect(canonicalQuery([['prefix', 'a/b c'], ['list-type', '2'], ['acl', ''], ['b', '2'], ['b', '1']])).toBe('acl=&b=1&b=2&list-type=2&prefix=a%2Fb%20c');
    expect(canonicalQuery()).toBe('');
  });

  it('writes the x-amz-date in the basic ISO 8601 form', () => {
    expect(amzDate(new Date('2026-11-03T04:05:06.789Z'))).toBe('20261103T040506Z');
  });
});

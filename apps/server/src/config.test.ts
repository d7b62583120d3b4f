import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The error `loadConfig(env)` throws; fails the test if it does not throw a ConfigError. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives a zero-setup configuration from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'production', port: 3000, host: '0.0.0.0', dataDir: path.resolve('./data'), databaseUrl: undefined,
      databasePoolSize: 10, admin: undefined, publicUrl: undefined, cookieSecure: false, sessionDays: 14,
      trustProxy: false, roles: ['web', 'worker'], webDir: undefined, logLevel: 'info', shutdownGraceMs: 10_000,
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.roles)).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', KEFU_ADMIN_EMAIL: '', KEFU_ADMIN_PASSWORD: '' })).toMatchObject({ port: 3000, databaseUrl: undefined, admin: undefined });
  });

  it('reads and converts every kind of value', () => {
    const c = loadConfig({
      NODE_ENV: 'development', PORT: '8080', HOST: '127.0.0.1', DATA_DIR: '/var/lib/kefu', DATABASE_URL: 'postgresql://kefu@db:5432/kefu',
      DATABASE_POOL_SIZE: '25', KEFU_ADMIN_EMAIL: 'Boss@Example.COM', KEFU_ADMIN_PASSWORD: 'a-long-enough-password',
      KEFU_PUBLIC_URL: 'https://kefu.example.com', KEFU_SESSION_DAYS: '30', KEFU_TRUST_PROXY: '1', KEFU_ROLES: ' worker , worker ',
      KEFU_WEB_DIR: 'web', LOG_LEVEL: 'debug', SHUTDOWN_GRACE_MS: '0',
    });
    expect(c).toMatchObject({
      env: 'development', port: 8080, host: '127.0.0.1', dataDir: '/var/lib/kefu', databaseUrl: 'postgresql://kefu@db:5432/kefu', databasePoolSize: 25,
      admin: { email: 'boss@example.com', password: 'a-long-enough-password' }, publicUrl: 'https://kefu.example.com',
      cookieSecure: true, sessionDays: 30, trustProxy: true, roles: ['worker'], webDir: path.resolve('web'), logLevel: 'debug', shutdownGraceMs: 0,
    });
  });

  it('lets KEFU_COOKIE_SECURE override what the public URL implies', () => {
    expect(loadConfig({ KEFU_PUBLIC_URL: 'http://kefu.local' }).cookieSecure).toBe(false);
    expect(loadConfig({ KEFU_PUBLIC_URL: 'https://kefu.example.com', KEFU_COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ KEFU_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'localhost:5432'],
    ['DATABASE_POOL_SIZE', '0'],
    ['NODE_ENV', 'staging'],
    ['KEFU_ADMIN_EMAIL', 'not-an-email'],
    ['KEFU_PUBLIC_URL', 'kefu.example.com'],
    ['KEFU_COOKIE_SECURE', 'yes'],
    ['KEFU_TRUST_PROXY', 'on'],
    ['KEFU_SESSION_DAYS', '0'],
    ['KEFU_ROLES', 'web,mail'],
    ['KEFU_ROLES', ' , '],
    ['LOG_LEVEL', 'verbose'],
    ['SHUTDOWN_GRACE_MS', '-1'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.message).toMatch(new RegExp(`^  ${name}(\\.\\d+)?: `, 'm'));
    expect(err.message.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(1);
  });

  it('names every wrong variable at once', () => {
    const err = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(err.message).toContain(name);
  });

  it('refuses a short admin password, naming it', () => {
    expect(configError({ KEFU_ADMIN_EMAIL: 'a@example.com', KEFU_ADMIN_PASSWORD: 'short' }).message).toContain('KEFU_ADMIN_PASSWORD');
  });

  it('needs the admin email and password together', () => {
    for (const env of [{ KEFU_ADMIN_EMAIL: 'a@example.com' }, { KEFU_ADMIN_PASSWORD: 'a-long-enough-password' }] as Record<string, string>[]) {
      const err = configError(env);
      expect(err.message).toContain('KEFU_ADMIN_EMAIL');
      expect(err.message).toContain('KEFU_ADMIN_PASSWORD');
    }
    expect(loadConfig({ KEFU_ADMIN_EMAIL: 'a@example.com', KEFU_ADMIN_PASSWORD: 'a-long-enough-password' }).admin).toEqual({ email: 'a@example.com', password: 'a-long-enough-password' });
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', KEFU_SOMETHING_NEW: 'x' })).not.toThrow();
  });

  it('reads the attachment size limit in MB (1–1024, default 25) as bytes', () => {
    expect(loadConfig({}).attachmentMaxBytes).toBe(25 * 1024 * 1024);
    expect(loadConfig({ KEFU_ATTACHMENT_MAX_MB: '1' }).attachmentMaxBytes).toBe(1024 * 1024);
    expect(loadConfig({ KEFU_ATTACHMENT_MAX_MB: '1024' }).attachmentMaxBytes).toBe(1024 ** 3);
    for (const bad of ['0', '1025', '2.5', 'big']) expect(configError({ KEFU_ATTACHMENT_MAX_MB: bad }).message).toContain('KEFU_ATTACHMENT_MAX_MB');
  });
  it('uses S3-compatible storage only when KEFU_S3_BUCKET is set, with both keys', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const keys = { KEFU_S3_ACCESS_KEY_ID: 'AKID', KEFU_S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig({ KEFU_S3_BUCKET: 'kefu', ...keys }).s3).toEqual({
      endpoint: 'https://s3.us-east-1.amazonaws.com', bucket: 'kefu', region: 'us-east-1', accessKeyId: 'AKID', secretAccessKey: 'secret', prefix: '',
    });
    expect(loadConfig({ KEFU_S3_BUCKET: 'kefu', KEFU_S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com', KEFU_S3_REGION: 'oss-cn-hangzhou', KEFU_S3_PREFIX: 'kefu/prod', ...keys }).s3)
      .toMatchObject({ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', region: 'oss-cn-hangzhou', prefix: 'kefu/prod' });
    for (const missing of ['KEFU_S3_ACCESS_KEY_ID', 'KEFU_S3_SECRET_ACCESS_KEY']) {
      const env: Record<string, string> = { KEFU_S3_BUCKET: 'kefu', ...keys };
      delete env[missing];
      expect(configError(env).message).toContain(missing);
    }
    expect(configError({ KEFU_S3_ENDPOINT: 'http://minio:9000', ...keys }).message).toContain('KEFU_S3_BUCKET');
  });

  it.each([
    ['KEFU_S3_ENDPOINT', 'ftp://minio:9000'],
    ['KEFU_S3_ENDPOINT', 'minio:9000'],
    ['KEFU_S3_BUCKET', '../etc'],
    ['KEFU_S3_BUCKET', 'a'],
    ['KEFU_S3_REGION', 'US East'],
    ['KEFU_S3_PREFIX', 'a\\b'],
    ['KEFU_UPLOAD_TTL_HOURS', '0'],
    ['KEFU_UPLOAD_TTL_HOURS', 'soon'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(configError({ KEFU_S3_BUCKET: 'kefu', KEFU_S3_ACCESS_KEY_ID: 'AKID', KEFU_S3_SECRET_ACCESS_KEY: 'secret', [name]: value }).message).toContain(name);
  });

  it('keeps unattached uploads for KEFU_UPLOAD_TTL_HOURS (default 24)', () => {
    expect(loadConfig({}).uploadTtlHours).toBe(24);
    expect(loadConfig({ KEFU_UPLOAD_TTL_HOURS: '72' }).uploadTtlHours).toBe(72);
  });
});

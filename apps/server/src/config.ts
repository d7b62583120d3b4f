import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalText = z.string().trim().min(1).optional();

/** Every environment variable Kefu reads; defaults give a zero-setup install. Documented in README. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KEFU_PGLITE_SHARED_BUFFERS: z.string().regex(/^[0-9]{1,5}(kB|MB|GB)$/, 'must be a size such as 32MB').default('32MB'),
  KEFU_KB_SEARCH_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(2000),
  KEFU_ADMIN_EMAIL: z.email().optional(),
  KEFU_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  KEFU_PUBLIC_URL: z.url().optional(),
  KEFU_COOKIE_SECURE: bool.optional(),
  KEFU_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  KEFU_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  KEFU_AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  KEFU_FOLLOW_UP_HOURS: z.coerce.number().int().min(1).max(24 * 60).default(24),
  KEFU_TRUST_PROXY: bool.default(false),
  KEFU_ROLES: z
    .string()
    .default('web,worker')
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['web', 'worker'])).min(1)),
  KEFU_WEB_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  KEFU_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  KEFU_UPLOAD_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24),
  KEFU_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  KEFU_S3_BUCKET: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,62}$/, 'must be a bucket name (letters, digits, . _ -)').optional(),
  KEFU_S3_REGION: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a region such as us-east-1 or cn-hangzhou').default('us-east-1'),
  KEFU_S3_ACCESS_KEY_ID: optionalText,
  KEFU_S3_SECRET_ACCESS_KEY: optionalText,
  KEFU_S3_PREFIX: z.string().regex(/^[^\\\x00-\x1f]{0,200}$/, 'must be a folder name without control characters or backslashes').optional(),
  KEFU_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
  KEFU_MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address such as Kefu <noreply@example.com>')
    .default('Kefu <noreply@localhost>'),
  KEFU_AUTO_REPLY_PER_HOUR: z.coerce.number().int().min(0).max(1000).default(3),
  KEFU_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  KEFU_SMTP_HOST: z.string().default('0.0.0.0'),
  KEFU_MAIL_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
  KEFU_SECRET_KEY: z.string().regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex digits or base64').optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  pgliteSharedBuffers: string;
  /** Knowledge-base search results kept in process per instance; 0 turns the cache off. */
  kbSearchCacheEntries: number;
  admin: { email: string; password: string } | undefined;
  publicUrl: string | undefined;
  cookieSecure: boolean;
  sessionDays: number;
  /** A customer reply within this many days of resolution reopens the ticket. */
  reopenDays: number;
  /** Resolved tickets close by themselves after this many days. */
  autoCloseDays: number;
  /** A resolved complaint's follow-up call is due this many hours later. */
  followUpHours: number;
  trustProxy: boolean;
  roles: ReadonlyArray<'web' | 'worker'>;
  webDir: string | undefined;
  logLevel: string;
  shutdownGraceMs: number;
  /** The largest attachment accepted, in bytes (from KEFU_ATTACHMENT_MAX_MB). */
  attachmentMaxBytes: number;
  /** Uploads never attached to a message are deleted this many hours after upload. */
  uploadTtlHours: number;
  /** Attachments go to this S3-compatible bucket instead of DATA_DIR/blobs when set. */
  s3: S3Config | undefined;
  /** Outbound mail goes over this SMTP server; unset, it is kept in the outbox table instead. */
  smtpUrl: string | undefined;
  /** The From of mail Kefu sends (notifications). */
  mailFrom: string;
  /** Automatic acknowledgments to one sender per hour at most (RFC 3834); 0 sends none. */
  autoRepliesPerHour: number;
  /** The inbound SMTP listener (mail to mailbox addresses becomes tickets); off when the port is unset. */
  smtpListener: { port: number; host: string } | undefined;
  /** The largest inbound email accepted, in bytes (KEFU_MAIL_MAX_MB). */
  mailMaxBytes: number;
  /** Key that encrypts stored mailbox passwords; unset, a key file is generated once in DATA_DIR. */
  secretKey: string | undefined;
}>;

export type S3Config = Readonly<{
  /** Path-style requests go to `endpoint/bucket/key`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A folder inside the bucket; empty for the bucket's root. */
  prefix: string;
}>;

export class ConfigError extends Error {}

const S3_SETTINGS = ['KEFU_S3_ENDPOINT', 'KEFU_S3_ACCESS_KEY_ID', 'KEFU_S3_SECRET_ACCESS_KEY', 'KEFU_S3_PREFIX'] as const;

function s3Config(e: z.infer<typeof envSchema>): S3Config | undefined {
  if (!e.KEFU_S3_BUCKET) {
    const stray = S3_SETTINGS.filter((k) => e[k] !== undefined);
    if (stray.length) throw new ConfigError(`Invalid configuration:\n  KEFU_S3_BUCKET must be set to use ${stray.join(', ')}`);
    return undefined;
  }
  if (!e.KEFU_S3_ACCESS_KEY_ID || !e.KEFU_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError('Invalid configuration:\n  KEFU_S3_ACCESS_KEY_ID and KEFU_S3_SECRET_ACCESS_KEY must be set with KEFU_S3_BUCKET');
  }
  return Object.freeze({
    // Without an endpoint, Amazon S3 itself in the chosen region.
    endpoint: e.KEFU_S3_ENDPOINT ?? `https://s3.${e.KEFU_S3_REGION}.amazonaws.com`,
    bucket: e.KEFU_S3_BUCKET,
    region: e.KEFU_S3_REGION,
    accessKeyId: e.KEFU_S3_ACCESS_KEY_ID,
    secretAccessKey: e.KEFU_S3_SECRET_ACCESS_KEY,
    prefix: e.KEFU_S3_PREFIX ?? '',
  });
}

/** The only reader of the environment. A wrong value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty or blank variable means "not set", as in most shells' and compose files' habits.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.KEFU_ADMIN_EMAIL) !== Boolean(e.KEFU_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  KEFU_ADMIN_EMAIL and KEFU_ADMIN_PASSWORD must be set together');
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    pgliteSharedBuffers: e.KEFU_PGLITE_SHARED_BUFFERS,
    kbSearchCacheEntries: e.KEFU_KB_SEARCH_CACHE_ENTRIES,
    admin: e.KEFU_ADMIN_EMAIL && e.KEFU_ADMIN_PASSWORD
      ? { email: e.KEFU_ADMIN_EMAIL.toLowerCase(), password: e.KEFU_ADMIN_PASSWORD }
      : undefined,
    publicUrl: e.KEFU_PUBLIC_URL,
    cookieSecure: e.KEFU_COOKIE_SECURE ?? Boolean(e.KEFU_PUBLIC_URL?.startsWith('https:')),
    sessionDays: e.KEFU_SESSION_DAYS,
    reopenDays: e.KEFU_REOPEN_DAYS,
    autoCloseDays: e.KEFU_AUTO_CLOSE_DAYS,
    followUpHours: e.KEFU_FOLLOW_UP_HOURS,
    trustProxy: e.KEFU_TRUST_PROXY,
    roles: Object.freeze([...new Set(e.KEFU_ROLES)]),
    webDir: e.KEFU_WEB_DIR ? path.resolve(e.KEFU_WEB_DIR) : undefined,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    attachmentMaxBytes: e.KEFU_ATTACHMENT_MAX_MB * 1024 * 1024,
    uploadTtlHours: e.KEFU_UPLOAD_TTL_HOURS,
    s3: s3Config(e),
    smtpUrl: e.KEFU_SMTP_URL,
    mailFrom: e.KEFU_MAIL_FROM,
    autoRepliesPerHour: e.KEFU_AUTO_REPLY_PER_HOUR,
    smtpListener: e.KEFU_SMTP_PORT === undefined ? undefined : { port: e.KEFU_SMTP_PORT, host: e.KEFU_SMTP_HOST },
    mailMaxBytes: e.KEFU_MAIL_MAX_MB * 1024 * 1024,
    secretKey: e.KEFU_SECRET_KEY,
  });
}

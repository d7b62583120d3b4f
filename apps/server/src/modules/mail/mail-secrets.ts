/*
 * Mailbox passwords at rest: AES-256-GCM under KEFU_SECRET_KEY, or under a key generated once into
 * DATA_DIR/secret.key (mode 0600) so a zero-setup install still never stores a password in clear.
 * Stored as `v1:<iv>:<tag>:<ciphertext>` (base64url) so a future key rotation can tell versions apart.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';

const keys = new Map<string, Buffer>();

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (64 hex digits or base64)');
  return key;
}

/** The key for this install; the key file is created atomically, so concurrent starts agree on one. */
export function secretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
  const cacheKey = config.secretKey ?? `file:${config.dataDir}`;
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let key: Buffer;
  if (config.secretKey) key = parseKey(config.secretKey);
  else {
    const file = path.join(config.dataDir, 'secret.key');
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    key = parseKey(fs.readFileSync(file, 'utf8'));
  }
  keys.set(cacheKey, key);
  return key;
}

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/** Throws when the value was written under another key (a lost or changed KEFU_SECRET_KEY). */
export function decryptSecret(key: Buffer, stored: string): string {
  const [version, iv, tag, data] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('The stored password is not in a known format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('The stored password cannot be decrypted with this secret key; enter the password again');
  }
}

import { ImapFlow } from 'imapflow';
import type { Config } from '../../config.js';
import { decryptSecret, secretKey } from './mail-secrets.js';
import type { MailboxRow } from './mailboxes.repository.js';

export interface ImapAccount {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

/** The stored account with its password decrypted; null when the mailbox has no IMAP account. */
export function imapAccountOf(config: Pick<Config, 'secretKey' | 'dataDir'>, m: MailboxRow): ImapAccount | null {
  if (!m.imapHost || !m.imapUser) return null;
  return {
    host: m.imapHost, port: m.imapPort ?? 993, tls: m.imapTls, user: m.imapUser, folder: m.imapFolder,
    password: m.imapPasswordEnc ? decryptSecret(secretKey(config), m.imapPasswordEnc) : '',
  };
}

export function imapClient(a: ImapAccount, timeouts: { connectMs?: number; socketMs?: number } = {}) {
  return new ImapFlow({
    host: a.host,
    port: a.port,
    secure: a.tls,
    auth: { user: a.user, pass: a.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs ?? 20_000,
    greetingTimeout: timeouts.connectMs ?? 16_000,
    socketTimeout: timeouts.socketMs ?? 120_000,
  });
}

/**
 * The exact failure, in words an admin can act on: imapflow reports DNS, refused connections and
 * TLS as socket errors, and authentication or a missing folder as the server's own response text.
 */
export function describeMailError(err: unknown): string {
  const e = err as { code?: string; message?: string; responseText?: string; response?: string; authenticationFailed?: boolean; serverResponseCode?: string };
  const parts: string[] = [];
  if (e.authenticationFailed) parts.push('Authentication failed');
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') parts.push('DNS lookup failed');
  if (e.code === 'ECONNREFUSED') parts.push('Connection refused');
  if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT') parts.push('Connection timed out');
  if (e.code && /^ERR_SSL|^ERR_TLS|^EPROTO|CERT|SELF_SIGNED|DEPTH_ZERO/.test(e.code)) parts.push('TLS failed');
  const detail = [e.code, e.message, e.responseText ?? e.response].filter((x): x is string => typeof x === 'string' && x.length > 0);
  parts.push(...new Set(detail));
  return parts.join(': ').slice(0, 1000) || 'Unknown error';
}

import nodemailer from 'nodemailer';
import type { MailboxTestResult } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { describeMailError, imapAccountOf, imapClient } from './mail-imap-client.js';
import { decryptSecret, secretKey } from './mail-secrets.js';
import { authorizeMailboxes } from './mailboxes.policy.js';
import { findMailbox, type MailboxRow } from './mailboxes.repository.js';

const TEST_TIMEOUT_MS = 15_000;

async function testImap(deps: AppDeps, m: MailboxRow): Promise<NonNullable<MailboxTestResult['imap']>> {
  let client: ReturnType<typeof imapClient> | undefined;
  try {
    const account = imapAccountOf(deps.config, m)!;
    client = imapClient(account, { connectMs: TEST_TIMEOUT_MS, socketMs: TEST_TIMEOUT_MS });
    client.on('error', () => undefined);
    await client.connect();
    const folders = (await client.list()).map((f) => f.path).slice(0, 200);
    try {
      const box = await client.mailboxOpen(account.folder, { readOnly: true });
      return { ok: true, folders, messages: box.exists };
    } catch (err) {
      return { ok: false, error: `Folder "${account.folder}" cannot be opened: ${describeMailError(err)}`, folders };
    }
  } catch (err) {
    return { ok: false, error: describeMailError(err) };
  } finally {
    await client?.logout().catch(() => client?.close());
  }
}

async function testSmtp(deps: AppDeps, m: MailboxRow): Promise<NonNullable<MailboxTestResult['smtp']>> {
  try {
    const pass = m.smtpPasswordEnc ? decryptSecret(secretKey(deps.config), m.smtpPasswordEnc) : undefined;
    const transport = nodemailer.createTransport({
      host: m.smtpHost!, port: m.smtpPort ?? 587, secure: m.smtpSecure,
      ...(m.smtpUser ? { auth: { user: m.smtpUser, pass: pass ?? '' } } : {}),
      connectionTimeout: TEST_TIMEOUT_MS, greetingTimeout: TEST_TIMEOUT_MS, socketTimeout: TEST_TIMEOUT_MS,
    });
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, error: describeMailError(err) };
  }
}

/** Logs in for real (IMAP: list and open the folder; SMTP: connect, TLS, auth) and reports the exact failure. */
export async function testMailbox(deps: AppDeps, ctx: RequestContext, id: string): Promise<MailboxTestResult> {
  authorizeMailboxes(ctx.actor, 'test');
  const m = await findMailbox(deps.db, id);
  if (!m) throw notFound('Mailbox');
  const [imap, smtp] = await Promise.all([m.imapHost ? testImap(deps, m) : undefined, m.smtpHost ? testSmtp(deps, m) : undefined]);
  return { ok: (imap?.ok ?? true) && (smtp?.ok ?? true), ...(imap ? { imap } : {}), ...(smtp ? { smtp } : {}) };
}

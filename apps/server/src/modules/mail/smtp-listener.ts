/*
 * The built-in inbound SMTP listener (KEFU_SMTP_PORT): mail to a mailbox's address becomes a
 * ticket. The sender's server is told 250 only after the ingest transaction committed, so anything
 * acknowledged is stored; while the database is unreachable it hears 451 and retries later.
 * Unknown recipients are refused at RCPT (550), oversized mail with 552.
 */
import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { MailTooLargeError } from '../../platform/mail/parse/index.js';
import { ingestRawMail, type IngestResult, type MailDeps } from './mail-ingest.js';
import { mailboxCache, mailboxDirectory } from './mailbox-cache.js';
import { findMailboxByAddress } from './mailboxes.repository.js';

export interface SmtpListener {
  readonly port: number;
  close(): Promise<void>;
}

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Called after each stored message (after commit), e.g. auto-replies and bounce handling. */
  afterIngest?: (result: IngestResult) => Promise<void>;
}

/** An SMTP reply the client acts on: 4xx try again later, 5xx give up. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const MAX_RECIPIENTS = 100;

async function readMessage(stream: Readable & { sizeExceeded?: boolean }): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
  return stream.sizeExceeded ? null : Buffer.concat(chunks);
}

/** Which mailbox each accepted RCPT routes to, kept on the session between RCPT and DATA. */
const routes = new WeakMap<SMTPServerSession, string[]>();

export async function startSmtpListener(deps: MailDeps, options: SmtpListenerOptions): Promise<SmtpListener> {
  const maxBytes = deps.config.mailMaxBytes;
  const server = new SMTPServer({
    name: 'kefu',
    banner: 'Kefu inbound mail',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    closeTimeout: Math.max(1_000, deps.config.shutdownGraceMs),
    onMailFrom(_address, session, callback) {
      // A new transaction on the same connection (after RSET or a previous DATA) starts without recipients.
      routes.delete(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      const list = routes.get(session) ?? [];
      if (list.length >= MAX_RECIPIENTS) return callback(smtpError(452, 'Too many recipients'));
      const wanted = address.address.trim().toLowerCase();
      // From the cached mailboxes; an address not there is asked of the database before refusing.
      mailboxDirectory(deps.db)
        .then(async (directory) => directory.activeByAddress.get(wanted) ?? (await findMailboxByAddress(deps.db, wanted)))
        .then((mailbox) => {
          if (!mailbox) return callback(smtpError(550, `No mailbox here for <${address.address}>`));
          routes.set(session, [...list, mailbox.id]);
          callback();
        })
        .catch((err: unknown) => {
          deps.log.warn({ err }, 'SMTP listener: mailbox lookup failed');
          callback(smtpError(451, 'Temporary failure; try again later'));
        });
    },
    onData(stream, session, callback) {
      const mailboxIds = [...new Set(routes.get(session) ?? [])];
      // The next transaction of this session starts with fresh recipients.
      routes.delete(session);
      const envelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
      };
      readMessage(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `Message exceeds the size limit of ${maxBytes} bytes`));
          if (mailboxIds.length === 0) return callback(smtpError(554, 'No valid recipients'));
          // One ingest per mailbox: the first stores it, the rest find it by Message-ID or content hash.
          for (const mailboxId of mailboxIds) {
            const result = await ingestRawMail(deps, { mailboxId, raw, envelope });
            if (result.status === 'stored' && options.afterIngest) {
              await options.afterIngest(result).catch((err: unknown) => deps.log.error({ err, mailMessageId: result.mailMessageId }, 'after-ingest hook failed'));
            }
          }
          callback(null, 'Stored');
        })
        .catch((err: unknown) => {
          if (err instanceof MailTooLargeError) return callback(smtpError(552, err.message));
          deps.log.error({ err }, 'SMTP listener: could not store a message; sender told to retry');
          callback(smtpError(451, 'Temporary failure storing the message; try again later'));
        });
    },
  });
  // Another instance's mailbox edit drops this one's cached copy too.
  await mailboxCache.listen(deps.db, deps.realtime);
  server.on('error', (err) => deps.log.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  deps.log.info({ port, host: options.host }, 'SMTP listener started');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

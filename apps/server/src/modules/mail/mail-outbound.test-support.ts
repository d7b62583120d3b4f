/* Test support for outbound mail: a real SMTP server (the receiving MTA) and a raw-mail builder. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface CaptureSmtp {
  url: string;
  port: number;
  received: CapturedMail[];
  close(): Promise<void>;
}

/**
 * An SMTP server on a random port that keeps what it accepts. `refuse` decides per recipient:
 * `[code, text]` answers RCPT TO with that reply (4xx: try later; 5xx: never).
 */
export async function startCaptureSmtp(refuse: (rcpt: string) => [number, string] | null = () => null): Promise<CaptureSmtp> {
  const received: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const answer = refuse(address.address.toLowerCase());
      if (answer) return callback(Object.assign(new Error(answer[1]), { responseCode: answer[0] }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A plain-text customer mail as a client would send it. */
export function rawMail(m: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  cc?: string | undefined;
  headers?: Record<string, string> | undefined;
}): Buffer {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    ...(m.cc ? [`Cc: ${m.cc}`] : []),
    `Subject: =?UTF-8?B?${Buffer.from(m.subject).toString('base64')}?=`,
    `Date: ${new Date().toUTCString()}`,
    ...(m.messageId ? [`Message-ID: <${m.messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(m.body).toString('base64'),
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

/** The header block of a raw message, unfolded. */
export const headerBlock = (raw: string) => raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');

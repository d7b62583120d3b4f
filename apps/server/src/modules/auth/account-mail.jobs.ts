/*
 * Account mail goes out from a job, never from the request: the request answers the same way and
 * in about the same time whether or not an account exists, and an SMTP server that is slow or down
 * delays (and retries) the mail instead of failing the sign-up.
 *
 * The link's secret is made here, not in the request, and only its hash is stored: the job
 * payload and the token row never hold anything that opens an account. A retried job makes a new
 * secret, so at most the newest mail's link works.
 */
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { MailTransport, OutboundMail } from '../../platform/mail/index.js';
import { openMailTransport } from '../outbox/index.js';
import { getPortalSettings } from '../portal-settings/index.js';
import { accountMailKinds, composeAccountMail, type AccountMailKind } from './account-mail.templates.js';
import * as repo from './account-tokens.repository.js';

export const SEND_ACCOUNT_MAIL = 'send-account-mail';
const payloadSchema = z.object({ kind: z.enum(accountMailKinds), userId: z.uuid(), tokenId: z.uuid().optional() });
export type AccountMailJob = z.infer<typeof payloadSchema>;

export function defineAccountMailJobs(deps: AppDeps, transport: MailTransport = openMailTransport(deps)) {
  deps.jobs.defineJob(SEND_ACCOUNT_MAIL, payloadSchema, (job) => sendAccountMail(deps, transport, job), { retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true });
  return transport;
}

/** Which product name the mail speaks for: the portal's, else Kefu's own in the reader's language. */
const siteNameOf = (name: string, locale: 'zh-CN' | 'en') => name || (locale === 'en' ? 'Kefu' : 'Kefu 客服');

async function sendAccountMail(deps: AppDeps, transport: MailTransport, job: AccountMailJob) {
  const settings = await getPortalSettings(deps);
  const baseUrl = deps.config.publicUrl ?? `http://localhost:${deps.config.port || 3000}`;
  const compose = (user: repo.UserRow, kind: AccountMailKind, token?: string): OutboundMail => {
    const body = composeAccountMail({ kind, name: user.name, locale: user.locale, siteName: siteNameOf(settings.name, user.locale), baseUrl, ...(token ? { token } : {}) });
    return {
      kind: `account.${kind}`, from: deps.config.mailFrom, to: user.email, toName: user.name,
      subject: body.subject, text: body.text, html: body.html, headers: { 'X-Kefu-Account-Mail': kind },
    };
  };
  const prepared = await inTransaction(deps.db, async (tx) => {
    const user = await repo.findUserById(tx, job.userId);
    if (!user || !user.active) return null;
    let mail: OutboundMail;
    if (job.tokenId) {
      const keyed = await repo.rekeyToken(tx, job.tokenId, deps.clock.now());
      // Used, expired or replaced by a newer link since the job was booked: nothing worth mailing.
      if (!keyed) return null;
      mail = compose(user, job.kind, keyed.secret);
    } else {
      mail = compose(user, job.kind);
    }
    // The outbox writes with the rekeying, so the stored hash and the kept mail commit together.
    if (transport.joinsTransactions) {
      await transport.send(mail, { tx });
      return null;
    }
    return mail;
  });
  // A network send stays outside the transaction (an embedded database has one connection).
  if (prepared) await transport.send(prepared);
}

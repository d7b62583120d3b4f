import {
  createMailboxBodySchema, updateMailboxBodySchema, type CreateMailboxBody, type Mailbox, type MailboxChoice, type Page, type PageQuery, type UpdateMailboxBody,
} from '@kefu/contracts';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { isForeignKeyViolation, uniqueOr } from '../../platform/db/errors.js';
import { toPage } from '../../platform/db/pagination.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, fieldConflict, forbidden, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { isStaff, type RequestContext } from '../auth/index.js';
import { teams } from '../teams/index.js';
import { encryptSecret, secretKey } from './mail-secrets.js';
import { mailboxCache } from './mailbox-cache.js';
import { authorizeMailboxes } from './mailboxes.policy.js';
import { mailboxSnapshot, presentMailbox } from './mailboxes.presenter.js';
import * as repo from './mailboxes.repository.js';

const addressTaken = () => fieldConflict('address', 'is already the address of another mailbox');

type CreateBody = ReturnType<typeof createMailboxBodySchema.parse>;
type ImapInput = NonNullable<CreateBody['imap']>;
type SmtpInput = NonNullable<CreateBody['smtp']>;

async function assertTeam(db: Executor, teamId: string | null | undefined) {
  if (!teamId) return;
  const [t] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).limit(1);
  if (!t) throw invalidField('teamId', 'names a team that does not exist');
}

/** Column values of the IMAP part; an omitted password keeps `keep` (the stored ciphertext). */
function imapColumns(deps: AppDeps, imap: ImapInput | null, keep: string | null, now: Date): Partial<repo.MailboxInsert> {
  if (!imap) return { imapHost: null, imapPort: null, imapUser: null, imapPasswordEnc: null, nextPollAt: null };
  const password = imap.password === undefined ? keep : imap.password === null ? null : encryptSecret(secretKey(deps.config), imap.password);
  return {
    imapHost: imap.host, imapPort: imap.port, imapTls: imap.tls, imapUser: imap.user, imapPasswordEnc: password,
    imapFolder: imap.folder, pollIntervalSeconds: imap.pollIntervalSeconds, nextPollAt: now,
  };
}

function smtpColumns(deps: AppDeps, smtp: SmtpInput | null, keep: string | null): Partial<repo.MailboxInsert> {
  if (!smtp) return { smtpHost: null, smtpPort: null, smtpUser: null, smtpPasswordEnc: null, smtpFrom: null };
  const password = smtp.password === undefined ? keep : smtp.password === null ? null : encryptSecret(secretKey(deps.config), smtp.password);
  return { smtpHost: smtp.host, smtpPort: smtp.port, smtpSecure: smtp.secure, smtpUser: smtp.user, smtpPasswordEnc: password, smtpFrom: smtp.from };
}

export async function listMailboxes(deps: AppDeps, ctx: RequestContext, query: PageQuery): Promise<Page<Mailbox>> {
  authorizeMailboxes(ctx.actor, 'list');
  return toPage(await repo.listMailboxes(deps.db, query), query.limit, presentMailbox);
}

/** Active mailboxes for the reply composer: any staff member may choose where a reply goes out from. */
export async function listMailboxChoices(deps: AppDeps, ctx: RequestContext): Promise<{ items: MailboxChoice[] }> {
  if (!isStaff(ctx.actor)) throw forbidden('Only staff choose a mailbox to reply from');
  const rows = await repo.activeMailboxes(deps.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, address: r.address, isDefault: r.isDefault })) };
}

export async function getMailbox(deps: AppDeps, ctx: RequestContext, id: string): Promise<Mailbox> {
  authorizeMailboxes(ctx.actor, 'read');
  const row = await repo.findMailbox(deps.db, id);
  if (!row) throw notFound('Mailbox');
  return presentMailbox(row);
}

export async function createMailbox(deps: AppDeps, ctx: RequestContext, input: CreateMailboxBody): Promise<Mailbox> {
  authorizeMailboxes(ctx.actor, 'create');
  const body = createMailboxBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr('mailboxes_address_key', addressTaken, () =>
    inTransaction(deps.db, async (tx) => {
      // Inbound mail routes by the cached rows: every instance drops its copy when this commits.
      await mailboxCache.changed(deps.db, tx);
      await assertTeam(tx, body.teamId);
      const id = uuidv7(now.getTime());
      if (body.isDefault) await repo.clearDefault(tx, id);
      const row = await repo.insertMailbox(tx, {
        id, name: body.name, address: body.address, active: body.active, isDefault: body.isDefault,
        ...imapColumns(deps, body.imap, null, now), ...smtpColumns(deps, body.smtp, null),
        autoReplyEnabled: body.autoReply.enabled, autoReplyTemplates: body.autoReply.templates,
        unknownSenderPolicy: body.unknownSenderPolicy, teamId: body.teamId, createdAt: now, updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'mailbox.created', entityType: 'mailbox', entityId: row.id, after: mailboxSnapshot(row) }, now);
      return presentMailbox(row);
    }),
  );
}

export async function updateMailbox(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateMailboxBody): Promise<Mailbox> {
  authorizeMailboxes(ctx.actor, 'update');
  const body = updateMailboxBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr('mailboxes_address_key', addressTaken, () =>
    inTransaction(deps.db, async (tx) => {
      // Inbound mail routes by the cached rows: every instance drops its copy when this commits.
      await mailboxCache.changed(deps.db, tx);
      const before = await repo.findMailbox(tx, id, true);
      if (!before) throw notFound('Mailbox');
      await assertTeam(tx, body.teamId);
      if (body.isDefault) await repo.clearDefault(tx, id);
      if (body.active === false && before.isDefault) throw invalidField('active', 'cannot be false for the default mailbox; make another mailbox the default first');
      const patch: Partial<repo.MailboxInsert> = {
        updatedAt: now,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.address !== undefined ? { address: body.address } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(body.isDefault ? { isDefault: true } : {}),
        ...(body.imap !== undefined ? imapColumns(deps, body.imap, before.imapPasswordEnc, now) : {}),
        ...(body.smtp !== undefined ? smtpColumns(deps, body.smtp, before.smtpPasswordEnc) : {}),
        ...(body.autoReply ? { autoReplyEnabled: body.autoReply.enabled, autoReplyTemplates: body.autoReply.templates } : {}),
        ...(body.unknownSenderPolicy ? { unknownSenderPolicy: body.unknownSenderPolicy } : {}),
        ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
      };
      const row = (await repo.updateMailboxRow(tx, id, patch))!;
      await recordAudit(tx, ctx, { action: 'mailbox.updated', entityType: 'mailbox', entityId: id, before: mailboxSnapshot(before), after: mailboxSnapshot(row) }, now);
      return presentMailbox(row);
    }),
  );
}

export async function deleteMailbox(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeMailboxes(ctx.actor, 'delete');
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // Inbound mail routes by the cached rows: every instance drops its copy when this commits.
    await mailboxCache.changed(deps.db, tx);
    const before = await repo.findMailbox(tx, id);
    if (!before) throw notFound('Mailbox');
    if (before.isDefault) throw new AppError('conflict', 'The default mailbox cannot be deleted; make another mailbox the default first');
    try {
      await repo.deleteMailboxRow(tx, id);
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('conflict', 'The mailbox is still referenced; deactivate it instead');
      throw err;
    }
    await recordAudit(tx, ctx, { action: 'mailbox.deleted', entityType: 'mailbox', entityId: id, before: mailboxSnapshot(before) }, now);
  });
}

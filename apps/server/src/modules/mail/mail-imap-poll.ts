/*
 * IMAP polling, exactly once. Progress is (UIDVALIDITY, last UID) per mailbox folder, advanced over
 * messages already committed; only after that is a message flagged \Seen.
 * A dropped connection or a killed process resumes after the last stored UID, and a message stored
 * but not yet flagged is found again by Message-ID/content hash (never a second ticket). A changed
 * UIDVALIDITY means the server renumbered the folder: we rescan it and dedupe protects us.
 *
 * One instance polls a mailbox at a time: the sweep claims a due mailbox by pushing its
 * next_poll_at past a lease (FOR UPDATE SKIP LOCKED), so other instances skip it until the lease
 * ends or the poll books the next time.
 */
import { and, asc, eq, isNotNull, lte, or, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import { ingestRawMail, type IngestResult, type MailDeps } from './mail-ingest.js';
import { describeMailError, imapAccountOf, imapClient } from './mail-imap-client.js';
import { mailboxes, mailSyncState } from './mail.tables.js';
import * as repo from './mail-ingest.repository.js';
import { findMailbox, type MailboxRow } from './mailboxes.repository.js';

export const POLL_MAILBOXES = 'poll-mailboxes';
/** How often idle workers look for a mailbox that is due; each mailbox has its own interval. */
const SWEEP_EVERY_MS = 5_000;
/** A poll holds its mailbox this long; a crashed instance's claim lapses after it. */
const LEASE_MS = 10 * 60_000;
/** Messages fetched per round trip: bounded memory, few round trips. */
const BATCH = 40;
/** Messages of a batch stored at once: each waits mostly on round trips and fsyncs, which overlap. */
const INGEST_CONCURRENCY = 8;

export interface PollOptions {
  /** Stop after storing this many messages, before flagging them (tests: a crash mid-batch). */
  stopAfter?: number;
  afterIngest?: (result: IngestResult) => Promise<void>;
}

export interface PollOutcome {
  stored: number;
  duplicates: number;
  error: string | null;
}

/** Claims the next due mailbox; undefined when none is due (or all are held by other instances). */
async function claimDue(deps: AppDeps): Promise<MailboxRow | undefined> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return deps.db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: mailboxes.id })
      .from(mailboxes)
      .where(and(isNotNull(mailboxes.imapHost), eq(mailboxes.active, true), or(isNull(mailboxes.nextPollAt), lte(mailboxes.nextPollAt, now))))
      .orderBy(sql`${mailboxes.nextPollAt} asc nulls first`, asc(mailboxes.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return undefined;
    return (await tx.update(mailboxes).set({ nextPollAt: leaseUntil }).where(eq(mailboxes.id, due.id)).returning())[0];
  });
}

export function defineMailPolling(deps: MailDeps, afterIngest?: (r: IngestResult) => Promise<void>) {
  deps.jobs.defineSweep(POLL_MAILBOXES, SWEEP_EVERY_MS, async () => {
    const mailbox = await claimDue(deps);
    if (!mailbox) return 0;
    await pollMailbox(deps, mailbox.id, { afterIngest });
    return 1;
  });
}

async function syncState(deps: AppDeps, mailboxId: string, folder: string) {
  return (await deps.db.select().from(mailSyncState).where(and(eq(mailSyncState.mailboxId, mailboxId), eq(mailSyncState.folder, folder))).limit(1))[0];
}

/** Polls one mailbox now and records the outcome on it (last poll time, count, exact error). */
export async function pollMailbox(deps: MailDeps, mailboxId: string, options: PollOptions = {}): Promise<PollOutcome> {
  const mailbox = await findMailbox(deps.db, mailboxId);
  if (!mailbox) throw new Error(`mailbox ${mailboxId} does not exist`);
  const outcome: PollOutcome = { stored: 0, duplicates: 0, error: null };
  try {
    await fetchNew(deps, mailbox, outcome, options);
  } catch (err) {
    outcome.error = describeMailError(err);
    deps.log.warn({ err, mailboxId }, 'IMAP poll failed');
  }
  const now = deps.clock.now();
  await deps.db
    .update(mailboxes)
    .set({ lastPollAt: now, lastPollError: outcome.error, lastPollCount: outcome.stored, nextPollAt: new Date(now.getTime() + mailbox.pollIntervalSeconds * 1000) })
    .where(eq(mailboxes.id, mailboxId));
  return outcome;
}

type Fetched = { uid: number; source?: Buffer | undefined };

/**
 * Stores a fetched batch, INGEST_CONCURRENCY messages at a time (each its own transaction), then
 * moves last_uid once over the contiguous stored prefix only: a message that fails, or a crash,
 * leaves progress before it (at worst at the batch's start), and the messages after it that were
 * stored are found again by dedupe.
 * Returns the stored UIDs, or null when `stopAfter` cut the poll short.
 */
async function ingestBatch(deps: MailDeps, mailboxId: string, at: { folder: string; uidValidity: number }, messages: Fetched[], outcome: PollOutcome, options: PollOptions) {
  const done = messages.map(() => false);
  let prefix = 0;
  let next = 0;
  let failure: unknown;
  let stopped = false;
  const worker = async () => {
    while (next < messages.length && failure === undefined && !stopped) {
      const i = next++;
      const m = messages[i]!;
      try {
        if (m.source) {
          const result = await ingestRawMail(deps, { mailboxId, raw: m.source });
          if (result.status === 'stored') {
            outcome.stored++;
            if (options.afterIngest) await options.afterIngest(result).catch((err: unknown) => deps.log.error({ err }, 'after-ingest hook failed'));
          } else outcome.duplicates++;
        }
      } catch (err) {
        failure ??= err;
        return;
      }
      done[i] = true;
      if (options.stopAfter !== undefined && outcome.stored + outcome.duplicates >= options.stopAfter) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, worker));
  while (prefix < done.length && done[prefix]) prefix++;
  if (prefix > 0) await repo.advanceSync(deps.db, { mailboxId, ...at, uid: messages[prefix - 1]!.uid }, deps.clock.now());
  if (failure !== undefined) throw failure;
  return stopped ? null : messages.filter((_, i) => done[i]).map((m) => m.uid);
}

/** imapflow answers false rather than throwing when the connection is gone: that is a failed poll. */
async function markSeen(client: ReturnType<typeof imapClient>, uids: number[]) {
  if (!(await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true }))) {
    throw new Error('The IMAP server did not confirm flagging the stored messages as seen (connection lost?)');
  }
}

async function fetchNew(deps: MailDeps, mailbox: MailboxRow, outcome: PollOutcome, options: PollOptions) {
  const account = imapAccountOf(deps.config, mailbox);
  if (!account) throw new Error('The mailbox has no IMAP account');
  const client = imapClient(account);
  // A dropped connection surfaces as an 'error' event as well as a rejected command; the command is what we act on.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(account.folder);
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`Folder ${account.folder} could not be opened`);
      const uidValidity = Number(box.uidValidity);
      const state = await syncState(deps, mailbox.id, account.folder);
      const lastUid = state && state.uidValidity === uidValidity ? state.lastUid : 0;
      // Stored by an earlier poll that stopped before flagging them.
      if (lastUid > 0) {
        const unseen = await client.search({ seen: false, uid: `1:${lastUid}` }, { uid: true });
        if (unseen && unseen.length) await markSeen(client, unseen);
      }
      if (box.exists === 0) return;
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      // `N:*` always matches the highest UID, even below N.
      const uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
      for (let i = 0; i < uids.length; i += BATCH) {
        const batch = uids.slice(i, i + BATCH);
        const messages = await client.fetchAll(batch, { uid: true, source: true }, { uid: true });
        messages.sort((a, b) => a.uid - b.uid);
        const stored = await ingestBatch(deps, mailbox.id, { folder: account.folder, uidValidity }, messages, outcome, options);
        if (stored === null) return;
        if (stored.length) await markSeen(client, stored);
        // Keep the claim while a large folder is imported.
        await deps.db.update(mailboxes).set({ nextPollAt: new Date(deps.clock.now().getTime() + LEASE_MS) }).where(eq(mailboxes.id, mailbox.id));
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { ok, rows, type Json } from '../../test/factories.js';
import { startDovecot, type TestDovecot } from '../../test/dovecot.js';
import { mailDepsOf, newMessageId, rawMail } from '../../test/mail.js';
import { pollMailbox, type MailDeps } from './index.js';

let t: TestApp;
let deps: MailDeps;
let admin: string;
let dovecot: TestDovecot;

beforeAll(async () => {
  [t, dovecot] = await Promise.all([createTestApp(), startDovecot()]);
  deps = mailDepsOf(t);
  admin = await t.adminSession();
}, 60_000);
afterAll(async () => {
  await dovecot?.close();
  await t?.close();
});

/** A mailbox reading its own folder of the test Dovecot (folders keep tests apart). */
async function imapMailbox(folder: string, overrides: Record<string, unknown> = {}) {
  return ok<Json>(t, 201, 'POST', '/api/v1/mailboxes', admin, {
    name: folder, address: `${unique('imap')}@localhost`,
    imap: { host: dovecot.host, port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password, folder, pollIntervalSeconds: 60, ...overrides },
  });
}

const stored = (mailboxId: string) =>
  rows<{ message_id: string; ticket_id: string }>(t, sql`select message_id, ticket_id from mail_messages where mailbox_id = ${mailboxId} order by message_id`);
const syncOf = async (mailboxId: string) => (await rows<Json>(t, sql`select * from mail_sync_state where mailbox_id = ${mailboxId}`))[0];

function messages(n: number, tag: string) {
  const ids = Array.from({ length: n }, (_, i) => newMessageId(`${tag}${i}`));
  return { ids, raws: ids.map((messageId, i) => rawMail({ from: `${tag}${i}@imap.example`, messageId, subject: `${tag} ${i}` })) };
}

describe('IMAP polling against Dovecot', () => {
  it('imports new messages once, records UIDVALIDITY and the last UID, flags them seen only after storing', async () => {
    const folder = unique('Inbox');
    const mb = await imapMailbox(folder);
    const { ids, raws } = messages(3, 'a');
    const uids = await dovecot.append(raws, folder);
    const first = await pollMailbox(deps, mb.id);
    expect(first).toEqual({ stored: 3, duplicates: 0, error: null });
    expect((await stored(mb.id)).map((r) => r.message_id).sort()).toEqual([...ids].sort());
    const sync = await syncOf(mb.id);
    expect({ folder: sync.folder, lastUid: Number(sync.last_uid) }).toEqual({ folder, lastUid: Math.max(...uids) });
    expect(await dovecot.seenUids(folder)).toEqual(uids);
    expect(await pollMailbox(deps, mb.id)).toEqual({ stored: 0, duplicates: 0, error: null });
    const after = await ok(t, 200, 'GET', `/api/v1/mailboxes/${mb.id}`, admin);
    expect(after).toMatchObject({ lastPollError: null, lastPollCount: 0, imap: { hasPassword: true, folder } });
    expect(after.lastPollAt).not.toBeNull();
    expect(JSON.stringify(after)).not.toContain(dovecot.password);
  });

  it('resumes after a poll that stopped mid-batch (a killed server) without loss or duplicates', async () => {
    const folder = unique('Crash');
    const mb = await imapMailbox(folder);
    const { ids, raws } = messages(12, 'b');
    await dovecot.append(raws, folder);
    // "Killed" after 2 stored (others in flight finish), before flagging any of them \Seen.
    const cut = await pollMailbox(deps, mb.id, { stopAfter: 2 });
    expect(cut.stored).toBeGreaterThanOrEqual(2);
    expect(cut.stored).toBeLessThan(12);
    expect(await dovecot.seenUids(folder)).toEqual([]);
    const resumed = await pollMailbox(deps, mb.id);
    expect(resumed).toMatchObject({ stored: 12 - cut.stored, error: null });
    expect((await stored(mb.id)).map((r) => r.message_id).sort()).toEqual([...ids].sort());
    expect(await dovecot.seenUids(folder)).toHaveLength(12);
  });

  it('survives the IMAP server disconnecting after FETCH: the error is recorded, the next poll completes, nothing doubles', async () => {
    const folder = unique('Drop');
    const mb = await imapMailbox(folder);
    const { ids, raws } = messages(5, 'c');
    await dovecot.append(raws, folder);
    let killed = false;
    let outcome;
    try {
      outcome = await pollMailbox(deps, mb.id, {
        afterIngest: async () => {
          if (killed) return;
          killed = true;
          await dovecot.kill();
        },
      });
    } finally {
      await dovecot.restart();
    }
    expect(outcome.error).not.toBeNull();
    const failed = await ok(t, 200, 'GET', `/api/v1/mailboxes/${mb.id}`, admin);
    expect(failed.lastPollError).toBe(outcome.error);
    const resumed = await pollMailbox(deps, mb.id);
    expect(resumed.error).toBeNull();
    expect(outcome.stored + resumed.stored).toBe(5);
    expect((await stored(mb.id)).map((r) => r.message_id).sort()).toEqual([...ids].sort());
    expect(await dovecot.seenUids(folder)).toHaveLength(5);
  });

  it('rescans a folder whose UIDVALIDITY changed, and dedupe keeps every message single', async () => {
    const folder = unique('Renumbered');
    const mb = await imapMailbox(folder);
    const { ids, raws } = messages(3, 'd');
    await dovecot.append(raws, folder);
    await pollMailbox(deps, mb.id);
    const before = await syncOf(mb.id);
    await dovecot.recreateFolder(folder);
    const extra = rawMail({ from: 'late@imap.example', messageId: newMessageId('late'), subject: 'late' });
    await dovecot.append([...raws, extra], folder);
    expect(await pollMailbox(deps, mb.id)).toEqual({ stored: 1, duplicates: 3, error: null });
    expect(Number((await syncOf(mb.id)).uid_validity)).not.toBe(Number(before.uid_validity));
    expect(await stored(mb.id)).toHaveLength(ids.length + 1);
  });

  it('the poll sweep polls due mailboxes on the worker and then waits for the interval', async () => {
    const folder = unique('Sweep');
    const mb = await imapMailbox(folder);
    await dovecot.append(messages(2, 'e').raws, folder);
    // Other mailboxes of this file are due too; each is polled once and booked for later.
    await t.deps.jobs.runDue();
    expect(await stored(mb.id)).toHaveLength(2);
    await dovecot.append(messages(1, 'f').raws, folder);
    await t.deps.jobs.runDue();
    expect(await stored(mb.id)).toHaveLength(2);
    t.clock.advance(61_000);
    await t.deps.jobs.runDue();
    expect(await stored(mb.id)).toHaveLength(3);
  });

  it('records the exact failure of a poll with a wrong password', async () => {
    const mb = await imapMailbox(unique('Wrong'), { password: 'not-the-password' });
    const outcome = await pollMailbox(deps, mb.id);
    expect(outcome.error).toMatch(/Authentication failed/);
    expect((await ok(t, 200, 'GET', `/api/v1/mailboxes/${mb.id}`, admin)).lastPollError).toMatch(/Authentication failed/);
  });
});

describe('test connection', () => {
  const test = async (imap: Record<string, unknown>) => {
    const mb = await imapMailbox('INBOX', imap);
    return ok<Json>(t, 200, 'POST', `/api/v1/mailboxes/${mb.id}/test`, admin);
  };

  it('logs in, lists folders and counts the messages of the folder', async () => {
    const folder = unique('Listed');
    await dovecot.append(messages(2, 'g').raws, folder);
    const r = await test({ folder });
    expect(r).toMatchObject({ ok: true, imap: { ok: true, messages: 2 } });
    expect(r.imap.folders).toContain(folder);
    expect(r.smtp).toBeUndefined();
  });

  it('reports the exact failure: authentication, missing folder, refused connection, DNS', async () => {
    expect(await test({ password: 'wrong-password' })).toMatchObject({ ok: false, imap: { ok: false, error: expect.stringMatching(/Authentication failed/) } });
    expect(await test({ folder: 'NoSuchFolder' })).toMatchObject({ ok: false, imap: { ok: false, error: expect.stringMatching(/NoSuchFolder.*(doesn't exist|not exist|NONEXISTENT)/i) } });
    expect(await test({ port: 1 })).toMatchObject({ ok: false, imap: { ok: false, error: expect.stringMatching(/Connection refused/) } });
    expect(await test({ host: 'imap.does-not-exist.invalid' })).toMatchObject({ ok: false, imap: { ok: false, error: expect.stringMatching(/DNS lookup failed/) } });
  });

  it('verifies the outbound SMTP account too', async () => {
    const mb = await ok<Json>(t, 201, 'POST', '/api/v1/mailboxes', admin, {
      name: 'out', address: `${unique('out')}@localhost`, smtp: { host: '127.0.0.1', port: 1, secure: false },
    });
    const r = await ok<Json>(t, 200, 'POST', `/api/v1/mailboxes/${mb.id}/test`, admin);
    expect(r).toMatchObject({ ok: false, smtp: { ok: false, error: expect.stringMatching(/Connection refused|ECONNREFUSED/) } });
    expect(r.imap).toBeUndefined();
  });
});

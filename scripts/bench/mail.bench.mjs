// Email channel figures: inbound mail through the built-in SMTP listener to stored, threaded
// tickets (half of the messages reply to earlier threads), checked for zero loss and zero
// duplicates, next to raw INSERTs of the same rows in the same run; IMAP import of a folder from a
// real Dovecot; the parse cost per message next to mailparser's. PostgreSQL when
// BENCH_DATABASE_URL is set, else PGlite. BENCH_MAIL_MESSAGES (10,000), BENCH_MAIL_IMAP (10,000),
// BENCH_MAIL_CLIENTS (8 concurrent SMTP clients); BENCH_MAIL_CPU_PROF=<dir> writes the server's
// CPU profile there (node --cpu-prof) when it stops.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { api, benchAdmin, ensureBuilt, fmt, freePort, serverFlags, serverMain, signIn, startProcess, stop, tempDir, waitReady } from './harness.mjs';
import { measureParseCost } from './mail-parse.mjs';

const MESSAGES = Number(process.env.BENCH_MAIL_MESSAGES ?? 10_000);
const IMAP_MESSAGES = Number(process.env.BENCH_MAIL_IMAP ?? 10_000);
const CLIENTS = Number(process.env.BENCH_MAIL_CLIENTS ?? 8);
const CPU_PROF = process.env.BENCH_MAIL_CPU_PROF;

/** The server, with --cpu-prof when a profile was asked for (startProcess adds only the serve flags). */
function startServer(env) {
  if (!CPU_PROF) return startProcess(serverMain, env);
  const child = spawn(process.execPath, [...serverFlags, '--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, serverMain], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stderrText = () => stderr;
  return child;
}
const SENDERS = Math.max(10, Math.floor(MESSAGES / 5));

const body = '您好，我的订单 20261124 还没有发货，请帮忙查一下。\r\nHello, my order has not shipped yet, could you check?\r\n';
function mail({ from, messageId, inReplyTo, subject }) {
  return [
    `From: 客户 <${from}>`, 'To: support@localhost', `Subject: ${subject}`, 'Date: Tue, 24 Nov 2026 08:00:00 +0800', `Message-ID: <${messageId}>`,
    ...(inReplyTo ? [`In-Reply-To: <${inReplyTo}>`, `References: <${inReplyTo}>`] : []),
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body,
  ].join('\r\n');
}

/**
 * The plan of the SMTP run: message i is a new thread from sender i % SENDERS, or (every other
 * message) a reply by a sender to the newest message of theirs already acknowledged.
 */
async function sendAll(port, run) {
  const lastOf = new Map();
  let next = 0;
  let newThreads = 0;
  const failures = [];
  const client = async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity });
    try {
      while (next < MESSAGES) {
        const i = next++;
        const from = `sender${i % SENDERS}.${run}@bench.example`;
        const previous = lastOf.get(from);
        const reply = i % 2 === 1 && previous;
        const messageId = `${run}.${i}@bench.example`;
        if (!reply) newThreads++;
        const raw = mail({ from, messageId, inReplyTo: reply ? previous : undefined, subject: reply ? 'Re: 订单未发货' : `订单未发货 ${i}` });
        try {
          await transport.sendMail({ envelope: { from, to: ['support@localhost'] }, raw });
          lastOf.set(from, messageId);
        } catch (err) {
          failures.push(`${i}: ${err.message}`);
        }
      }
    } finally {
      transport.close();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { seconds: (performance.now() - t0) / 1000, newThreads, failures };
}

/** What was stored, and whether any reply landed outside its thread. */
async function verify(query, run) {
  const [stored] = await query(`select count(*)::int as n, count(distinct message_id)::int as distinct_ids, count(distinct ticket_id)::int as tickets
    from mail_messages where message_id like $1`, [`${run}.%`]);
  const [misthreaded] = await query(`select count(*)::int as n from mail_messages r join mail_messages p on p.message_id = r.in_reply_to
    where r.message_id like $1 and r.ticket_id <> p.ticket_id`, [`${run}.%`]);
  const [messages] = await query(`select count(*)::int as n from ticket_messages m join mail_messages mm on mm.ticket_message_id = m.id where mm.message_id like $1`, [`${run}.%`]);
  return { stored: stored.n, distinctIds: stored.distinct_ids, tickets: stored.tickets, misthreaded: misthreaded.n, ticketMessages: messages.n };
}

/** The same rows written raw (ticket for a new thread, message, mail row), one transaction per mail, same concurrency. */
async function rawInserts(exec, customerId) {
  let next = 0;
  const tickets = [];
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++;
      const reply = i % 2 === 1 && tickets.length > 0;
      const ticketId = reply ? tickets[i % tickets.length] : randomUUID();
      const statements = [];
      if (!reply) {
        statements.push([`insert into tickets (id, subject, type, channel, status, priority, requester_id) values ($1, $2, 'inquiry', 'email', 'new', 'normal', $3)`, [ticketId, `订单未发货 ${i}`, customerId]]);
      }
      const messageId = randomUUID();
      statements.push([`insert into ticket_messages (id, ticket_id, author_customer_id, author_name, channel, body_html, body_text) values ($1, $2, $3, '客户', 'email', $4, $5)`, [messageId, ticketId, customerId, `<p>${body}</p>`, body]]);
      statements.push([`insert into mail_messages (id, ticket_id, ticket_message_id, direction, message_id, from_address, subject) values ($1, $2, $3, 'in', $4, 'raw@bench.example', 'raw')`, [randomUUID(), ticketId, messageId, `raw.${randomUUID()}@bench.example`]]);
      await exec(statements);
      if (!reply) tickets.push(ticketId);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  return { rate: MESSAGES / ((performance.now() - t0) / 1000) };
}

/** A throw-away Dovecot: the tests' own (apps/server/src/test/dovecot.ts). */
const startDovecot = async () => (await tsImport('../../apps/server/src/test/dovecot.ts', import.meta.url)).startDovecot();

async function runEngine({ label, env, openQuery, exclusive }) {
  const port = await freePort();
  const smtpPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const start = async () => {
    const child = startServer({ ...env, ...benchAdmin, PORT: String(port), HOST: '127.0.0.1', KEFU_SMTP_PORT: String(smtpPort), KEFU_SMTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    await waitReady(`${base}/readyz`, child, 120_000);
    return child;
  };
  let server = await start();
  const cookie = await signIn(base);
  const run = `r${Date.now().toString(36)}`;
  process.stdout.write(`  [${label}] ${fmt(MESSAGES)} messages over SMTP, ${CLIENTS} clients…`);
  const sent = await sendAll(smtpPort, run);
  console.log(` ${fmt(sent.seconds, 1)} s`);

  const dovecot = await startDovecot();
  process.stdout.write(`  [${label}] appending ${fmt(IMAP_MESSAGES)} messages to Dovecot…`);
  const folder = `Bench${run}`;
  await dovecot.append(Array.from({ length: IMAP_MESSAGES }, (_, i) => mail({ from: `imap${i % SENDERS}.${run}@bench.example`, messageId: `imap.${run}.${i}@bench.example`, subject: `IMAP ${i}` })), folder);
  console.log(' done');
  const t0 = performance.now();
  const mailbox = await api(base, cookie, 'POST', '/api/v1/mailboxes', {
    name: 'IMAP bench', address: `imap-${run}@localhost`,
    imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: dovecot.user, password: dovecot.password, folder, pollIntervalSeconds: 3600 },
  });
  let imported = 0;
  let pollError = null;
  for (;;) {
    const m = await api(base, cookie, 'GET', `/api/v1/mailboxes/${mailbox.id}`);
    if (m.lastPollAt) {
      imported = m.lastPollCount;
      pollError = m.lastPollError;
      break;
    }
    if (performance.now() - t0 > 30 * 60_000) throw new Error('IMAP import did not finish in 30 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  const imapSeconds = (performance.now() - t0) / 1000;
  await dovecot.close();

  if (exclusive) await stop(server);
  const db = await openQuery();
  let check;
  let imapStored;
  let raw;
  try {
    check = await verify(db.query, run);
    [imapStored] = await db.query(`select count(*)::int as n, count(distinct message_id)::int as d from mail_messages where message_id like $1`, [`imap.${run}.%`]);
    const [c] = await db.query(`select id from customers limit 1`);
    process.stdout.write(`  [${label}] raw INSERTs of the same rows…`);
    raw = await rawInserts(db.exec, c.id);
    console.log(' done');
  } finally {
    await db.close();
  }
  if (!exclusive) await stop(server);
  else server = null;
  return { label, sent, check, imap: { seconds: imapSeconds, imported, stored: imapStored, error: pollError }, raw };
}

ensureBuilt();
const results = [];
if (process.env.BENCH_DATABASE_URL) {
  const name = `kefu_bench_mail_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  const dataDir = tempDir('kefu-bench-mail-');
  try {
    results.push(await runEngine({
      label: 'PostgreSQL', env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
      openQuery: async () => {
        const pool = new pg.Pool({ connectionString: url.toString(), max: CLIENTS });
        pool.on('error', () => undefined);
        return {
          query: async (text, params) => (await pool.query(text, params)).rows,
          exec: async (statements) => {
            const c = await pool.connect();
            try {
              await c.query('begin');
              for (const [text, params] of statements) await c.query(text, params);
              await c.query('commit');
            } finally {
              c.release();
            }
          },
          close: () => pool.end(),
        };
      },
    }));
  } finally {
    await adminClient.query(`drop database if exists ${name} with (force)`);
    await adminClient.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  const dataDir = tempDir('kefu-bench-mail-');
  try {
    results.push(await runEngine({
      label: 'PGlite', env: { DATA_DIR: dataDir }, exclusive: true,
      openQuery: async () => {
        const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), extensions: { citext, pg_trgm }, postgresqlconf: 'shared_buffers=32MB' });
        return {
          query: async (text, params) => (await db.query(text, params)).rows,
          exec: (statements) => db.transaction(async (tx) => {
            for (const [text, params] of statements) await tx.query(text, params);
          }),
          close: () => db.close(),
        };
      },
    }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`\nbench mail — ${fmt(MESSAGES)} SMTP messages (${CLIENTS} clients, half replies), ${fmt(IMAP_MESSAGES)} IMAP messages`);
for (const r of results) {
  const rate = MESSAGES / r.sent.seconds;
  const lost = MESSAGES - r.check.stored;
  const dups = r.check.stored - r.check.distinctIds;
  const exact = lost === 0 && dups === 0 && r.sent.failures.length === 0 && r.check.misthreaded === 0 && r.check.tickets === r.sent.newThreads;
  console.log(`  [${r.label}]`);
  console.log(`    SMTP → stored threaded tickets: ${fmt(rate)} messages/s sustained (target ≥ 200) ${rate >= 200 ? 'OK' : 'MISS'}; raw INSERTs of the same rows ${fmt(r.raw.rate)}/s → ${fmt((rate / r.raw.rate) * 100, 1)}%`);
  console.log(`    exactly once: ${fmt(r.check.stored)} stored of ${fmt(MESSAGES)} (lost ${lost}, duplicates ${dups}, refused ${r.sent.failures.length}), ${fmt(r.check.tickets)} tickets for ${fmt(r.sent.newThreads)} new threads, ${r.check.misthreaded} replies outside their thread, ${fmt(r.check.ticketMessages)} ticket messages ${exact ? 'OK' : 'MISS'}`);
  if (r.sent.failures.length) console.log(`      first failures: ${r.sent.failures.slice(0, 3).join(' | ')}`);
  const imapRate = r.imap.stored.n / r.imap.seconds;
  console.log(`    IMAP import from Dovecot: ${fmt(r.imap.stored.n)} of ${fmt(IMAP_MESSAGES)} in ${fmt(r.imap.seconds, 1)} s → ${fmt(imapRate)} messages/s (target ≥ 100) ${imapRate >= 100 && r.imap.stored.n === IMAP_MESSAGES && r.imap.stored.d === r.imap.stored.n ? 'OK' : 'MISS'}${r.imap.error ? ` — poll error: ${r.imap.error}` : ''}`);
}
await measureParseCost();

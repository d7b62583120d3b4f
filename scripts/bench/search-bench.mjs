// The search half of the tickets benchmark: bulk ticket messages whose search vectors are built by
// the server's own code, and search latency through the API next to the same SQL run raw.
//
// The server's modules are loaded from source with tsx (the built bundle exports nothing), so the
// vectors and the replayed SQL follow the source: rebuild the server after changing search code, or
// the API figures come from an older bundle than the raw ones.
import { randomUUID } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { QUERIES, messageText, rng, subjectText } from './search-corpus.mjs';

const src = (p) => tsImport(`../../apps/server/src/${p}`, import.meta.url);
const { sql } = await tsImport('drizzle-orm', import.meta.url);
const { PgDialect } = await tsImport('drizzle-orm/pg-core', import.meta.url);
const { toSearchVector, toSearchQuery } = await src('platform/search/index.ts');
const { listTickets } = await src('modules/tickets/tickets.repository.ts');
const { searchSnippets, ticketTextMatch } = await src('modules/tickets/ticket-search.ts');
const { listTicketsQuerySchema } = await tsImport('../../packages/contracts/src/index.ts', import.meta.url);
const dialect = new PgDialect();

/** A drizzle database over the bench's connection that records every statement it sends. */
export async function recordingDrizzle(client, kind) {
  const statements = [];
  const logger = { logQuery: (text, params) => statements.push({ text, params }) };
  const { drizzle } = await tsImport(kind === 'pglite' ? 'drizzle-orm/pglite' : 'drizzle-orm/node-postgres', import.meta.url);
  return { db: drizzle(client, { logger }), statements };
}

const SUBJECTS = 2000;
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Subjects for the bulk tickets, with vectors from the server's toSearchVector (weight A, as on
 * create), in a side table the tickets fill joins on `g % SUBJECTS`.
 */
export async function fillSubjects(db) {
  const rand = rng(7);
  await db.query('create table bench_subjects (i int primary key, subject text not null, v tsvector not null)');
  const rows = Array.from({ length: SUBJECTS }, (_, i) => {
    const subject = subjectText(rand);
    return sql`(${i}, ${subject}, ${toSearchVector([{ text: subject, weight: 'A' }])})`;
  });
  const q = dialect.sqlToQuery(sql`insert into bench_subjects (i, subject, v) values ${sql.join(rows, sql`, `)}`);
  await db.query(q.sql, q.params);
}

/** Runs `fn` with the named indexes dropped, then builds them again: one build beats a million inserts. */
export async function withoutIndexes(db, names, fn) {
  const defs = await db.query(`select indexname, indexdef from pg_indexes where indexname = any($1)`, [names]);
  if (defs.length !== names.length) throw new Error(`missing index among ${names.join(', ')}`);
  for (const { indexname } of defs) await db.query(`drop index ${indexname}`);
  await fn();
  for (const { indexdef } of defs) await db.query(indexdef);
}

/**
 * `count` messages over every ticket, written as multi-row INSERTs with `inFlight` statements
 * outstanding. As in a live desk, messages arrive in time order and each one lands on a ticket active
 * at that moment (a reply bumps its ticket's updated_at), so recent tickets' messages sit together
 * at the end of the table; which ticket is jittered, so some get several messages and some none.
 * About a sixth are internal notes.
 */
export async function fillMessages(db, { count, userId, customerId, inFlight }) {
  const tickets = await db.query('select id, extract(epoch from updated_at)::float8 * 1000 as at from tickets order by updated_at, id');
  const rand = rng(42);
  const BATCH = 1000;
  const pending = new Set();
  await withoutIndexes(db, ['ticket_messages_search_idx', 'ticket_messages_ticket_idx'], async () => {
    for (let done = 0; done < count; done += BATCH) {
      const rows = [];
      for (let i = 0; i < Math.min(BATCH, count - done); i++) {
        const text = messageText(rand);
        const agent = rand() < 0.4;
        const spot = ((done + i) / count) * tickets.length + (rand() - 0.5) * 8;
        const ticket = tickets[Math.max(0, Math.min(tickets.length - 1, Math.floor(spot)))];
        const at = new Date(ticket.at - Math.floor(rand() * 3_600_000)).toISOString();
        rows.push(sql`(${randomUUID()}::uuid, ${ticket.id}::uuid, ${agent ? userId : null}::uuid,
          ${agent ? null : customerId}::uuid, ${agent ? 'Bench Agent' : '压测客户'}, ${agent && rand() < 0.4}, ${pick(rand, ['email', 'portal', 'phone', 'chat'])},
          ${`<p>${escapeHtml(text)}</p>`}, ${text}, ${at}::timestamptz, ${toSearchVector([{ text, weight: 'B' }])})`);
      }
      const q = dialect.sqlToQuery(sql`insert into ticket_messages (id, ticket_id, author_user_id, author_customer_id, author_name,
        internal, channel, body_html, body_text, created_at, search_vector) values ${sql.join(rows, sql`, `)}`);
      const p = db.query(q.sql, q.params).finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= inFlight) await Promise.race(pending);
    }
    await Promise.all(pending);
  });
  await db.query('analyze ticket_messages');
}

const pick = (rand, xs) => xs[Math.floor(rand() * xs.length)];

/** How many messages each query matches, so the report shows which terms are common and which rare. */
export async function matchCounts(db) {
  const out = new Map();
  for (const q of [...QUERIES.zh, ...QUERIES.en]) {
    const query = dialect.sqlToQuery(sql`select count(*)::int as n from ticket_messages where search_vector @@ ${toSearchQuery(q)}`);
    out.set(q, (await db.query(query.sql, query.params))[0].n);
  }
  return out;
}

/**
 * The search statements of one `GET /api/v1/tickets?q=` (the listing and its snippets), recorded by
 * calling the server's own repository and search module the way its service does.
 */
export async function searchStatements(recording, actor, q) {
  recording.statements.length = 0;
  const query = listTicketsQuerySchema.parse({ q });
  const rows = await listTickets(recording.db, actor, { ...query, textMatch: ticketTextMatch(actor, q) });
  await searchSnippets(recording.db, actor, rows.slice(0, query.limit), q);
  return [...recording.statements];
}

/** p50/p95 in ms of `n` runs of `once`, `inFlight` at a time, after a few unmeasured ones. */
export async function timed(once, n, inFlight = 4) {
  for (let i = 0; i < 3; i++) await once();
  const times = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t0 = performance.now();
      await once();
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return times.sort((a, b) => a - b);
}

export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Per-query and per-language times for `run(q)`, each query `n` times. */
export async function measureQueries(run, n) {
  const byQuery = new Map();
  const byLang = { zh: [], en: [] };
  for (const lang of ['zh', 'en']) {
    for (const q of QUERIES[lang]) {
      const times = await timed(() => run(q), n);
      byQuery.set(q, times);
      byLang[lang].push(...times);
    }
  }
  for (const lang of ['zh', 'en']) byLang[lang].sort((a, b) => a - b);
  return { byQuery, byLang, all: [...byLang.zh, ...byLang.en].sort((a, b) => a - b) };
}

export { QUERIES, SUBJECTS };

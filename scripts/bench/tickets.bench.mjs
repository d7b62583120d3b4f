// Service desk figures: ticket creation through the API vs raw INSERT into the same table, queue
// query latency over a large table, and full-text search over many messages (API vs the same SQL
// run raw). PostgreSQL when BENCH_DATABASE_URL is set, PGlite always.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { api, benchAdmin, ensureBuilt, fmt, freePort, load, serverMain, signIn, startProcess, stop, tempDir, waitReady } from './harness.mjs';
import { QUERIES, SUBJECTS, fillMessages, fillSubjects, matchCounts, measureQueries, pct, recordingDrizzle, searchStatements, withoutIndexes } from './search-bench.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const SEARCH_RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 50);



/** p50/p95 of `n` sequential-ish requests (4 in flight), measured by the client. */
async function latency(url, cookie, n = 400, inFlight = 4) {
  const times = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n * 0.5)], p95: times[Math.floor(n * 0.95)] };
}

/**
 * Bulk rows straight into the tables (a realistic mix of status, priority, teams, assignees), with
 * subjects and their vectors from bench_subjects (see fillSubjects).
 */
const fillSql = (n, teamIds, customerId, userId) => `
  insert into tickets (id, subject, type, channel, status, priority, requester_id, team_id, assignee_id, tags, created_at, updated_at, search_vector)
  select gen_random_uuid(), s.subject, (array['inquiry','request','repair','complaint','suggestion'])[1 + g % 5],
         (array['email','portal','phone','chat'])[1 + g % 4], (array['new','open','open','pending','resolved','closed','closed','closed'])[1 + g % 8],
         (array['low','normal','normal','high','urgent'])[1 + (g * 7) % 5], '${customerId}',
         (array[${teamIds.map((t) => `'${t}'::uuid`).join(',')}])[1 + g % ${teamIds.length}],
         case when g % 3 = 0 then null else '${userId}'::uuid end, '{}', now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, s.v
  from generate_series(1, ${n}) g join bench_subjects s on s.i = g % ${SUBJECTS}`;

/** Seconds `fn` takes, printed after `what`. */
async function step(what, fn) {
  process.stdout.write(what);
  const t0 = performance.now();
  const out = await fn();
  console.log(` ${fmt((performance.now() - t0) / 1000, 1)} s`);
  return out;
}

/**
 * One engine's run. `openDb` gives the bench its own connection for the bulk rows and the raw
 * search SQL; on PGlite the server must let go of the data folder first, so the run stops it, fills,
 * and starts it again.
 */
async function runEngine({ label, env, rawInsert, queueRows, messages, openDb, exclusive }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const start = async () => {
    const child = startProcess(serverMain, { ...env, ...benchAdmin, PORT: String(port), HOST: '127.0.0.1' });
    await waitReady(`${base}/readyz`, child, 120_000);
    return child;
  };
  let server = await start();
  let cookie = await signIn(base);
  const me = await api(base, cookie, 'GET', '/api/v1/me');
  const customer = await api(base, cookie, 'POST', '/api/v1/customers', { name: '压测客户', emails: [`bench-${randomUUID()}@example.com`] });
  const teams = [];
  for (let i = 0; i < 10; i++) teams.push((await api(base, cookie, 'POST', '/api/v1/teams', { name: `压测组 ${i} ${randomUUID().slice(0, 6)}` })).id);
  const body = JSON.stringify({ subject: '压测：订单未发货 order not shipped', requesterId: customer.id, teamId: teams[0], body: '<p>客户来电：订单一直没有发货 the order has not shipped</p>' });
  const post = { method: 'POST', body, headers: { cookie, 'content-type': 'application/json' }, connections: CONNECTIONS };
  await load(`${base}/api/v1/tickets`, { ...post, duration: 2 });
  const created = await load(`${base}/api/v1/tickets`, { ...post, duration: DURATION });
  const raw = rawInsert ? await rawInsert(customer.id, teams[0]) : null;

  if (exclusive) await stop(server);
  const db = await openDb();
  let matches;
  let rawSearch;
  try {
    await step(`  [${label}] filling ${fmt(queueRows)} tickets for the queue query…`, async () => {
      await fillSubjects(db);
      await withoutIndexes(db, ['tickets_search_idx'], () => db.query(fillSql(queueRows, teams, customer.id, me.user.id)));
      await db.query('drop table bench_subjects');
      await db.query('analyze tickets');
    });
    await step(`  [${label}] filling ${fmt(messages)} messages for search…`, () =>
      fillMessages(db, { count: messages, userId: me.user.id, customerId: customer.id, inFlight: exclusive ? 1 : 2 }));
    matches = await matchCounts(db);
    // The search statements each request runs, replayed as they are: the database's share.
    const actor = { userId: me.user.id, email: benchAdmin.KEFU_ADMIN_EMAIL, name: me.user.name, role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' };
    const recording = await db.recording();
    const statements = new Map();
    for (const q of [...QUERIES.zh, ...QUERIES.en]) statements.set(q, await searchStatements(recording, actor, q));
    rawSearch = await measureQueries(async (q) => {
      for (const s of statements.get(q)) await db.query(s.text, s.params);
    }, SEARCH_RUNS);
  } finally {
    await db.close();
  }
  if (exclusive) {
    server = await start();
    cookie = await signIn(base);
  }
  const queueUrl = `${base}/api/v1/tickets?status=open&teamId=${teams[3]}&assignee=none&sort=priority&limit=25`;
  await latency(queueUrl, cookie, 50);
  const queue = await latency(queueUrl, cookie);
  const search = await measureQueries(async (q) => {
    const res = await fetch(`${base}/api/v1/tickets?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
  }, SEARCH_RUNS);
  await stop(server);
  return { label, created, raw, queue, queueRows, messages, matches, search, rawSearch };
}

ensureBuilt();
const results = [];
{
  const dataDir = tempDir('kefu-bench-tickets-');
  try {
    results.push(await runEngine({
      label: 'PGlite', env: { DATA_DIR: dataDir }, exclusive: true,
      queueRows: Number(process.env.BENCH_PGLITE_ROWS ?? 100_000), messages: Number(process.env.BENCH_PGLITE_MESSAGES ?? 100_000),
      openDb: async () => {
        // The server's own setting (KEFU_PGLITE_SHARED_BUFFERS), so the raw SQL meets the same cache.
        const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), extensions: { citext, pg_trgm }, postgresqlconf: 'shared_buffers=32MB' });
        return {
          query: async (text, params) => (await db.query(text, params)).rows,
          recording: () => recordingDrizzle(db, 'pglite'),
          close: () => db.close(),
        };
      },
    }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true }); // hundreds of MB once the messages are in
  }
}
if (process.env.BENCH_DATABASE_URL) {
  const name = `kefu_bench_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  // Index builds after the bulk fill get the memory to sort in one pass.
  const pool = new pg.Pool({ connectionString: url.toString(), max: CONNECTIONS, options: '-c maintenance_work_mem=256MB' });
  const dataDir = tempDir('kefu-bench-');
  pool.on('error', () => undefined); // idle clients are cut when the database is dropped at the end
  try {
    const rawInsert = async (customerId, teamId) => {
      let n = 0;
      const end = performance.now() + DURATION * 1000;
      const worker = async () => {
        while (performance.now() < end) {
          await pool.query(`insert into tickets (id, subject, type, channel, status, priority, requester_id, team_id) values ($1, $2, 'inquiry', 'phone', 'new', 'normal', $3, $4)`, [randomUUID(), '压测：订单未发货 order not shipped', customerId, teamId]);
          n++;
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      return { rps: n / DURATION };
    };
    results.push(await runEngine({
      label: 'PostgreSQL', env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir }, rawInsert,
      queueRows: Number(process.env.BENCH_PG_ROWS ?? 1_000_000), messages: Number(process.env.BENCH_PG_MESSAGES ?? 1_000_000),
      openDb: async () => ({
        query: async (text, params) => (await pool.query(text, params)).rows,
        recording: () => recordingDrizzle(pool, 'postgres'),
        close: async () => undefined,
      }),
    }));
  } finally {
    await pool.end();
    // BENCH_KEEP_DATABASE=1 leaves the filled database behind, to EXPLAIN the queries against it.
    if (process.env.BENCH_KEEP_DATABASE) console.log(`  [PostgreSQL] kept database ${name}`);
    else await adminClient.query(`drop database if exists ${name} with (force)`);
    await adminClient.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`\nbench tickets — ${DURATION} s per load, ${CONNECTIONS} connections`);
for (const r of results) {
  console.log(`  [${r.label}]`);
  const ratio = r.raw ? r.created.rps / r.raw.rps : null;
  console.log(`    POST /api/v1/tickets: ${fmt(r.created.rps)} tickets/s (p99 ${r.created.p99} ms)` +
    (r.raw ? `; raw INSERT ${fmt(r.raw.rps)}/s → ${fmt(ratio * 100, 1)}% (target ≥ 40%) ${ratio >= 0.4 ? 'OK' : 'MISS'}` : ` (target ≥ 300/s) ${r.created.rps >= 300 ? 'OK' : 'MISS'}`));
  const target = r.label === 'PGlite' ? 50 : 20;
  console.log(`    queue (open + team + unassigned, by priority, 25 rows) over ${fmt(r.queueRows)} tickets: p50 ${fmt(r.queue.p50, 1)} ms, p95 ${fmt(r.queue.p95, 1)} ms (target ≤ ${target}) ${r.queue.p95 <= target ? 'OK' : 'MISS'}`);
  printSearch(r);
}

function printSearch(r) {
  const ms = (times, p) => fmt(pct(times, p), 1);
  const { search: api, rawSearch: raw } = r;
  const p95 = pct(api.all, 0.95);
  // The 100 ms target is PostgreSQL's; PGlite gets a smaller corpus and its figure is reported as is.
  const verdict = r.label === 'PostgreSQL' ? ` (target ≤ 100) ${p95 <= 100 ? 'OK' : 'MISS'}` : ' (no target)';
  console.log(`    search GET /api/v1/tickets?q= over ${fmt(r.messages)} messages, 4 in flight: Chinese p95 ${ms(api.byLang.zh, 0.95)} ms · English p95 ${ms(api.byLang.en, 0.95)} ms · all p50 ${ms(api.all, 0.5)} ms, p95 ${fmt(p95, 1)} ms${verdict}`);
  console.log(`      same search SQL raw (listing + snippets replayed): Chinese p95 ${ms(raw.byLang.zh, 0.95)} ms · English p95 ${ms(raw.byLang.en, 0.95)} ms · all p50 ${ms(raw.all, 0.5)} ms, p95 ${ms(raw.all, 0.95)} ms → API ${fmt(p95 / pct(raw.all, 0.95), 2)}× raw`);
  const rows = [...api.byQuery.keys()].map((q) => `${q} (${fmt(r.matches.get(q))} msgs) ${ms(api.byQuery.get(q), 0.95)}/${ms(raw.byQuery.get(q), 0.95)}`);
  console.log(`      per query, p95 API/raw ms: ${rows.join(' · ')}`);
}

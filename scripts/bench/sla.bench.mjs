// SLA timer figures on PostgreSQL (BENCH_DATABASE_URL): with 100,000 open tickets whose clocks run,
// how late the sweep handles each breach while agents use the API, whether memory stays flat, and
// how long moving every deadline after a calendar change takes — each beside the raw engine's figure.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ensureBuilt, fmt, freePort, load, rssMb, serverMain, startProcess, stop, tempDir, waitReady } from './harness.mjs';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('bench sla needs BENCH_DATABASE_URL (a PostgreSQL server), e.g. postgres://root@127.0.0.1:5432/postgres');
  process.exit(2);
}
const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 100_000);
const DUE_IN_WINDOW = Number(process.env.BENCH_SLA_DUE ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_SECONDS ?? 60);
const admin = { KEFU_ADMIN_EMAIL: 'bench@example.com', KEFU_ADMIN_PASSWORD: 'bench-password-1' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);

async function api(base, cookie, method, path, body) {
  const res = await fetch(`${base}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/** Open tickets whose first-response clock runs: `dueSql(g)` is the instant ticket g breaches. */
const fillSql = ({ n, customerId, policyId, calendarId, businessTime, dueSql, tag }) => `
  insert into tickets (id, subject, type, channel, status, priority, requester_id, tags, created_at, updated_at, sla, sla_next_at)
  select gen_random_uuid(), 'SLA 压测 ' || g, 'inquiry', 'email', 'open', 'normal', '${customerId}', '{${tag}}', now(), now(),
    jsonb_build_object('policyId', '${policyId}', 'policyVersion', 1, 'policyName', 'bench', 'calendarId', '${calendarId}', 'status', 'open',
      'pauseStatuses', '["pending","on_hold"]'::jsonb, 'specs', '{"first_response":{"minutes":60,"businessTime":${businessTime}}}'::jsonb, 'escalations', '[]'::jsonb,
      'targets', jsonb_build_array(jsonb_build_object('target', 'first_response', 'minutes', 60, 'businessTime', ${businessTime}, 'usedMinutes', 0,
        'runningSince', to_char((d.due - interval '60 minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'metAt', null, 'breachedAt', null, 'fired', '[]'::jsonb, 'cycles', '{"met":0,"breached":0}'::jsonb))),
    d.due
  from generate_series(1, ${n}) g, lateral (select ${dueSql} as due) d`;

ensureBuilt();
const name = `kefu_bench_sla_${Date.now()}`;
const adminClient = new pg.Client({ connectionString: url });
await adminClient.connect();
await adminClient.query(`create database ${name}`);
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: 8 });
pool.on('error', () => undefined);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server;
try {
  server = startProcess(serverMain, { DATABASE_URL: dbUrl.toString(), DATA_DIR: tempDir('kefu-bench-sla-'), ...admin, PORT: String(port), HOST: '127.0.0.1' });
  await waitReady(`${base}/readyz`, server, 120_000);
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.KEFU_ADMIN_EMAIL, password: admin.KEFU_ADMIN_PASSWORD }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const customer = await api(base, cookie, 'POST', '/api/v1/customers', { name: '压测客户', emails: [`sla-${randomUUID()}@example.com`] });
  const calendar = await api(base, cookie, 'POST', '/api/v1/business-calendars', { name: `压测日历 ${randomUUID().slice(0, 6)}`, timeZone: 'Asia/Shanghai', weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '18:00' }]])) });
  const policy = await api(base, cookie, 'POST', '/api/v1/sla-policies', { name: '压测协议', conditions: { tags: ['压测'] }, calendarId: calendar.id, targets: { first_response: { minutes: 60, businessTime: false } } });

  // 1. Breaches on time. DUE_IN_WINDOW tickets breach during the window, evenly; the rest of the
  // 100,000 run on, due days later. The window's tickets go in last, in their own short statement,
  // so none is already overdue when it becomes visible.
  process.stdout.write(`  filling ${fmt(TICKETS)} open tickets with running clocks…`);
  let t0 = performance.now();
  const spacing = (WINDOW_S * 1000) / DUE_IN_WINDOW;
  const common = { customerId: customer.id, policyId: policy.id, calendarId: calendar.id, businessTime: false, tag: '压测' };
  await pool.query(fillSql({ ...common, n: TICKETS - DUE_IN_WINDOW, dueSql: `now() + interval '3 days' + g * interval '1 second'` }));
  await pool.query('analyze tickets');
  const start = Date.now() + 3_000;
  await pool.query(fillSql({ ...common, n: DUE_IN_WINDOW, dueSql: `to_timestamp(${start / 1000}) + (g * ${spacing.toFixed(3)}) * interval '1 millisecond'` }));
  console.log(` ${fmt((performance.now() - t0) / 1000, 1)} s`);

  const memory = [];
  const sampler = setInterval(() => memory.push(rssMb(server.pid)), 2_000);
  memory.push(rssMb(server.pid));
  // Agents working their own queues: 100 agents each loading a page every two seconds.
  const queueUrl = `${base}/api/v1/tickets?assignee=me&status=new,open,pending&sort=updated&limit=25`;
  const AGENT_RATE = 50;
  const agents = await load(queueUrl, { headers: { cookie }, duration: WINDOW_S + 8, connections: 10, rate: AGENT_RATE });
  await sleep(3_000);
  clearInterval(sampler);
  memory.push(rssMb(server.pid));
  const { rows: late } = await pool.query(`
    select extract(epoch from (e.created_at - ((t.sla->'targets'->0->>'runningSince')::timestamptz + interval '60 minutes'))) * 1000 as ms
    from ticket_events e join tickets t on t.id = e.ticket_id where e.type = 'sla.breached'`);
  const lateness = late.map((r) => Number(r.ms));
  const [{ n: missed }] = (await pool.query(`select count(*)::int as n from tickets where sla_next_at < now() - interval '2 seconds'`)).rows;

  // The raw engine's own pace for the same kind of work: lock one due row, update it, one transaction each.
  const rawIds = (await pool.query(`select id from tickets where sla_next_at > now() limit 5000`)).rows.map((r) => r.id);
  t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    const c = await pool.connect();
    try {
      while (next < rawIds.length) {
        const id = rawIds[next++];
        await c.query('begin');
        await c.query('select id from tickets where id = $1 for update skip locked', [id]);
        await c.query(`update tickets set sla_next_at = sla_next_at + interval '1 hour' where id = $1`, [id]);
        await c.query('commit');
      }
    } finally {
      c.release();
    }
  }));
  const rawRate = rawIds.length / ((performance.now() - t0) / 1000);
  const sweepRate = lateness.length / WINDOW_S;

  // 2. A calendar change: every running business-time deadline on it moves.
  process.stdout.write(`  filling ${fmt(TICKETS)} business-time tickets on one calendar…`);
  t0 = performance.now();
  await pool.query(`update tickets set sla_next_at = null where sla_next_at is not null`);
  await pool.query(fillSql({ n: TICKETS, customerId: customer.id, policyId: policy.id, calendarId: calendar.id, businessTime: true, tag: '日历',
    dueSql: `now() + interval '2 days' + g * interval '1 second'` }));
  await pool.query('analyze tickets');
  console.log(` ${fmt((performance.now() - t0) / 1000, 1)} s`);
  const patchAt = performance.now();
  await api(base, cookie, 'PATCH', `/api/v1/business-calendars/${calendar.id}`, { weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '10:00', end: '17:00' }]])) });
  const during = load(queueUrl, { headers: { cookie }, duration: 10, connections: 10, rate: AGENT_RATE });
  let recomputeS = NaN;
  for (let i = 0; i < 1200; i++) {
    const { rows } = await pool.query(`select state from pgboss.job where name = 'recompute-sla-deadlines' order by created_on desc limit 1`);
    if (rows[0]?.state === 'completed') {
      recomputeS = (performance.now() - patchAt) / 1000;
      break;
    }
    await sleep(100);
  }
  const apiDuring = await during;
  t0 = performance.now();
  await pool.query(`update tickets set sla_next_at = sla_next_at + interval '1 minute' where sla->>'calendarId' = $1 and sla_next_at is not null`, [calendar.id]);
  const rawUpdateS = (performance.now() - t0) / 1000;

  const p99 = pct(lateness, 0.99);
  console.log(`\nbench sla — PostgreSQL, ${fmt(TICKETS)} open tickets with running clocks`);
  console.log(`  breaches handled: ${fmt(lateness.length)} of ${fmt(DUE_IN_WINDOW)} due in ${WINDOW_S} s; lateness p50 ${fmt(pct(lateness, 0.5))} ms, p99 ${fmt(p99)} ms, max ${fmt(Math.max(...lateness))} ms (target p99 ≤ 2,000) ${p99 <= 2000 && lateness.length === DUE_IN_WINDOW ? 'OK' : 'MISS'}; overdue unhandled at the end: ${missed}`);
  console.log(`  sweep pace ${fmt(sweepRate)} tickets/s needed; raw engine lock+update one row per transaction: ${fmt(rawRate)}/s (${fmt((sweepRate / rawRate) * 100, 1)}% of it used)`);
  console.log(`  agents meanwhile (their queues, ${AGENT_RATE} req/s offered): ${fmt(agents.rps)} req/s, p99 ${agents.p99} ms`);
  console.log(`  server RSS: start ${fmt(memory[0])} MB, max ${fmt(Math.max(...memory))} MB, end ${fmt(memory[memory.length - 1])} MB (flat if end ≈ start)`);
  console.log(`  calendar change → ${fmt(TICKETS)} deadlines moved in ${fmt(recomputeS, 1)} s (target ≤ 60) ${recomputeS <= 60 ? 'OK' : 'MISS'}; raw single UPDATE of the same rows ${fmt(rawUpdateS, 1)} s (${fmt(recomputeS / rawUpdateS, 1)}×)`);
  console.log(`  agents during the recompute (${AGENT_RATE} req/s offered): ${fmt(apiDuring.rps)} req/s, p99 ${apiDuring.p99} ms`);
} finally {
  if (server) await stop(server);
  await pool.end();
  await adminClient.query(`drop database if exists ${name} with (force)`);
  await adminClient.end();
}

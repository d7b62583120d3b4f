// Foundation figures: authenticated GET /api/v1/me vs a bare Fastify route, start-up, idle RSS.
// Runs on the embedded database, and also on PostgreSQL when BENCH_DATABASE_URL is set.
import path from 'node:path';
import pg from 'pg';
import { ensureBuilt, fmt, freePort, load, median, root, rssMb, serverMain, startProcess, stop, tempDir, waitReady } from './harness.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const admin = { KEFU_ADMIN_EMAIL: 'bench@example.com', KEFU_ADMIN_PASSWORD: 'bench-password-1' };

async function signIn(base) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.KEFU_ADMIN_EMAIL, password: admin.KEFU_ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

async function measureEngine(label, env) {
  // First start creates and migrates the database; the timed starts reuse it.
  const port = await freePort();
  const first = startProcess(serverMain, { ...env, ...admin, PORT: String(port), HOST: '127.0.0.1' });
  await waitReady(`http://127.0.0.1:${port}/readyz`, first);
  await stop(first);
  const startups = [];
  for (let i = 0; i < 3; i++) {
    const child = startProcess(serverMain, { ...env, ...admin, PORT: String(port), HOST: '127.0.0.1' });
    startups.push(await waitReady(`http://127.0.0.1:${port}/readyz`, child));
    await stop(child);
  }
  const server = startProcess(serverMain, { ...env, ...admin, PORT: String(port), HOST: '127.0.0.1' });
  await waitReady(`http://127.0.0.1:${port}/readyz`, server);
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = rssMb(server.pid);
  const base = `http://127.0.0.1:${port}`;
  const cookie = await signIn(base);
  await load(`${base}/api/v1/me`, { headers: { cookie }, duration: 2 }); // warm-up
  const me = await load(`${base}/api/v1/me`, { headers: { cookie }, duration: DURATION });
  const loadedRss = rssMb(server.pid);
  await stop(server);
  return { label, startupMs: median(startups), idleRss, loadedRss, me };
}

ensureBuilt();
const barePort = await freePort();
const bare = startProcess(path.join(root, 'scripts/bench/bare-fastify.mjs'), { PORT: String(barePort) });
await waitReady(`http://127.0.0.1:${barePort}/readyz`, bare);
await load(`http://127.0.0.1:${barePort}/bare`, { duration: 2 });
const raw = await load(`http://127.0.0.1:${barePort}/bare`, { duration: DURATION });
await stop(bare);

const runs = [await measureEngine('PGlite (embedded)', { DATA_DIR: tempDir('kefu-bench-') })];
if (process.env.BENCH_DATABASE_URL) {
  const name = `kefu_bench_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await adminClient.connect();
  await adminClient.query(`create database ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    runs.push(await measureEngine('PostgreSQL', { DATABASE_URL: url.toString(), DATA_DIR: tempDir('kefu-bench-') }));
  } finally {
    await adminClient.query(`drop database if exists ${name} with (force)`);
    await adminClient.end();
  }
}

console.log(`\nbench api — ${DURATION} s per load, 50 connections, ${(await import('node:os')).cpus().length} cores`);
console.log(`  bare Fastify route (raw engine):      ${fmt(raw.rps)} req/s  p50 ${raw.p50} ms  p99 ${raw.p99} ms`);
for (const r of runs) {
  const ratio = r.me.rps / raw.rps;
  console.log(`  [${r.label}]`);
  console.log(`    GET /api/v1/me (session cookie):    ${fmt(r.me.rps)} req/s  p50 ${r.me.p50} ms  p99 ${r.me.p99} ms  = ${fmt(ratio * 100, 1)}% of bare (target ≥ 30%) ${ratio >= 0.3 ? 'OK' : 'MISS'}`);
  console.log(`    start-up to /readyz, existing data: ${fmt(r.startupMs)} ms (median of 3; target ≤ 3000) ${r.startupMs <= 3000 ? 'OK' : 'MISS'}`);
  console.log(`    idle RSS: ${fmt(r.idleRss)} MB (target ≤ 250) ${r.idleRss <= 250 ? 'OK' : 'MISS'}; after load: ${fmt(r.loadedRss)} MB`);
}

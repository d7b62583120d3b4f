import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from './test/global-setup.js';

const serverDir = path.resolve(import.meta.dirname, '..');

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', KEFU_WEB_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function ready(port: number, proc: Proc) {
  for (let i = 0; i < 600; i++) {
    if (proc.child.exitCode !== null) throw new Error(`server exited: ${proc.out()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server never became ready: ${proc.out()}`);
}

async function signIn(port: number, email: string, password: string) {
  return fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
}

/** An empty database of this project's engine: a data folder, or a PostgreSQL database. */
async function freshDatabase(driver: string, suffix: string) {
  const env: Record<string, string> = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-main-')) };
  if (driver !== 'postgres') return { env, cleanup: async () => undefined as unknown };
  const url = process.env.TEST_DATABASE_URL!;
  const name = `${inject('pgTemplate')}_${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  env.DATABASE_URL = withDatabase(url, name);
  return {
    env,
    cleanup: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The real entry point as an operator runs it, on an empty database of this project's engine. */
describe('kefu server process', () => {
  const driver = inject('dbDriver');
  let dbEnv: Record<string, string>;
  let cleanup = async () => undefined as unknown;

  beforeAll(async () => {
    ({ env: dbEnv, cleanup } = await freshDatabase(driver, 'main'));
  });
  afterAll(() => cleanup());

  it('refuses a wrong setting, naming the variable', async () => {
    const proc = run({ ...dbEnv, PORT: 'not-a-port', DATABASE_URL: 'mysql://x' });
    expect(await proc.exited).toBe(78);
    expect(proc.out()).toContain('PORT');
    expect(proc.out()).toContain('DATABASE_URL');
  });

  it('prints a one-time admin password on first start, keeps data across restarts, and shuts down gracefully', async () => {
    const port = await freePort();
    const first = run({ ...dbEnv, PORT: String(port) });
    await ready(port, first);
    const printed = /password: (\S+)/.exec(first.out());
    expect(printed, first.out()).not.toBeNull();
    expect((await signIn(port, 'admin@kefu.local', printed![1]!)).status).toBe(200);

    // A request still arriving when SIGTERM comes is finished before the process exits.
    const body = JSON.stringify({ email: 'admin@kefu.local', password: printed![1]! });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (d) => (response += d));
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));
    first.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    expect(first.child.exitCode).toBeNull();
    socket.write(body.slice(10));
    await new Promise((r) => socket.once('close', r));
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(await first.exited).toBe(0);

    const second = run({ ...dbEnv, PORT: String(port) });
    await ready(port, second);
    expect(second.out()).not.toContain('password:');
    expect((await signIn(port, 'admin@kefu.local', printed![1]!)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

/** Durable timers: a deadline that passes while the server is down is acted on once, after the restart. */
describe('SLA timers across a crash', () => {
  const driver = inject('dbDriver');
  let env: Record<string, string>;
  let cleanup = async () => undefined as unknown;
  beforeAll(async () => {
    ({ env, cleanup } = await freshDatabase(driver, 'crash'));
    Object.assign(env, { KEFU_ADMIN_EMAIL: 'timers@example.com', KEFU_ADMIN_PASSWORD: 'timers-password-1' });
  });
  afterAll(() => cleanup());

  it('fires a warning that fell due during a kill -9 once, late by the downtime', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const first = run({ ...env, PORT: String(port) });
    await ready(port, first);
    const cookie = (await signIn(port, 'timers@example.com', 'timers-password-1')).headers.get('set-cookie')!.split(';')[0]!;
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const me = await api('GET', '/me');
    // 15% of one minute: the warning is due 9 s after the ticket opens.
    await api('POST', '/sla-policies', { name: '重启测试', targets: { first_response: { minutes: 1, businessTime: false } }, escalations: [{ target: 'first_response', atPercent: 15, notify: ['assignee'] }] });
    const customer = await api('POST', '/customers', { name: '重启客户' });
    const ticket = await api('POST', '/tickets', { subject: '服务器重启', requesterId: customer.id, assigneeId: me.user.id });
    const dueAt = Date.parse(ticket.createdAt) + 9_000;
    first.child.kill('SIGKILL');
    await first.exited;
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now() + 1_000)));

    const second = run({ ...env, PORT: String(port) });
    await ready(port, second);
    const warnings = async () => (await api('GET', `/tickets/${ticket.id}/timeline`)).items.filter((i: { type?: string }) => i.type === 'sla.warning');
    let found: Array<{ createdAt: string }> = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      found = await warnings();
    }
    expect(found).toHaveLength(1);
    expect(Date.parse(found[0]!.createdAt)).toBeGreaterThanOrEqual(dueAt);
    // Two more polls of the worker later, still once.
    await new Promise((r) => setTimeout(r, 4_500));
    expect(await warnings()).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});

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

/** The real entry point as an operator runs it, on an empty database of this project's engine. */
describe('kefu server process', () => {
  const driver = inject('dbDriver');
  let dbEnv: Record<string, string>;
  let cleanup = async () => undefined as unknown;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-main-'));
    dbEnv = { DATA_DIR: dataDir };
    if (driver === 'postgres') {
      const url = process.env.TEST_DATABASE_URL!;
      const name = `${inject('pgTemplate')}_main`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      dbEnv.DATABASE_URL = withDatabase(url, name);
      cleanup = async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
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

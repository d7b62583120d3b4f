// Shared pieces of the benchmarks: start a built server as a child process, wait for it, load it.
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const serverMain = path.join(root, 'apps/server/dist/main.js');

export function ensureBuilt() {
  if (!fs.existsSync(serverMain)) execSync('npm run build -w @kefu/server', { cwd: root, stdio: 'inherit' });
}

export const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * The Node flags `npm start` runs the server with (root package.json's `serve` script), so the
 * figures are those of the product as shipped.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const serverFlags = pkg.scripts.serve.split(/\s+/).filter((part) => part.startsWith('--'));

/** Spawns `node file` with env; output is discarded so logging costs the same in every run. */
export function startProcess(file, env) {
  const child = spawn(process.execPath, [...(file === serverMain ? serverFlags : []), file], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stderrText = () => stderr;
  return child;
}

export async function waitReady(url, child, timeoutMs = 30_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited early: ${child.stderrText()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not ready after ${timeoutMs} ms: ${child.stderrText()}`);
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** `rate`: requests per second in all (a steady load, as people make it); without it, as fast as possible. */
export async function load(url, { headers = {}, duration = 10, connections = 50, method = 'GET', body, rate } = {}) {
  const result = await autocannon({ url, headers, duration, connections, pipelining: 1, method, ...(body ? { body } : {}), ...(rate ? { overallRate: rate } : {}) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The admin every bench server starts with (passed as its environment). */
export const benchAdmin = { KEFU_ADMIN_EMAIL: 'bench@example.com', KEFU_ADMIN_PASSWORD: 'bench-password-1' };

/** One JSON API call as `cookie` (empty for an anonymous caller); any status ≥ 300 throws. */
export async function api(base, cookie, method, url, body) {
  const res = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Signs the bench admin in; the session cookie for `api`. */
export async function signIn(base) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: benchAdmin.KEFU_ADMIN_EMAIL, password: benchAdmin.KEFU_ADMIN_PASSWORD }) });
  return res.headers.get('set-cookie').split(';')[0];
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Role, StaffRole } from '@kefu/contracts';
import { buildApp, type KefuApp } from '../app.js';
import { loadConfig } from '../config.js';
import { ManualClock } from '../platform/clock.js';
import type { Database } from '../platform/db/client.js';
import { hashPassword } from '../modules/auth/index.js';
import { ensureFirstAdmin, users } from '../modules/users/index.js';
import { uuidv7 } from '../platform/ids.js';
import { openTestDatabase } from './test-database.js';

export const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' } as const;
export const PASSWORD = 'correct-horse-battery';

export interface TestApp extends KefuApp {
  database: Database;
  clock: ManualClock;
  close(): Promise<void>;
  /** Sends a request as the holder of `auth` (a session cookie header value or `Bearer …`). */
  call(method: string, url: string, auth?: string | null, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  login(email: string, password: string, ip?: string): Promise<LightMyRequestResponse>;
  /** Signs in and returns the `cookie` header value for later calls. */
  session(email: string, password: string): Promise<string>;
  adminSession(): Promise<string>;
  /** A portal customer: a CRM record plus a customer-role login, signed in. */
  customerUser(): Promise<{ id: string; customerId: string; email: string; cookie: string }>;
  /** Creates a staff user through the API as admin and signs them in. */
  staff(role: StaffRole, overrides?: { email?: string; name?: string }): Promise<{ id: string; email: string; cookie: string; role: Role }>;
}

let seq = 0;
export const unique = (prefix = 'u') => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * A full app on a private migrated database, driven in-process with `inject`. Pass `database` to
 * start a second instance on the same database, as a second server behind a load balancer would be.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { database?: Database } = {}): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase());
  // A private data folder (attachments' blobs), removed on close unless the test chose its own.
  const dataDir = env.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-'));
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', KEFU_ADMIN_EMAIL: ADMIN.email, KEFU_ADMIN_PASSWORD: ADMIN.password, KEFU_WEB_DIR: '/nonexistent',
    ...(dataDir ? { DATA_DIR: dataDir } : {}), ...env,
  });
  const clock = new ManualClock(new Date());
  const built = await buildApp({ config, database, clock, logger: false });
  await ensureFirstAdmin(built.deps);
  await built.app.ready();
  let adminCookie: string | undefined;

  const call: TestApp['call'] = (method, url, auth, body, headers = {}) => {
    const h: Record<string, string> = { ...headers };
    if (auth) h[auth.startsWith('Bearer ') ? 'authorization' : 'cookie'] = auth;
    if (typeof body === 'string') h['content-type'] ??= 'application/json';
    return built.app.inject({ method: method as 'GET', url, headers: h, ...(body === undefined ? {} : { payload: body as string }) });
  };
  const login: TestApp['login'] = (email, password, ip = '127.0.0.1') =>
    built.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
  const session: TestApp['session'] = async (email, password) => {
    const res = await login(email, password);
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'kefu_session');
    return `kefu_session=${c!.value}`;
  };
  // Tests move the clock past session expiry; sign in again when the remembered cookie has lapsed.
  const adminSession = async () => {
    if (!adminCookie || (await call('GET', '/api/v1/me', adminCookie)).statusCode !== 200) {
      adminCookie = await session(ADMIN.email, ADMIN.password);
    }
    return adminCookie;
  };

  return {
    ...built,
    database,
    clock,
    call,
    login,
    session,
    adminSession,
    staff: async (role, overrides = {}) => {
      const email = overrides.email ?? `${unique(role)}@example.com`;
      const res = await call('POST', '/api/v1/users', await adminSession(), { email, name: overrides.name ?? `${role} ${email}`, role, password: PASSWORD });
      if (res.statusCode !== 201) throw new Error(`could not create ${role}: ${res.body}`);
      return { id: res.json().id as string, email, role, cookie: await session(email, PASSWORD) };
    },
    customerUser: async () => {
      const email = `${unique('cust')}@example.com`;
      const res = await call('POST', '/api/v1/customers', await adminSession(), { name: `客户 ${email}`, emails: [email] });
      if (res.statusCode !== 201) throw new Error(`could not create customer: ${res.body}`);
      const customerId = res.json().id as string;
      const now = clock.now();
      const id = uuidv7(now.getTime());
      await database.db.insert(users).values({ id, email, name: '客户', role: 'customer', passwordHash: await hashPassword(PASSWORD), customerId, createdAt: now, updatedAt: now });
      return { id, customerId, email, cookie: await session(email, PASSWORD) };
    },
    close: async () => {
      await built.app.close();
      await database.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

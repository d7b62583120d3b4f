import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '@kefu/contracts';
import { PASSWORD, unique, type TestApp } from './test-app.js';

/** Asserts a response is a problem+json error with this status and code (and, if given, that it names `field`). */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect({ status: res.statusCode, body: res.body.slice(0, 500) }).toMatchObject({ status });
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, code });
  if (field !== undefined) expect(body.errors?.map((e: { field: string }) => e.field)).toContain(field);
  expectNoStack(res);
  return body as { code: string; detail?: string; errors?: { field: string; message: string }[] };
}

/** No response may leak a stack trace: no "    at fn (file:line)" lines, no file paths. */
export function expectNoStack(res: LightMyRequestResponse) {
  expect(res.body).not.toMatch(/\n\s+at \S/);
  expect(res.body).not.toMatch(/\bat .*\.(?:ts|js):\d+/);
  expect(res.body).not.toMatch(/node_modules|\/src\/|\/dist\//);
}

/** A parsed JSON response body, as loosely typed as `res.json()` (tests check its shape with expect). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Sends a request that must succeed with `status`, returning the parsed body. */
export async function ok<T = Json>(t: TestApp, status: number, method: string, url: string, auth: string | null, body?: unknown): Promise<T> {
  const res = await t.call(method, url, auth, body);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

export const createOrganization = async (t: TestApp, body: Record<string, unknown> = {}, auth?: string) =>
  ok(t, 201, 'POST', '/api/v1/organizations', auth ?? (await t.adminSession()), { name: unique('机构 '), ...body });

export const createCustomer = async (t: TestApp, body: Record<string, unknown> = {}, auth?: string) =>
  ok(t, 201, 'POST', '/api/v1/customers', auth ?? (await t.adminSession()), { name: unique('客户 '), ...body });

export const createTeam = async (t: TestApp, body: Record<string, unknown> = {}, auth?: string) =>
  ok(t, 201, 'POST', '/api/v1/teams', auth ?? (await t.adminSession()), { name: unique('团队 '), ...body });

/** Opens a ticket as admin (or `auth`) for `requesterId`, or for a new customer. */
export async function createTicket(t: TestApp, body: Record<string, unknown> = {}, auth?: string) {
  const requester = body.requesterId ? {} : { requesterId: (await createCustomer(t)).id };
  return ok(t, 201, 'POST', '/api/v1/tickets', auth ?? (await t.adminSession()), { subject: unique('工单 '), body: '问题描述', ...requester, ...body });
}

/** Creates a staff account through the API without signing it in (cheaper than `t.staff`). */
export const createStaffUser = async (t: TestApp, body: Record<string, unknown> = {}) =>
  ok(t, 201, 'POST', '/api/v1/users', await t.adminSession(), {
    email: `${unique('s')}@example.com`, name: unique('员工 '), role: 'agent', password: PASSWORD, ...body,
  });

/** Issues an API token from `cookie`'s session and returns `Bearer <secret>` plus the token. */
export async function createToken(t: TestApp, cookie: string, body: { role?: Role; expiresInDays?: number; name?: string } = {}) {
  const created = await ok(t, 201, 'POST', '/api/v1/tokens', cookie, { name: unique('token '), ...body });
  return { bearer: `Bearer ${created.secret as string}`, secret: created.secret as string, token: created.token };
}

/** Follows `nextCursor` from `url` to the end and returns every item, failing on a loop. */
export async function walkPages<T extends { id: string }>(t: TestApp, url: string, auth: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } =
      await ok(t, 200, 'GET', `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, auth);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (++pages > 1000) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}

/** Every id of a list query, following all pages. */
export async function idsOf(t: TestApp, url: string, auth: string): Promise<string[]> {
  return (await walkPages<{ id: string }>(t, url, auth, 100)).items.map((i) => i.id);
}

/** Audit events for one entity, oldest first. */
export async function auditOf(t: TestApp, entityId: string) {
  const page = await ok(t, 200, 'GET', `/api/v1/audit-events?entityId=${entityId}&limit=100`, await t.adminSession());
  return (page.items as AuditRow[]).reverse();
}
export interface AuditRow {
  id: string; actorId: string | null; actorName: string | null; action: string; entityType: string; entityId: string | null;
  before: Record<string, unknown> | null; after: Record<string, unknown> | null; ip: string | null; userAgent: string | null; createdAt: string;
}

/** Raw rows, for checks the API cannot make (what is stored). */
export async function rows<T = Record<string, unknown>>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await t.database.db.execute(query);
  return result.rows as T[];
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from '@kefu/contracts';
import { ADMIN, createTestApp, PASSWORD, unique, type TestApp } from './test-app.js';
import { createCustomer, createOrganization, createStaffUser, createTeam, createToken, expectNoStack, ok } from './factories.js';

/**
 * Every endpoint × every kind of caller, with the status each must get. A route added to the API
 * without a row here fails the OpenAPI coverage test below.
 */
const callers = ['anonymous', 'customer', 'agent', 'supervisor', 'admin', 'token'] as const;
type Caller = (typeof callers)[number];
type Expected = Record<Caller, number>;

/** Statuses in the order of `callers`; `token` is an API token limited to agent, owned by an admin. */
const s = (anonymous: number, customer: number, agent: number, supervisor: number, admin: number, token: number): Expected =>
  ({ anonymous, customer, agent, supervisor, admin, token });

interface World {
  t: TestApp;
  auth: Record<Caller, string | null>;
  emails: Record<Exclude<Caller, 'anonymous' | 'token'>, string>;
  /** The admin who owns the `token` caller's token. */
  tokenOwner: { email: string; cookie: string };
  ownCustomerId: string;
  otherCustomerId: string;
  staffId: string;
  teamId: string;
  organizationId: string;
  strangersTokenId: string;
}

interface Prepared { url?: string; body?: unknown; auth?: string | null }
interface Row {
  route: string;
  variant?: string;
  expect: Expected;
  body?: unknown;
  /** Per caller: the concrete url, body or credentials (fresh records for destructive calls). */
  prepare?: (w: World, caller: Caller) => Promise<Prepared> | Prepared;
}

const fresh = {
  team: async (w: World) => ({ url: `/api/v1/teams/${(await createTeam(w.t)).id}` }),
  organization: async (w: World) => ({ url: `/api/v1/organizations/${(await createOrganization(w.t)).id}` }),
};

/** A session of the caller's own that the call may end, so the shared one stays signed in. */
async function freshSession(w: World, caller: Caller): Promise<Prepared> {
  if (caller === 'anonymous' || caller === 'token') return {};
  const email = caller === 'admin' ? ADMIN.email : w.emails[caller];
  return { auth: await w.t.session(email, caller === 'admin' ? ADMIN.password : PASSWORD) };
}

/** A token the caller owns (the token caller's owner issues one); a customer may not own tokens. */
async function ownToken(w: World, caller: Caller): Promise<Prepared> {
  if (caller === 'anonymous' || caller === 'customer') return { url: `/api/v1/tokens/${w.strangersTokenId}` };
  const cookie = caller === 'token' ? w.tokenOwner.cookie : w.auth[caller]!;
  return { url: `/api/v1/tokens/${(await createToken(w.t, cookie)).token.id}` };
}

export const matrix: Row[] = [
  // auth and the signed-in user
  { route: 'POST /api/v1/auth/login', expect: s(200, 200, 200, 200, 200, 200), prepare: (w) => ({ body: { email: w.emails.agent, password: PASSWORD } }) },
  { route: 'POST /api/v1/auth/logout', expect: s(401, 204, 204, 204, 204, 204), prepare: freshSession },
  { route: 'GET /api/v1/me', expect: s(401, 200, 200, 200, 200, 200) },
  { route: 'PATCH /api/v1/me', expect: s(401, 200, 200, 200, 200, 200), body: { locale: 'zh-CN' } },
  // users: staff read, admin writes
  { route: 'GET /api/v1/users', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/users', expect: s(401, 403, 403, 403, 201, 403),
    prepare: () => ({ body: { email: `${unique('m')}@example.com`, name: unique('新员工 '), role: 'agent', password: PASSWORD } }) },
  { route: 'GET /api/v1/users/:id', expect: s(401, 404, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/users/${w.staffId}` }) },
  { route: 'PATCH /api/v1/users/:id', expect: s(401, 403, 403, 403, 200, 403), body: { away: false }, prepare: (w) => ({ url: `/api/v1/users/${w.staffId}` }) },
  // teams: staff read, admin writes
  { route: 'GET /api/v1/teams', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/teams', expect: s(401, 403, 403, 403, 201, 403), prepare: () => ({ body: { name: unique('售后 ') } }) },
  { route: 'GET /api/v1/teams/:id', expect: s(401, 404, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/teams/${w.teamId}` }) },
  { route: 'PATCH /api/v1/teams/:id', expect: s(401, 403, 403, 403, 200, 403), body: { assignmentMode: 'manual' }, prepare: (w) => ({ url: `/api/v1/teams/${w.teamId}` }) },
  { route: 'DELETE /api/v1/teams/:id', expect: s(401, 403, 403, 403, 204, 403), prepare: fresh.team },
  // organizations: staff read, create and update; admins delete
  { route: 'GET /api/v1/organizations', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/organizations', expect: s(401, 403, 201, 201, 201, 201), prepare: () => ({ body: { name: unique('公司 ') } }) },
  { route: 'GET /api/v1/organizations/:id', expect: s(401, 404, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/organizations/${w.organizationId}` }) },
  { route: 'PATCH /api/v1/organizations/:id', expect: s(401, 403, 200, 200, 200, 200), body: { sharedTickets: false }, prepare: (w) => ({ url: `/api/v1/organizations/${w.organizationId}` }) },
  { route: 'DELETE /api/v1/organizations/:id', expect: s(401, 403, 403, 403, 204, 403), prepare: fresh.organization },
  // customers: staff read, create and update; a customer reads only their own record
  { route: 'GET /api/v1/customers', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/customers', expect: s(401, 403, 201, 201, 201, 201), prepare: () => ({ body: { name: unique('张伟 ') } }) },
  { route: 'GET /api/v1/customers/:id', variant: "another customer's record", expect: s(401, 404, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/customers/${w.otherCustomerId}` }) },
  { route: 'GET /api/v1/customers/:id', variant: "the customer's own record", expect: s(401, 200, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/customers/${w.ownCustomerId}` }) },
  { route: 'PATCH /api/v1/customers/:id', variant: "another customer's record", expect: s(401, 403, 200, 200, 200, 200), body: { locale: 'zh-CN' }, prepare: (w) => ({ url: `/api/v1/customers/${w.otherCustomerId}` }) },
  { route: 'PATCH /api/v1/customers/:id', variant: "the customer's own record", expect: s(401, 403, 200, 200, 200, 200), body: { locale: 'zh-CN' }, prepare: (w) => ({ url: `/api/v1/customers/${w.ownCustomerId}` }) },
  // tokens: staff, own tokens only, never minted by a token
  { route: 'GET /api/v1/tokens', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/tokens', expect: s(401, 403, 201, 201, 201, 400), body: { name: 'CRM 同步' } },
  { route: 'DELETE /api/v1/tokens/:id', variant: 'own token', expect: s(401, 403, 204, 204, 204, 204), prepare: ownToken },
  { route: 'DELETE /api/v1/tokens/:id', variant: "another user's token", expect: s(401, 403, 404, 404, 404, 404), prepare: (w) => ({ url: `/api/v1/tokens/${w.strangersTokenId}` }) },
  // audit: admins only
  { route: 'GET /api/v1/audit-events', expect: s(401, 403, 403, 403, 200, 403) },
  // public: API description and operator endpoints
  { route: 'GET /api/openapi.json', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'GET /healthz', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'GET /readyz', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'GET /metrics', expect: s(200, 200, 200, 200, 200, 200) },
];

/** Routes deliberately left out of the OpenAPI document; they still need matrix rows. */
const hiddenRoutes = ['GET /api/openapi.json', 'GET /healthz', 'GET /readyz', 'GET /metrics'];

let w: World;
beforeAll(async () => {
  const t = await createTestApp();
  const customer = await t.customerUser();
  const [agent, supervisor, owner, stranger] = [await t.staff('agent'), await t.staff('supervisor'), await t.staff('admin'), await t.staff('agent')];
  const token = await createToken(t, owner.cookie, { role: 'agent' });
  w = {
    t,
    auth: { anonymous: null, customer: customer.cookie, agent: agent.cookie, supervisor: supervisor.cookie, admin: await t.adminSession(), token: token.bearer },
    emails: { customer: customer.email, agent: agent.email, supervisor: supervisor.email, admin: ADMIN.email },
    tokenOwner: owner,
    ownCustomerId: customer.customerId,
    otherCustomerId: (await createCustomer(t)).id,
    staffId: (await createStaffUser(t)).id,
    teamId: (await createTeam(t)).id,
    organizationId: (await createOrganization(t)).id,
    strangersTokenId: (await createToken(t, stranger.cookie)).token.id,
  };
});
afterAll(() => w.t.close());

describe('authorization matrix', () => {
  it.each(matrix.map((row) => [`${row.route}${row.variant ? ` (${row.variant})` : ''}`, row] as const))('%s', async (_name, row) => {
    const [method, template] = row.route.split(' ') as [string, string];
    const actual = {} as Expected;
    for (const caller of callers) {
      const prepared = (await row.prepare?.(w, caller)) ?? {};
      const url = prepared.url ?? template;
      const auth = 'auth' in prepared ? prepared.auth! : w.auth[caller];
      const res = await w.t.call(method, url, auth, prepared.body ?? row.body);
      actual[caller] = res.statusCode;
      expectNoStack(res);
      if (res.statusCode >= 400) {
        expect(res.headers['content-type'], `${caller}: ${res.body}`).toContain('application/problem+json');
        const code = res.json().code as ErrorCode;
        expect(errorStatus[code], `${caller} got code ${code}`).toBe(res.statusCode);
      }
    }
    expect(actual).toEqual(row.expect);
  });

  it('the token caller acts as agent although its owner is an admin', async () => {
    const me = await ok(w.t, 200, 'GET', '/api/v1/me', w.auth.token);
    expect(me).toMatchObject({ via: 'token', effectiveRole: 'agent', user: { role: 'admin', email: w.tokenOwner.email } });
  });

  it('has a row for every route in the OpenAPI document, and no row for a route that does not exist', async () => {
    const doc = await ok(w.t, 200, 'GET', '/api/openapi.json', null);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(20);
    const covered = new Set(matrix.map((r) => r.route));
    expect(documented.filter((r) => !covered.has(r)), 'routes without a matrix row').toEqual([]);
    const known = new Set([...documented, ...hiddenRoutes]);
    expect([...covered].filter((r) => !known.has(r)), 'matrix rows for unknown routes').toEqual([]);
  });

  it('answers 401 to every /api route when the Authorization header is wrong, without falling back to the cookie', async () => {
    for (const row of matrix) {
      if (!row.route.includes(' /api/')) continue;
      const [method, template] = row.route.split(' ') as [string, string];
      const url = template.replace(':id', w.staffId);
      const res = await w.t.call(method, url, null, row.body, { authorization: 'Bearer kefu_not_a_real_token', cookie: w.auth.admin! });
      expect([row.route, res.statusCode]).toEqual([row.route, 401]);
    }
  });
});

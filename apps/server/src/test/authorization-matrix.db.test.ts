import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from '@kefu/contracts';
import { ADMIN, createTestApp, PASSWORD, unique, type TestApp } from './test-app.js';
import { createCustomer, createOrganization, createStaffUser, createTeam, createTicket, createToken, expectNoStack, ok } from './factories.js';
import { multipart } from './multipart.js';
import { linkAttachments } from '../modules/attachments/index.js';
import type { RequestContext } from '../modules/auth/index.js';
import { outboxTransport } from '../modules/outbox/index.js';
import { mailDepsOf, rawMail } from './mail.js';
import { ingestRawMail } from '../modules/mail/index.js';

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
  /** The customer caller's own ticket and complaint (no team: every agent sees them). */
  ownTicketId: string;
  ownComplaintId: string;
  /** Another customer's ticket in a team none of the agent callers belong to. */
  otherTeamTicketId: string;
}

interface Prepared { url?: string; body?: unknown; auth?: string | null; headers?: Record<string, string> }
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

/** A resolved complaint of the customer caller's, whose open follow-up the caller completes. */
async function freshFollowUp(w: World): Promise<string> {
  const admin = await w.t.adminSession();
  const ticket = await createTicket(w.t, { type: 'complaint', requesterId: w.ownCustomerId, complaint: { remedies: ['apology'] } });
  await ok(w.t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'resolved' });
  const list = await ok(w.t, 200, 'GET', '/api/v1/follow-ups?owner=all', admin);
  return (list.items as { id: string; ticketId: string }[]).find((f) => f.ticketId === ticket.id)!.id;
}

/** Canned responses written by a supervisor none of the callers is: one shared, one personal. */
const cannedFixtures = new WeakMap<World, Promise<{ author: string; shared: string; strangers: string }>>();
const cannedBody = (scope: 'personal' | 'shared' = 'personal') => ({ title: unique('话术 '), body: '<p>您好 {{customer.name}}</p>', scope });
async function cannedResponse(w: World, author: string | null, scope: 'personal' | 'shared'): Promise<string> {
  return (await ok(w.t, 201, 'POST', '/api/v1/canned-responses', author ?? (await w.t.adminSession()), cannedBody(scope))).id as string;
}
function cannedWorld(w: World) {
  let made = cannedFixtures.get(w);
  if (!made) {
    made = (async () => {
      const author = (await w.t.staff('supervisor')).cookie;
      return { author, shared: await cannedResponse(w, author, 'shared'), strangers: await cannedResponse(w, author, 'personal') };
    })();
    cannedFixtures.set(w, made);
  }
  return made;
}
type CannedTarget = 'shared' | 'strangers' | 'fresh shared' | "fresh stranger's" | 'own';
/** The url of a canned response (plus `suffix`) for this caller; `own` is one the caller just wrote. */
const canned = (target: CannedTarget, suffix = '') => async (w: World, caller: Caller): Promise<Prepared> => {
  const world = await cannedWorld(w);
  const id = target === 'shared' ? world.shared
    : target === 'strangers' ? world.strangers
      : target === 'fresh shared' ? await cannedResponse(w, world.author, 'shared')
        : target === "fresh stranger's" ? await cannedResponse(w, world.author, 'personal')
          : caller === 'anonymous' || caller === 'customer' ? world.shared
            : await cannedResponse(w, w.auth[caller], 'personal');
  return { url: `/api/v1/canned-responses/${id}${suffix}` };
};

/** Two tickets of one requester for merging (in `teamId`, else untriaged so every agent sees them). */
async function mergePair(w: World, teamId?: string): Promise<Prepared> {
  const requesterId = (await createCustomer(w.t)).id;
  const extra = teamId ? { teamId } : {};
  const [a, b] = [await createTicket(w.t, { requesterId, ...extra }), await createTicket(w.t, { requesterId, ...extra })];
  return { url: `/api/v1/tickets/${a.id}/merge`, body: { intoId: b.id } };
}
/** A ticket with a second public message to split off. */
async function splittable(w: World, teamId?: string): Promise<Prepared> {
  const admin = await w.t.adminSession();
  const ticket = await createTicket(w.t, teamId ? { teamId } : {});
  const message = await ok(w.t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '另外一个问题' });
  return { url: `/api/v1/tickets/${ticket.id}/split`, body: { messageId: message.id } };
}
const otherTeam = async (w: World) => (await ok(w.t, 200, 'GET', `/api/v1/tickets/${w.otherTeamTicketId}`, await w.t.adminSession())).teamId as string;

/** Saved views written by a supervisor none of the callers is: one shared, one personal. */
const viewFixtures = new WeakMap<World, Promise<{ author: string; shared: string; strangers: string }>>();
const viewBody = (scope: 'personal' | 'shared' = 'personal') => ({ name: unique('视图 '), scope, filters: { status: 'open,pending' } });
async function savedView(w: World, author: string | null, scope: 'personal' | 'shared'): Promise<string> {
  return (await ok(w.t, 201, 'POST', '/api/v1/saved-views', author ?? (await w.t.adminSession()), viewBody(scope))).id as string;
}
function viewWorld(w: World) {
  let made = viewFixtures.get(w);
  if (!made) {
    made = (async () => {
      const author = (await w.t.staff('supervisor')).cookie;
      return { author, shared: await savedView(w, author, 'shared'), strangers: await savedView(w, author, 'personal') };
    })();
    viewFixtures.set(w, made);
  }
  return made;
}
/** The url of a saved view for this caller; `own` is one the caller just saved. */
const view = (target: CannedTarget) => async (w: World, caller: Caller): Promise<Prepared> => {
  const world = await viewWorld(w);
  const id = target === 'shared' ? world.shared
    : target === 'strangers' ? world.strangers
      : target === 'fresh shared' ? await savedView(w, world.author, 'shared')
        : target === "fresh stranger's" ? await savedView(w, world.author, 'personal')
          : caller === 'anonymous' || caller === 'customer' ? world.shared
            : await savedView(w, w.auth[caller], 'personal');
  return { url: `/api/v1/saved-views/${id}` };
};

/** Attachments: a stranger's unlinked upload, and admin's files on replies and notes of two tickets. */
type AttachmentTarget = 'own' | 'strangers' | 'public' | 'internal' | 'otherTeam';
const attachmentFixtures = new WeakMap<World, Promise<Record<Exclude<AttachmentTarget, 'own'>, string>>>();
const attachmentUpload = () => {
  const { body, headers } = multipart([{ filename: '发票-2026年11月.pdf', type: 'application/pdf', data: `%PDF-1.4 ${unique()}` }]);
  return { body, headers };
};
async function uploadAs(w: World, auth: string | null): Promise<string> {
  const { body, headers } = attachmentUpload();
  return (await w.t.call('POST', '/api/v1/attachments', auth, body, headers)).json().id as string;
}
function attachmentWorld(w: World) {
  let made = attachmentFixtures.get(w);
  if (!made) {
    made = (async () => {
      const admin = await w.t.adminSession();
      const me = await ok(w.t, 200, 'GET', '/api/v1/me', admin);
      const ctx: RequestContext = {
        actor: { userId: me.user.id as string, email: ADMIN.email, name: 'admin', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' },
        ip: null,
        userAgent: null,
      };
      const linked = async (ticketId: string, internal: boolean) => {
        const message = await ok(w.t, 201, 'POST', `/api/v1/tickets/${ticketId}/messages`, admin, { body: '附件见下', internal });
        const id = await uploadAs(w, admin);
        await w.t.deps.db.transaction((tx) => linkAttachments(tx, ctx, [id], { ticketId, messageId: message.id as string }));
        return id;
      };
      const ownTicket = (await createTicket(w.t, { requesterId: w.ownCustomerId })).id as string;
      const otherTeamTicket = (await createTicket(w.t, { teamId: (await createTeam(w.t)).id })).id as string;
      return {
        strangers: await uploadAs(w, (await w.t.customerUser()).cookie),
        public: await linked(ownTicket, false),
        internal: await linked(ownTicket, true),
        otherTeam: await linked(otherTeamTicket, false),
      };
    })();
    attachmentFixtures.set(w, made);
  }
  return made;
}
/** The download url of an attachment; `own` is one the caller just uploaded. */
const attachment = (target: AttachmentTarget) => async (w: World, caller: Caller): Promise<Prepared> => {
  const world = await attachmentWorld(w);
  const id = target !== 'own' ? world[target] : caller === 'anonymous' ? world.strangers : await uploadAs(w, w.auth[caller]);
  return { url: `/api/v1/attachments/${id}` };
};

/** A business calendar of the admin's for the matrix (one per world), or a fresh one to delete. */
const calendarFixtures = new WeakMap<World, Promise<string>>();
const calendarBody = () => ({ name: unique('日历 '), timeZone: 'Asia/Shanghai', weekly: { '1': [{ start: '09:00', end: '18:00' }] } });
const newCalendar = async (w: World) => (await ok(w.t, 201, 'POST', '/api/v1/business-calendars', await w.t.adminSession(), calendarBody())).id as string;
const calendar = (suffix = '', fresh = false) => async (w: World): Promise<Prepared> => {
  let made = calendarFixtures.get(w);
  if (!made) calendarFixtures.set(w, (made = newCalendar(w)));
  return { url: `/api/v1/business-calendars/${fresh ? await newCalendar(w) : await made}${suffix}` };
};

/** An SLA policy of the matrix's (one per world), or a fresh one to delete. */
const policyFixtures = new WeakMap<World, Promise<string>>();
const policyBody = () => ({ name: unique('协议 '), conditions: { tags: ['矩阵'] }, targets: { first_response: { minutes: 60, businessTime: true } } });
const newPolicy = async (w: World) => (await ok(w.t, 201, 'POST', '/api/v1/sla-policies', await w.t.adminSession(), policyBody())).id as string;
const slaPolicy = (fresh = false) => async (w: World): Promise<Prepared> => {
  let made = policyFixtures.get(w);
  if (!made) policyFixtures.set(w, (made = newPolicy(w)));
  return { url: `/api/v1/sla-policies/${fresh ? await newPolicy(w) : await made}` };
};
const policyOrder = async (w: World): Promise<Prepared> => {
  await slaPolicy()(w);
  const { items } = await ok(w.t, 200, 'GET', '/api/v1/sla-policies', await w.t.adminSession());
  return { body: { ids: items.map((p: { id: string }) => p.id).reverse() } };
};

/** Mailboxes: a shared one to read, fresh ones to change or delete; inbound emails on two tickets. */
const mailFixtures = new WeakMap<World, Promise<{ mailboxId: string; ownEmailId: string; otherTeamEmailId: string }>>();
const mailWorld = (w: World) => {
  let made = mailFixtures.get(w);
  if (!made) {
    made = (async () => {
      const admin = await w.t.adminSession();
      const mailbox = await ok(w.t, 201, 'POST', '/api/v1/mailboxes', admin, { name: '矩阵邮箱', address: `${unique('matrix')}@localhost`, teamId: w.teamId });
      const [def] = (await ok(w.t, 200, 'GET', '/api/v1/mailboxes', admin)).items.filter((m: { isDefault: boolean }) => m.isDefault);
      const deps = mailDepsOf(w.t);
      // The customer caller's own mail (no team: every agent sees it) and a stranger's in a team no agent caller is in.
      const own = await ingestRawMail(deps, { mailboxId: def.id, raw: Buffer.from(rawMail({ from: w.emails.customer, subject: '矩阵邮件' })) });
      const other = await ingestRawMail(deps, { mailboxId: mailbox.id, raw: Buffer.from(rawMail({ from: `${unique('stranger')}@example.com`, subject: '别人的邮件' })) });
      return { mailboxId: mailbox.id as string, ownEmailId: own.mailMessageId, otherTeamEmailId: other.mailMessageId };
    })();
    mailFixtures.set(w, made);
  }
  return made;
};
const freshMailbox = async (w: World, suffix = ''): Promise<Prepared> => {
  const m = await ok(w.t, 201, 'POST', '/api/v1/mailboxes', await w.t.adminSession(), { name: '临时邮箱', address: `${unique('tmp')}@localhost` });
  return { url: `/api/v1/mailboxes/${m.id}${suffix}` };
};

/** A mail in the outbox (one per world), addressed to nobody among the callers. */
const outboxFixtures = new WeakMap<World, Promise<string>>();
const outboxMail = async (w: World): Promise<Prepared> => {
  let made = outboxFixtures.get(w);
  if (!made) {
    made = (async () => {
      await outboxTransport(w.t.deps).send({ kind: 'notification', from: 'Kefu <noreply@localhost>', to: 'matrix@example.com', subject: '矩阵', text: '矩阵' });
      return (await ok(w.t, 200, 'GET', '/api/v1/outbox?to=matrix%40example.com', await w.t.adminSession())).items[0].id as string;
    })();
    outboxFixtures.set(w, made);
  }
  return { url: `/api/v1/outbox/${await made}` };
};

/** Knowledge base: a published public and a published internal article (each with a file), and a category, made by admin. */
const kbFixtures = new WeakMap<World, Promise<{ pub: string; internal: string; pubFile: string; internalFile: string; category: string }>>();
async function kbArticle(w: World, body: Record<string, unknown> = {}, publish = true): Promise<string> {
  const admin = await w.t.adminSession();
  const a = await ok(w.t, 201, 'POST', '/api/v1/kb/articles', admin, { title: unique('知识 '), bodyHtml: '<p>矩阵正文</p>', ...body });
  if (publish) await ok(w.t, 200, 'POST', `/api/v1/kb/articles/${a.id}/state`, admin, { state: 'published' });
  return a.id as string;
}
async function kbFile(w: World): Promise<string> {
  const { body, headers } = multipart([{ filename: '说明.txt', type: 'text/plain', data: `矩阵附件 ${unique()}` }]);
  return (await w.t.call('POST', '/api/v1/kb/attachments', await w.t.adminSession(), body, headers)).json().id as string;
}
function kbWorld(w: World) {
  let made = kbFixtures.get(w);
  if (!made) {
    made = (async () => {
      const [pubFile, internalFile] = [await kbFile(w), await kbFile(w)];
      return {
        pub: await kbArticle(w, { attachmentIds: [pubFile] }),
        internal: await kbArticle(w, { visibility: 'internal', attachmentIds: [internalFile] }),
        pubFile,
        internalFile,
        category: (await ok(w.t, 201, 'POST', '/api/v1/kb/categories', await w.t.adminSession(), { name: unique('分类 ') })).id as string,
      };
    })();
    kbFixtures.set(w, made);
  }
  return made;
}
const kb = (target: 'pub' | 'internal' | 'fresh' | 'fresh draft', suffix = '') => async (w: World): Promise<Prepared> => {
  const id = target === 'fresh' ? await kbArticle(w) : target === 'fresh draft' ? await kbArticle(w, {}, false) : (await kbWorld(w))[target];
  return { url: `/api/v1/kb/articles/${id}${suffix}` };
};
const kbCategory = (fresh: boolean, suffix = '') => async (w: World): Promise<Prepared> => ({
  url: `/api/v1/kb/categories/${fresh ? (await ok(w.t, 201, 'POST', '/api/v1/kb/categories', await w.t.adminSession(), { name: unique('分类 ') })).id : (await kbWorld(w)).category}${suffix}`,
});

export const matrix: Row[] = [
  // knowledge base: published public content is open to everyone (the portal); internal articles, history and usage are staff-only (404);
  // staff write; supervisors manage categories and delete articles
  { route: 'GET /api/v1/kb/categories', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/v1/kb/categories', expect: s(401, 403, 403, 201, 201, 403), prepare: () => ({ body: { name: unique('分类 ') } }) },
  { route: 'PATCH /api/v1/kb/categories/:id', expect: s(401, 403, 403, 200, 200, 403), body: { description: '矩阵' }, prepare: kbCategory(false) },
  { route: 'POST /api/v1/kb/categories/:id/move', expect: s(401, 403, 403, 200, 200, 403), body: { parentId: null, position: 0 }, prepare: kbCategory(false, '/move') },
  { route: 'DELETE /api/v1/kb/categories/:id', expect: s(401, 403, 403, 204, 204, 403), prepare: kbCategory(true) },
  { route: 'GET /api/v1/kb/articles', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/v1/kb/articles', expect: s(401, 403, 201, 201, 201, 201), prepare: () => ({ body: { title: unique('知识 '), bodyHtml: '<p>新文章</p>' } }) },
  { route: 'POST /api/v1/kb/articles/from-ticket', variant: "the customer's own ticket", expect: s(401, 403, 201, 201, 201, 201), prepare: (w) => ({ body: { ticketId: w.ownTicketId } }) },
  { route: 'POST /api/v1/kb/articles/from-ticket', variant: "another team's ticket", expect: s(401, 403, 404, 201, 201, 404), prepare: (w) => ({ body: { ticketId: w.otherTeamTicketId } }) },
  { route: 'GET /api/v1/kb/articles/:id', variant: 'published public', expect: s(200, 200, 200, 200, 200, 200), prepare: kb('pub') },
  { route: 'GET /api/v1/kb/articles/:id', variant: 'internal', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('internal') },
  { route: 'GET /api/v1/kb/articles/:id', variant: 'draft', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('fresh draft') },
  { route: 'PATCH /api/v1/kb/articles/:id', expect: s(401, 403, 200, 200, 200, 200), body: { tags: ['矩阵'] }, prepare: kb('pub') },
  { route: 'DELETE /api/v1/kb/articles/:id', expect: s(401, 403, 403, 204, 204, 403), prepare: kb('fresh') },
  { route: 'POST /api/v1/kb/articles/:id/state', expect: s(401, 403, 200, 200, 200, 200), body: { state: 'published' }, prepare: kb('fresh draft', '/state') },
  { route: 'POST /api/v1/kb/articles/:id/translation', expect: s(401, 403, 200, 200, 200, 200), body: { translationOf: null }, prepare: kb('fresh', '/translation') },
  { route: 'GET /api/v1/kb/articles/:id/versions', variant: 'published public', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('pub', '/versions') },
  { route: 'GET /api/v1/kb/articles/:id/versions', variant: 'internal', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('internal', '/versions') },
  { route: 'GET /api/v1/kb/articles/:id/versions/:version', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('internal', '/versions/1') },
  { route: 'GET /api/v1/kb/articles/:id/diff', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('pub', '/diff?from=1&to=2') },
  { route: 'POST /api/v1/kb/articles/:id/versions/:version/restore', expect: s(401, 403, 200, 200, 200, 200), prepare: kb('fresh', '/versions/1/restore') },
  { route: 'POST /api/v1/kb/articles/:id/view', variant: 'published public', expect: s(200, 200, 200, 200, 200, 200), prepare: kb('pub', '/view') },
  { route: 'POST /api/v1/kb/articles/:id/view', variant: 'internal', expect: s(404, 404, 200, 200, 200, 200), prepare: kb('internal', '/view') },
  { route: 'PUT /api/v1/kb/articles/:id/vote', variant: 'published public', expect: s(200, 200, 200, 200, 200, 200), body: { helpful: true }, prepare: kb('pub', '/vote') },
  { route: 'PUT /api/v1/kb/articles/:id/vote', variant: 'internal', expect: s(404, 404, 200, 200, 200, 200), body: { helpful: false }, prepare: kb('internal', '/vote') },
  { route: 'POST /api/v1/kb/articles/:id/deflect', expect: s(200, 200, 200, 200, 200, 200), body: {}, prepare: kb('pub', '/deflect') },
  { route: 'POST /api/v1/kb/articles/:id/uses', variant: "the customer's own ticket", expect: s(401, 403, 200, 200, 200, 200), prepare: async (w) => ({ ...(await kb('pub', '/uses')(w)), body: { ticketId: w.ownTicketId } }) },
  { route: 'POST /api/v1/kb/articles/:id/uses', variant: "another team's ticket", expect: s(401, 403, 404, 200, 200, 404), prepare: async (w) => ({ ...(await kb('pub', '/uses')(w)), body: { ticketId: w.otherTeamTicketId } }) },
  { route: 'GET /api/v1/kb/articles/:id/tickets', expect: s(401, 404, 200, 200, 200, 200), prepare: kb('pub', '/tickets') },
  { route: 'GET /api/v1/kb/search', expect: s(200, 200, 200, 200, 200, 200), prepare: () => ({ url: `/api/v1/kb/search?q=${encodeURIComponent('矩阵')}` }) },
  { route: 'GET /api/v1/kb/suggest', expect: s(200, 200, 200, 200, 200, 200), prepare: () => ({ url: `/api/v1/kb/suggest?q=${encodeURIComponent('知识')}` }) },
  { route: 'GET /api/v1/kb/analytics', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/kb/attachments', expect: s(401, 403, 201, 201, 201, 201),
    prepare: () => multipart([{ filename: '说明.txt', type: 'text/plain', data: `矩阵附件 ${unique()}` }]) },
  { route: 'GET /api/v1/kb/attachments/:id', variant: 'on a published public article', expect: s(200, 200, 200, 200, 200, 200), prepare: async (w) => ({ url: `/api/v1/kb/attachments/${(await kbWorld(w)).pubFile}` }) },
  { route: 'GET /api/v1/kb/attachments/:id', variant: 'on an internal article', expect: s(404, 404, 200, 200, 200, 200), prepare: async (w) => ({ url: `/api/v1/kb/attachments/${(await kbWorld(w)).internalFile}` }) },
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
  // tickets: staff see their teams' and untriaged tickets, customers their own
  { route: 'POST /api/v1/tickets', expect: s(401, 201, 201, 201, 201, 201),
    prepare: (w, caller) => ({ body: caller === 'customer' ? { subject: '无法登录', body: '请帮忙' } : { subject: '来电咨询', requesterId: w.otherCustomerId } }) },
  { route: 'GET /api/v1/tickets', expect: s(401, 200, 200, 200, 200, 200) },
  { route: 'GET /api/v1/tickets/:id', variant: "the customer's own ticket", expect: s(401, 200, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/tickets/${w.ownTicketId}` }) },
  { route: 'GET /api/v1/tickets/:id', variant: "another team's ticket", expect: s(401, 404, 404, 200, 200, 404), prepare: (w) => ({ url: `/api/v1/tickets/${w.otherTeamTicketId}` }) },
  { route: 'PATCH /api/v1/tickets/:id', variant: 'staff field on a visible ticket', expect: s(401, 403, 200, 200, 200, 200), body: { priority: 'high' }, prepare: (w) => ({ url: `/api/v1/tickets/${w.ownTicketId}` }) },
  { route: 'PATCH /api/v1/tickets/:id', variant: "another team's ticket", expect: s(401, 403, 404, 200, 200, 404), body: { priority: 'high' }, prepare: (w) => ({ url: `/api/v1/tickets/${w.otherTeamTicketId}` }) },
  { route: 'POST /api/v1/tickets/:id/messages', expect: s(401, 201, 201, 201, 201, 201), body: { body: '您好，已收到' }, prepare: (w) => ({ url: `/api/v1/tickets/${w.ownTicketId}/messages` }) },
  { route: 'GET /api/v1/tickets/:id/timeline', expect: s(401, 200, 200, 200, 200, 200), prepare: (w) => ({ url: `/api/v1/tickets/${w.ownTicketId}/timeline` }) },
  { route: 'POST /api/v1/tickets/:id/complaint/confirmation', expect: s(401, 403, 200, 200, 200, 200), body: { outcome: 'confirmed' }, prepare: (w) => ({ url: `/api/v1/tickets/${w.ownComplaintId}/complaint/confirmation` }) },
  { route: 'POST /api/v1/tickets/:id/complaint/lesson', expect: s(401, 403, 201, 201, 201, 201),
    prepare: async (w) => ({ url: `/api/v1/tickets/${(await createTicket(w.t, { type: 'complaint', requesterId: w.ownCustomerId, complaint: { rootCause: '包装破损', remedies: ['replacement'] } })).id}/complaint/lesson` }) },
  { route: 'GET /api/v1/follow-ups', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/follow-ups/:id/complete', expect: s(401, 403, 200, 200, 200, 200), body: { outcome: 'satisfied' }, prepare: async (w) => ({ url: `/api/v1/follow-ups/${await freshFollowUp(w)}/complete` }) },
  { route: 'GET /api/v1/notifications', expect: s(401, 200, 200, 200, 200, 200) },
  { route: 'POST /api/v1/notifications/read', expect: s(401, 204, 204, 204, 204, 204), body: { ids: 'all' } },
  // audit: admins only
  { route: 'GET /api/v1/audit-events', expect: s(401, 403, 403, 403, 200, 403) },
  // custom fields: admins manage; staff read all; customers read the active fields shown in the portal
  { route: 'GET /api/v1/custom-fields', expect: s(401, 200, 200, 200, 200, 200) },
  { route: 'POST /api/v1/custom-fields', expect: s(401, 403, 403, 403, 201, 403),
    prepare: () => ({ body: { key: unique('cf_').toLowerCase(), kind: 'text', label: { 'zh-CN': '序列号', en: 'Serial number' } } }) },
  { route: 'POST /api/v1/custom-fields/reorder', expect: s(401, 403, 403, 403, 200, 403),
    prepare: async (w) => ({ body: { ids: [(await ok(w.t, 201, 'POST', '/api/v1/custom-fields', w.auth.admin!, { key: unique('cf_').toLowerCase(), kind: 'checkbox', label: { 'zh-CN': '保修', en: 'Warranty' } })).id] } }) },
  { route: 'GET /api/v1/custom-fields/:id', variant: 'a field shown in the portal', expect: s(401, 200, 200, 200, 200, 200),
    prepare: async (w) => ({ url: `/api/v1/custom-fields/${(await ok(w.t, 201, 'POST', '/api/v1/custom-fields', w.auth.admin!, { key: unique('cf_').toLowerCase(), kind: 'date', visibleToCustomer: true, label: { 'zh-CN': '购买日期', en: 'Purchased on' } })).id}` }) },
  { route: 'GET /api/v1/custom-fields/:id', variant: 'an internal field', expect: s(401, 404, 200, 200, 200, 200),
    prepare: async (w) => ({ url: `/api/v1/custom-fields/${(await ok(w.t, 201, 'POST', '/api/v1/custom-fields', w.auth.admin!, { key: unique('cf_').toLowerCase(), kind: 'text', label: { 'zh-CN': '内部评级', en: 'Internal grade' } })).id}` }) },
  { route: 'PATCH /api/v1/custom-fields/:id', expect: s(401, 403, 403, 403, 200, 403), body: { required: false },
    prepare: async (w) => ({ url: `/api/v1/custom-fields/${(await ok(w.t, 201, 'POST', '/api/v1/custom-fields', w.auth.admin!, { key: unique('cf_').toLowerCase(), kind: 'number', label: { 'zh-CN': '数量', en: 'Quantity' } })).id}` }) },
  { route: 'DELETE /api/v1/custom-fields/:id', expect: s(401, 403, 403, 403, 204, 403),
    prepare: async (w) => ({ url: `/api/v1/custom-fields/${(await ok(w.t, 201, 'POST', '/api/v1/custom-fields', w.auth.admin!, { key: unique('cf_').toLowerCase(), kind: 'text', label: { 'zh-CN': '备注', en: 'Remark' } })).id}` }) },
  // canned responses: staff only; shared ones need a supervisor to change; personal ones their owner (or an admin)
  { route: 'GET /api/v1/canned-responses', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'GET /api/v1/canned-responses/categories', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/canned-responses', variant: 'personal', expect: s(401, 403, 201, 201, 201, 201), prepare: () => ({ body: cannedBody('personal') }) },
  { route: 'POST /api/v1/canned-responses', variant: 'shared', expect: s(401, 403, 403, 201, 201, 403), prepare: () => ({ body: cannedBody('shared') }) },
  { route: 'GET /api/v1/canned-responses/:id', variant: 'shared', expect: s(401, 404, 200, 200, 200, 200), prepare: canned('shared') },
  { route: 'GET /api/v1/canned-responses/:id', variant: "another user's personal", expect: s(401, 404, 404, 404, 200, 404), prepare: canned('strangers') },
  { route: 'GET /api/v1/canned-responses/:id', variant: 'own personal', expect: s(401, 404, 200, 200, 200, 200), prepare: canned('own') },
  { route: 'PATCH /api/v1/canned-responses/:id', variant: 'shared', expect: s(401, 403, 403, 200, 200, 403), body: { category: '物流' }, prepare: canned('shared') },
  { route: 'PATCH /api/v1/canned-responses/:id', variant: "another user's personal", expect: s(401, 403, 404, 404, 200, 404), body: { category: '物流' }, prepare: canned('strangers') },
  { route: 'PATCH /api/v1/canned-responses/:id', variant: 'own personal', expect: s(401, 403, 200, 200, 200, 200), body: { category: '物流' }, prepare: canned('own') },
  { route: 'DELETE /api/v1/canned-responses/:id', variant: 'shared', expect: s(401, 403, 403, 204, 204, 403), prepare: canned('fresh shared') },
  { route: 'DELETE /api/v1/canned-responses/:id', variant: "another user's personal", expect: s(401, 403, 404, 404, 204, 404), prepare: canned("fresh stranger's") },
  { route: 'DELETE /api/v1/canned-responses/:id', variant: 'own personal', expect: s(401, 403, 204, 204, 204, 204), prepare: canned('own') },
  { route: 'POST /api/v1/canned-responses/preview', expect: s(401, 403, 200, 200, 200, 200), body: { body: '<p>{{agent.name}}</p>', context: { ticket: { number: 10042 } } } },
  { route: 'POST /api/v1/canned-responses/:id/render', variant: 'shared', expect: s(401, 404, 200, 200, 200, 200), body: { context: { customer: { name: '张伟' } } }, prepare: canned('shared', '/render') },
  { route: 'POST /api/v1/canned-responses/:id/render', variant: "another user's personal", expect: s(401, 404, 404, 404, 200, 404), body: {}, prepare: canned('strangers', '/render') },
  // ticket tools: staff only; merge and split need both tickets visible (404 otherwise)
  { route: 'POST /api/v1/tickets/:id/merge', variant: 'untriaged tickets', expect: s(401, 403, 200, 200, 200, 200), prepare: (w) => mergePair(w) },
  { route: 'POST /api/v1/tickets/:id/merge', variant: "another team's tickets", expect: s(401, 403, 404, 200, 200, 404), prepare: async (w) => mergePair(w, await otherTeam(w)) },
  { route: 'POST /api/v1/tickets/:id/split', variant: 'untriaged ticket', expect: s(401, 403, 201, 201, 201, 201), prepare: (w) => splittable(w) },
  { route: 'POST /api/v1/tickets/:id/split', variant: "another team's ticket", expect: s(401, 403, 404, 201, 201, 404), prepare: async (w) => splittable(w, await otherTeam(w)) },
  { route: 'POST /api/v1/tickets/bulk', expect: s(401, 403, 200, 200, 200, 200), prepare: (w) => ({ body: { ids: [w.ownTicketId, w.otherTeamTicketId], changes: { priority: 'high' } } }) },
  // saved views: staff only; shared ones need a supervisor to change; personal ones only their owner
  { route: 'GET /api/v1/saved-views', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/saved-views', variant: 'personal', expect: s(401, 403, 201, 201, 201, 201), prepare: () => ({ body: viewBody('personal') }) },
  { route: 'POST /api/v1/saved-views', variant: 'shared', expect: s(401, 403, 403, 201, 201, 403), prepare: () => ({ body: viewBody('shared') }) },
  { route: 'PATCH /api/v1/saved-views/:id', variant: 'shared', expect: s(401, 403, 403, 200, 200, 403), body: { position: 3 }, prepare: view('shared') },
  { route: 'PATCH /api/v1/saved-views/:id', variant: "another user's personal", expect: s(401, 403, 404, 404, 404, 404), body: { position: 3 }, prepare: view('strangers') },
  { route: 'PATCH /api/v1/saved-views/:id', variant: 'own personal', expect: s(401, 403, 200, 200, 200, 200), body: { position: 3 }, prepare: view('own') },
  { route: 'DELETE /api/v1/saved-views/:id', variant: 'shared', expect: s(401, 403, 403, 204, 204, 403), prepare: view('fresh shared') },
  { route: 'DELETE /api/v1/saved-views/:id', variant: "another user's personal", expect: s(401, 403, 404, 404, 404, 404), prepare: view("fresh stranger's") },
  { route: 'DELETE /api/v1/saved-views/:id', variant: 'own personal', expect: s(401, 403, 204, 204, 204, 204), prepare: view('own') },
  // attachments: anyone signed in uploads; an upload is its uploader's alone until linked, then follows the ticket (internal notes: staff only)
  { route: 'POST /api/v1/attachments', expect: s(401, 201, 201, 201, 201, 201), prepare: attachmentUpload },
  { route: 'GET /api/v1/attachments/:id', variant: 'own unlinked upload', expect: s(401, 200, 200, 200, 200, 200), prepare: attachment('own') },
  { route: 'GET /api/v1/attachments/:id', variant: "another user's unlinked upload", expect: s(401, 404, 404, 404, 404, 404), prepare: attachment('strangers') },
  { route: 'GET /api/v1/attachments/:id', variant: "a reply's file on the customer's own ticket", expect: s(401, 200, 200, 200, 200, 200), prepare: attachment('public') },
  { route: 'GET /api/v1/attachments/:id', variant: "an internal note's file", expect: s(401, 404, 200, 200, 200, 200), prepare: attachment('internal') },
  { route: 'GET /api/v1/attachments/:id', variant: "a file on another team's ticket", expect: s(401, 404, 404, 200, 200, 404), prepare: attachment('otherTeam') },
  // business calendars: staff read them and ask what-if questions; admins write
  { route: 'POST /api/v1/tickets/counts', expect: s(401, 403, 200, 200, 200, 200), body: { views: [{ key: 'mine', filters: { assignee: 'me' } }] } },
  { route: 'GET /api/v1/sla-policies', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/sla-policies', expect: s(401, 403, 403, 201, 201, 403), prepare: () => ({ body: policyBody() }) },
  { route: 'PUT /api/v1/sla-policies/order', expect: s(401, 403, 403, 200, 200, 403), prepare: policyOrder },
  { route: 'GET /api/v1/sla-policies/:id', expect: s(401, 404, 200, 200, 200, 200), prepare: slaPolicy() },
  { route: 'PATCH /api/v1/sla-policies/:id', expect: s(401, 403, 403, 200, 200, 403), body: { description: '矩阵' }, prepare: slaPolicy() },
  { route: 'DELETE /api/v1/sla-policies/:id', expect: s(401, 403, 403, 204, 204, 403), prepare: slaPolicy(true) },
  { route: 'POST /api/v1/tickets/:id/escalate', expect: s(401, 200, 200, 200, 200, 200), body: { reason: '请尽快处理' },
    prepare: async (w) => ({ url: `/api/v1/tickets/${(await createTicket(w.t, { requesterId: w.ownCustomerId })).id}/escalate` }) },
  { route: 'POST /api/v1/tickets/:id/escalate', variant: "another team's ticket", expect: s(401, 404, 404, 200, 200, 404), body: { reason: '请尽快处理' },
    prepare: (w) => ({ url: `/api/v1/tickets/${w.otherTeamTicketId}/escalate` }) },
  // rating (CSAT): the requester's own word on a resolved request; staff and tokens never rate
  { route: 'PUT /api/v1/tickets/:id/rating', expect: s(401, 200, 403, 403, 403, 403), body: { score: 4, comment: '满意' },
    prepare: async (w) => {
      const ticket = await createTicket(w.t, { requesterId: w.ownCustomerId });
      await ok(w.t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, await w.t.adminSession(), { status: 'resolved' });
      return { url: `/api/v1/tickets/${ticket.id}/rating` };
    } },
  { route: 'PUT /api/v1/tickets/:id/rating', variant: "another team's ticket", expect: s(401, 404, 403, 403, 403, 403), body: { score: 4 },
    prepare: (w) => ({ url: `/api/v1/tickets/${w.otherTeamTicketId}/rating` }) },
  { route: 'GET /api/v1/business-calendars', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/business-calendars', expect: s(401, 403, 403, 403, 201, 403), prepare: () => ({ body: calendarBody() }) },
  { route: 'GET /api/v1/business-calendars/:id', expect: s(401, 404, 200, 200, 200, 200), prepare: calendar() },
  { route: 'PATCH /api/v1/business-calendars/:id', expect: s(401, 403, 403, 403, 200, 403), body: { makeUpWeekday: 1 }, prepare: calendar() },
  { route: 'DELETE /api/v1/business-calendars/:id', expect: s(401, 403, 403, 403, 204, 403), prepare: calendar('', true) },
  { route: 'POST /api/v1/business-calendars/:id/import', expect: s(401, 403, 403, 403, 200, 403), body: { format: 'json', content: '{"holidays":[{"date":"2026-12-25","name":"圣诞"}]}' }, prepare: calendar('/import') },
  { route: 'POST /api/v1/business-calendars/:id/compute', expect: s(401, 404, 200, 200, 200, 200), body: { start: '2026-03-02T09:00:00Z', minutes: 60 }, prepare: calendar('/compute') },
  // notification preferences: each staff member's own; the outbox of sent mail: admins only
  { route: 'GET /api/v1/me/notification-preferences', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'PUT /api/v1/me/notification-preferences', expect: s(401, 403, 200, 200, 200, 200), body: { items: [{ kind: 'sla.warning', inApp: true, email: false }] } },
  { route: 'GET /api/v1/outbox', expect: s(401, 403, 403, 403, 200, 403) },
  { route: 'GET /api/v1/outbox/:id', expect: s(401, 403, 403, 403, 200, 403), prepare: outboxMail },
  // mailboxes hold credentials: admins manage them, supervisors read them; any staff lists where a reply may go out from
  { route: 'GET /api/v1/mailboxes', expect: s(401, 403, 403, 200, 200, 403) },
  { route: 'GET /api/v1/mailboxes/choices', expect: s(401, 403, 200, 200, 200, 200) },
  { route: 'POST /api/v1/mailboxes', expect: s(401, 403, 403, 403, 201, 403), prepare: () => ({ body: { name: '新邮箱', address: `${unique('new')}@localhost` } }) },
  { route: 'GET /api/v1/mailboxes/:id', expect: s(401, 404, 404, 200, 200, 404), prepare: async (w) => ({ url: `/api/v1/mailboxes/${(await mailWorld(w)).mailboxId}` }) },
  { route: 'PATCH /api/v1/mailboxes/:id', expect: s(401, 403, 403, 403, 200, 403), body: { unknownSenderPolicy: 'new_ticket' }, prepare: async (w) => ({ url: `/api/v1/mailboxes/${(await mailWorld(w)).mailboxId}` }) },
  { route: 'DELETE /api/v1/mailboxes/:id', expect: s(401, 403, 403, 403, 204, 403), prepare: (w) => freshMailbox(w) },
  { route: 'POST /api/v1/mailboxes/:id/test', expect: s(401, 403, 403, 403, 200, 403), prepare: (w) => freshMailbox(w, '/test') },
  { route: 'GET /api/v1/mail-messages/:id/raw', variant: "the customer's own email", expect: s(401, 200, 200, 200, 200, 200), prepare: async (w) => ({ url: `/api/v1/mail-messages/${(await mailWorld(w)).ownEmailId}/raw` }) },
  { route: 'GET /api/v1/mail-messages/:id/raw', variant: "an email on another team's ticket", expect: s(401, 404, 404, 200, 200, 404), prepare: async (w) => ({ url: `/api/v1/mail-messages/${(await mailWorld(w)).otherTeamEmailId}/raw` }) },
  // customer accounts: public requests answer alike for everyone (no enumeration); links are checked, not callers
  { route: 'POST /api/v1/auth/register', expect: s(202, 202, 202, 202, 202, 202), prepare: () => ({ body: { email: `${unique('matrix')}@example.com`, password: 'matrix-pass-phrase-1', name: '矩阵' } }) },
  { route: 'POST /api/v1/auth/verify', expect: s(400, 400, 400, 400, 400, 400), body: { token: 'A'.repeat(43) } },
  { route: 'POST /api/v1/auth/verify/resend', expect: s(202, 202, 202, 202, 202, 202), prepare: () => ({ body: { email: `${unique('matrix')}@example.com` } }) },
  { route: 'POST /api/v1/auth/password-reset', expect: s(202, 202, 202, 202, 202, 202), prepare: () => ({ body: { email: `${unique('matrix')}@example.com` } }) },
  { route: 'POST /api/v1/auth/password-reset/confirm', expect: s(400, 400, 400, 400, 400, 400), body: { token: 'B'.repeat(43), password: 'matrix-pass-phrase-1' } },
  { route: 'POST /api/v1/auth/login-link', variant: 'turned off (default)', expect: s(403, 403, 403, 403, 403, 403), body: { email: 'matrix@example.com' } },
  { route: 'POST /api/v1/auth/login-link/confirm', variant: 'turned off (default)', expect: s(403, 403, 403, 403, 403, 403), body: { token: 'C'.repeat(43) } },
  { route: 'POST /api/v1/auth/invitation/accept', expect: s(400, 400, 400, 400, 400, 400), body: { token: 'D'.repeat(43), password: 'matrix-pass-phrase-1' } },
  { route: 'POST /api/v1/customers/:id/invite', expect: s(401, 403, 403, 403, 201, 403), body: {},
    prepare: async (w) => ({ url: `/api/v1/customers/${(await createCustomer(w.t, { emails: [`${unique('invite')}@example.com`] })).id}/invite` }) },
  // portal settings: public to read (sign-in pages use them); admins write; the portal account is a customer's own
  { route: 'GET /api/v1/portal/settings', expect: s(200, 200, 200, 200, 200, 200) },
  { route: 'PUT /api/v1/portal/settings', expect: s(401, 403, 403, 403, 200, 403), body: { primaryColor: '#1d4ed8' } },
  { route: 'GET /api/v1/portal/logo', variant: 'none uploaded', expect: s(404, 404, 404, 404, 404, 404) },
  { route: 'GET /api/v1/portal/account', expect: s(401, 200, 403, 403, 403, 403) },
  // reports compare teams and agents: supervisors and admins only (the agent-limited token is refused too)
  { route: 'GET /api/v1/reports/sla', expect: s(401, 403, 403, 200, 200, 403), prepare: () => ({ url: '/api/v1/reports/sla?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=team' }) },
  { route: 'GET /api/v1/reports/sla.csv', expect: s(401, 403, 403, 200, 200, 403), prepare: () => ({ url: '/api/v1/reports/sla.csv?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=agent' }) },
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
    ownTicketId: (await createTicket(t, { requesterId: customer.customerId })).id,
    ownComplaintId: (await createTicket(t, { requesterId: customer.customerId, type: 'complaint' })).id,
    otherTeamTicketId: (await createTicket(t, { teamId: (await createTeam(t)).id })).id,
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
      const res = await w.t.call(method, url, auth, prepared.body ?? row.body, prepared.headers);
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

import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import { ok, type Json } from './factories.js';

/** An anonymous call from `ip` (the throttles count per address). */
export const anon = (t: TestApp, url: string, body: unknown, ip = '198.51.100.1'): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });

/** Runs the queued mail jobs, then returns what the outbox holds for `email`, newest first, with bodies. */
export async function mailTo(t: TestApp, email: string): Promise<Json[]> {
  await t.deps.jobs.runDue();
  const cookie = await t.adminSession();
  const page = await ok(t, 200, 'GET', `/api/v1/outbox?to=${encodeURIComponent(email)}`, cookie);
  return Promise.all(page.items.map((m: { id: string }) => ok(t, 200, 'GET', `/api/v1/outbox/${m.id}`, cookie)));
}

/** The secret in a mail's link. */
export function tokenOf(mail: Json): string {
  const m = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text as string);
  if (!m) throw new Error(`no link in mail: ${mail.text}`);
  return m[1]!;
}

export const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'kefu_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `kefu_session=${c.value}`;
};
